/**
 * The demo's noise traders. Each step (one per block, called by the orchestrator on every new
 * head) the reference prices take a random-walk step, and the traders send what the seed planned
 * for that step to the PUBLIC MEMPOOL as signed raw transactions: swaps of heavy-tailed sizes
 * through the real V2 routers and the V3 SwapRouter, leaning towards the reference prices, and now
 * and then liquidity added or removed. The node does not automine: the builder mines them.
 */
import { Contract, type Wallet } from "ethers";
import { ERC20, NO_DEADLINE, POSITION_MANAGER, SWAP_ROUTER, V2_PAIR, V2_ROUTER } from "./abis";
import { v2Venue, type DevnetAddresses } from "./addresses";
import { DemoError } from "./demoError";
import { discoverPools, type MarketPool } from "./marketPools";
import { readPool, type PoolView } from "./poolState";
import { Prng } from "../../core/prng";
import { RawSender, type RpcProvider } from "./rawSender";
import { ReferencePrices, type PricedToken } from "./referencePrices";
import { planStep, type IntendedAction } from "./tradePlan";

export interface MarketSimulatorOptions {
  readonly provider: RpcProvider;
  /** Funded noise traders (see fundTraders). */
  readonly traders: ReadonlyArray<Wallet>;
  readonly addresses: DevnetAddresses;
  /** Tokens with their reference prices (e.g. SeededMarket.tokens); pools of other tokens are ignored. */
  readonly tokens: ReadonlyArray<PricedToken>;
  readonly seed: number;
  /** How much happens per step; 1 is about four swaps a block. Default 1. */
  readonly intensity?: number;
  /** How strongly traders follow the reference price (0: not at all, < 0.5). Default 0.45. */
  readonly lean?: number;
}

/** One transaction-sending action, as realised against the chain. */
export interface SentAction {
  readonly intent: IntendedAction;
  readonly kind: "v2-swap" | "v3-swap" | "v2-add" | "v3-mint" | "v2-remove" | "v3-decrease";
  readonly pool: string;
  readonly venue: string;
  readonly trader: string;
  readonly tokenIn?: string;
  readonly tokenOut?: string;
  readonly amountIn?: bigint;
  /** true when the swap goes the way the reference price points. */
  readonly withReference?: boolean;
  readonly hashes: ReadonlyArray<string>;
}

export interface StepReport {
  readonly step: number;
  readonly blockNumber: number;
  readonly intents: ReadonlyArray<IntendedAction>;
  readonly sent: ReadonlyArray<SentAction>;
  readonly skipped: ReadonlyArray<{ readonly intent: IntendedAction; readonly reason: string }>;
  /** Reference prices after this step's move, USD per whole token by symbol. */
  readonly referencePrices: Readonly<Record<string, number>>;
}

const GAS = {
  v2Swap: 250_000n,
  v3Swap: 800_000n,
  v2Add: 300_000n,
  approve: 80_000n,
  v2Remove: 300_000n,
  v3Mint: 900_000n,
  v3Decrease: 400_000n,
};
const GWEI = 10n ** 9n;
const MAX_UINT128 = 2n ** 128n - 1n;

/** x * f for a fraction f in [0, 1], in bigint, to 1e-12. */
function scale(x: bigint, f: number): bigint {
  return (x * BigInt(Math.floor(f * 1e12))) / 10n ** 12n;
}

export class MarketSimulator {
  private readonly rng: Prng;
  private readonly prices: ReferencePrices;
  private readonly decimals: Map<string, number>;
  private readonly intensity: number;
  private readonly lean: number;
  private pools: MarketPool[] | undefined;
  private sender: RawSender | undefined;
  private steps = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Raw amount of each token each trader committed in the current step (address:token). */
  private readonly committed = new Map<string, bigint>();

  constructor(private readonly options: MarketSimulatorOptions) {
    this.rng = new Prng(options.seed);
    this.prices = new ReferencePrices(options.tokens, this.rng.fork("prices"));
    this.decimals = new Map(options.tokens.map((t) => [t.address, t.decimals]));
    this.intensity = options.intensity ?? 1;
    this.lean = options.lean ?? 0.45;
    if (!(this.intensity >= 0) || !(this.lean >= 0 && this.lean < 0.5)) {
      throw new DemoError("DEMO_OPTIONS", "intensity must be >= 0 and lean in [0, 0.5)");
    }
  }

  /** The intended actions of step k (0-based): a pure function of the seed, k and the pool count. */
  plan(step: number, poolCount: number): IntendedAction[] {
    return planStep(this.rng.fork("step", step), {
      pools: poolCount,
      traders: this.options.traders.length,
      intensity: this.intensity,
    });
  }

  /** The pools traded on (discovered on the first step). */
  async marketPools(): Promise<ReadonlyArray<MarketPool>> {
    if (this.pools === undefined) {
      const known = new Set(this.options.tokens.map((t) => t.address));
      this.pools = await discoverPools(this.options.provider, this.options.addresses, known);
    }
    return this.pools;
  }

  referencePriceUsd(token: string): number {
    return this.prices.usd(token);
  }

  /**
   * One block of activity: moves the reference prices and sends this step's transactions. Calls
   * made while a step is still running wait for it (steps never interleave their nonces).
   */
  step(blockNumber: number): Promise<StepReport> {
    const run = this.queue.then(() => this.runStep(blockNumber));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runStep(blockNumber: number): Promise<StepReport> {
    const pools = await this.marketPools();
    this.sender ??= await RawSender.create(this.options.provider);
    await this.sender.beginBlock();
    const step = this.steps;
    this.steps += 1;
    this.prices.advance();
    this.committed.clear();
    const intents = this.plan(step, pools.length);
    const sent: SentAction[] = [];
    const skipped: Array<{ intent: IntendedAction; reason: string }> = [];
    for (const intent of intents) {
      const outcome = await this.realise(intent, pools);
      if (typeof outcome === "string") skipped.push({ intent, reason: outcome });
      else sent.push(outcome);
    }
    return { step, blockNumber, intents, sent, skipped, referencePrices: this.prices.snapshot() };
  }

  private async realise(
    intent: IntendedAction,
    pools: ReadonlyArray<MarketPool>,
  ): Promise<SentAction | string> {
    const trader = this.options.traders[intent.trader]!;
    if (intent.kind === "removeLiquidity") return await this.remove(intent, trader, pools);
    const pool = pools[intent.pool]!;
    const view = await readPool(this.options.provider, pool, (t) => this.decimals.get(t)!);
    if (intent.kind === "swap") return await this.swap(intent, trader, pool, view);
    return await this.add(intent, trader, pool, view);
  }

  private async swap(
    intent: Extract<IntendedAction, { kind: "swap" }>,
    trader: Wallet,
    pool: MarketPool,
    view: PoolView,
  ): Promise<SentAction | string> {
    // gap > 0: token0 is cheap on this pool against the reference, so informed flow buys token0.
    const reference = this.prices.usd(pool.token0) / this.prices.usd(pool.token1);
    const gap = view.price > 0 ? Math.log(reference / view.price) : 0;
    const pFollow = 0.5 + this.lean * Math.tanh(Math.abs(gap) / 0.004);
    const buy0 = gap >= 0 === intent.directionDraw < pFollow;
    const [tokenIn, tokenOut, depth] = buy0
      ? [pool.token1, pool.token0, view.depth1]
      : [pool.token0, pool.token1, view.depth0];
    const amountIn = await this.affordable(trader, tokenIn, scale(depth, intent.sizeFraction));
    if (amountIn === 0n) return "nothing to swap";
    const tip = BigInt(intent.tipGwei) * GWEI;
    let hash: string;
    if (pool.kind === "v2") {
      const data = V2_ROUTER.encodeFunctionData("swapExactTokensForTokens", [
        amountIn,
        0n,
        [tokenIn, tokenOut],
        trader.address,
        NO_DEADLINE,
      ]);
      hash = await this.sender!.send(
        trader,
        v2Venue(this.options.addresses, pool.venue).router,
        data,
        GAS.v2Swap,
        tip,
      );
    } else {
      const data = SWAP_ROUTER.encodeFunctionData("exactInputSingle", [
        {
          tokenIn,
          tokenOut,
          fee: pool.fee,
          recipient: trader.address,
          deadline: NO_DEADLINE,
          amountIn,
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
      ]);
      hash = await this.sender!.send(trader, this.options.addresses.uniV3.swapRouter, data, GAS.v3Swap, tip);
    }
    return {
      intent,
      kind: pool.kind === "v2" ? "v2-swap" : "v3-swap",
      pool: pool.address,
      venue: pool.venue,
      trader: trader.address,
      tokenIn,
      tokenOut,
      amountIn,
      withReference: gap >= 0 === buy0,
      hashes: [hash],
    };
  }

  private async add(
    intent: Extract<IntendedAction, { kind: "addLiquidity" }>,
    trader: Wallet,
    pool: MarketPool,
    view: PoolView,
  ): Promise<SentAction | string> {
    const want0 = scale(view.depth0, intent.sizeFraction);
    const want1 = scale(view.depth1, intent.sizeFraction);
    const [amount0, amount1] = [
      await this.affordable(trader, pool.token0, want0),
      await this.affordable(trader, pool.token1, want1),
    ];
    if (amount0 < want0 || amount1 < want1 || amount0 === 0n || amount1 === 0n)
      return "balance too low to add liquidity";
    const tip = BigInt(intent.tipGwei) * GWEI;
    const base = { intent, pool: pool.address, venue: pool.venue, trader: trader.address };
    if (pool.kind === "v2") {
      const data = V2_ROUTER.encodeFunctionData("addLiquidity", [
        pool.token0,
        pool.token1,
        amount0,
        amount1,
        0n,
        0n,
        trader.address,
        NO_DEADLINE,
      ]);
      const router = v2Venue(this.options.addresses, pool.venue).router;
      return {
        ...base,
        kind: "v2-add",
        hashes: [await this.sender!.send(trader, router, data, GAS.v2Add, tip)],
      };
    }
    const centre = Math.floor(view.tick / pool.tickSpacing) * pool.tickSpacing;
    const data = POSITION_MANAGER.encodeFunctionData("mint", [
      {
        token0: pool.token0,
        token1: pool.token1,
        fee: pool.fee,
        tickLower: centre - intent.below * pool.tickSpacing,
        tickUpper: centre + intent.above * pool.tickSpacing,
        amount0Desired: amount0,
        amount1Desired: amount1,
        amount0Min: 0n,
        amount1Min: 0n,
        recipient: trader.address,
        deadline: NO_DEADLINE,
      },
    ]);
    const manager = this.options.addresses.uniV3.positionManager;
    return {
      ...base,
      kind: "v3-mint",
      hashes: [await this.sender!.send(trader, manager, data, GAS.v3Mint, tip)],
    };
  }

  /** Shrinks one of the trader's own positions: V2 LP tokens it holds, or a V3 NFT with liquidity. */
  private async remove(
    intent: Extract<IntendedAction, { kind: "removeLiquidity" }>,
    trader: Wallet,
    pools: ReadonlyArray<MarketPool>,
  ): Promise<SentAction | string> {
    const { provider, addresses } = this.options;
    const holdings: Array<{ pool: MarketPool; lp: bigint } | { tokenId: bigint; liquidity: bigint }> = [];
    for (const pool of pools) {
      if (pool.kind !== "v2") continue;
      const lp = (await new Contract(pool.address, V2_PAIR, provider).getFunction("balanceOf")(
        trader.address,
      )) as bigint;
      if (lp > 0n) holdings.push({ pool, lp });
    }
    const manager = new Contract(addresses.uniV3.positionManager, POSITION_MANAGER, provider);
    const nfts = Number(await manager.getFunction("balanceOf")(trader.address));
    for (let i = 0; i < nfts; i++) {
      const tokenId = (await manager.getFunction("tokenOfOwnerByIndex")(trader.address, i)) as bigint;
      const position = (await manager.getFunction("positions")(tokenId)) as unknown[];
      const liquidity = position[7] as bigint;
      if (liquidity > 0n) holdings.push({ tokenId, liquidity });
    }
    if (holdings.length === 0) return "no own liquidity to remove";
    const chosen = holdings[Math.floor(intent.pick * holdings.length)]!;
    const tip = BigInt(intent.tipGwei) * GWEI;
    const sender = this.sender!;
    if ("pool" in chosen) {
      const { pool } = chosen;
      const router = v2Venue(addresses, pool.venue as "uni" | "sushi").router;
      const amount = scale(chosen.lp, intent.share) || chosen.lp;
      const approve = ERC20.encodeFunctionData("approve", [router, amount]);
      const data = V2_ROUTER.encodeFunctionData("removeLiquidity", [
        pool.token0,
        pool.token1,
        amount,
        0n,
        0n,
        trader.address,
        NO_DEADLINE,
      ]);
      const hashes = [
        await sender.send(trader, pool.address, approve, GAS.approve, tip),
        await sender.send(trader, router, data, GAS.v2Remove, tip),
      ];
      return {
        intent,
        kind: "v2-remove",
        pool: pool.address,
        venue: pool.venue,
        trader: trader.address,
        hashes,
      };
    }
    const liquidity = scale(chosen.liquidity, intent.share) || chosen.liquidity;
    const data = POSITION_MANAGER.encodeFunctionData("multicall", [
      [
        POSITION_MANAGER.encodeFunctionData("decreaseLiquidity", [
          { tokenId: chosen.tokenId, liquidity, amount0Min: 0n, amount1Min: 0n, deadline: NO_DEADLINE },
        ]),
        POSITION_MANAGER.encodeFunctionData("collect", [
          {
            tokenId: chosen.tokenId,
            recipient: trader.address,
            amount0Max: MAX_UINT128,
            amount1Max: MAX_UINT128,
          },
        ]),
      ],
    ]);
    const position = (await manager.getFunction("positions")(chosen.tokenId)) as unknown[];
    const poolOf = pools.find(
      (p) =>
        p.kind === "v3" &&
        p.token0 === position[2] &&
        p.token1 === position[3] &&
        p.fee === Number(position[4]),
    );
    return {
      intent,
      kind: "v3-decrease",
      pool: poolOf?.address ?? "",
      venue: "uniV3",
      trader: trader.address,
      hashes: [await sender.send(trader, addresses.uniV3.positionManager, data, GAS.v3Decrease, tip)],
    };
  }

  /** `want`, or less if the trader cannot pay it after what this step already committed. */
  private async affordable(trader: Wallet, token: string, want: bigint): Promise<bigint> {
    const key = `${trader.address}:${token}`;
    const balance = (await new Contract(token, ERC20, this.options.provider).getFunction("balanceOf")(
      trader.address,
    )) as bigint;
    const free = balance - (this.committed.get(key) ?? 0n);
    const amount = want < free / 2n ? want : free / 2n;
    this.committed.set(key, (this.committed.get(key) ?? 0n) + amount);
    return amount > 0n ? amount : 0n;
  }
}
