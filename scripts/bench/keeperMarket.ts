/**
 * The keeper benchmark's market (scripts/bench/keeper.ts): many test tokens, each paired with
 * WETH, USDC and DAI on both Uniswap V2 venues plus a full-range Uniswap V3 WETH pool, created
 * through the real routers and the position manager on a separate node. Transactions are signed
 * locally with explicit nonces and gas limits, sent as JSON-RPC batches and mined a few large
 * blocks at a time, so a thousand pools take seconds. Then: swaps on pools drawn in proportion to
 * liquidity, to move a given number of distinct pools in one block.
 */
import { getCreateAddress, JsonRpcProvider, Wallet } from "ethers";
import { TestERC20__factory } from "../../typechain-types";
import { MAX_TICK, MIN_TICK } from "../../bot/venues/uniswap-v3/math/tickMath";
import {
  ERC20,
  MAX_UINT256,
  NO_DEADLINE,
  POSITION_MANAGER,
  SWAP_ROUTER,
  V2_FACTORY,
  V2_ROUTER,
  V3_FACTORY,
} from "../../bot/devnet/demo/abis";
import { amountForUsd, sqrtPriceX96At } from "../../bot/devnet/demo/prices";
import { PRICES_MICRO_USD } from "../../bot/devnet/universe";
import { prefixSums, Prng } from "./prng";

const GWEI = 10n ** 9n;
const MAX_FEE = 1_000n * GWEI;
const TIP = 1n * GWEI;
const BATCH = 100;
const V3_FEE = 3000;
const V3_SPACING = 60;

export interface MarketAddresses {
  readonly weth: string;
  readonly usdc: string;
  readonly dai: string;
  readonly uniRouter: string;
  readonly sushiRouter: string;
  readonly uniFactory: string;
  readonly sushiFactory: string;
  readonly v3Factory: string;
  readonly positionManager: string;
  readonly swapRouter: string;
}

interface Token {
  readonly address: string;
  readonly decimals: number;
  readonly priceUsd: number;
}

/** One pool the market created, with what a swap on it needs. */
export interface BenchPool {
  address: string;
  readonly venue: "uni" | "sushi" | "uniV3";
  readonly token: Token;
  readonly base: Token;
  /** USD on each side at creation. */
  readonly depthUsd: number;
}

/** Signs locally, sends in JSON-RPC batches, mines with evm_mine, checks every receipt. */
export class BulkSender {
  private readonly queued: Array<Promise<string>> = [];
  private constructor(
    private readonly wallet: Wallet,
    private readonly provider: JsonRpcProvider,
    private nonce: number,
  ) {}

  static async open(wallet: Wallet, provider: JsonRpcProvider): Promise<BulkSender> {
    return new BulkSender(wallet, provider, await provider.getTransactionCount(wallet.address, "pending"));
  }

  get address(): string {
    return this.wallet.address;
  }

  /** Queues one signed transaction (to null: a creation); returns its nonce. */
  queue(to: string | null, data: string, gasLimit: bigint, value = 0n): number {
    const nonce = this.nonce++;
    this.queued.push(
      this.wallet.signTransaction({
        type: 2,
        chainId: 31337,
        nonce,
        to,
        data,
        gasLimit,
        value,
        maxFeePerGas: MAX_FEE,
        maxPriorityFeePerGas: TIP,
      }),
    );
    return nonce;
  }

  /** Sends everything queued (in nonce order, BATCH per HTTP request); returns the hashes. */
  async send(): Promise<string[]> {
    const raws = await Promise.all(this.queued.splice(0));
    const hashes: string[] = [];
    for (let i = 0; i < raws.length; i += BATCH) {
      const chunk = raws.slice(i, i + BATCH);
      hashes.push(
        ...(await Promise.all(
          chunk.map((raw) => this.provider.send("eth_sendRawTransaction", [raw]) as Promise<string>),
        )),
      );
    }
    return hashes;
  }

  /** Sends, mines until the last is in, and fails on any reverted transaction. */
  async sendAndMine(label: string): Promise<number> {
    const hashes = await this.send();
    if (hashes.length === 0) return 0;
    for (let i = 0; ; i++) {
      await this.provider.send("evm_mine", []);
      if ((await this.provider.send("eth_getTransactionReceipt", [hashes[hashes.length - 1]])) !== null)
        break;
      if (i > 200) throw new Error(`${label}: transactions not mined after 200 blocks`);
    }
    for (let i = 0; i < hashes.length; i += BATCH) {
      const receipts = (await Promise.all(
        hashes.slice(i, i + BATCH).map((h) => this.provider.send("eth_getTransactionReceipt", [h])),
      )) as Array<{ status: string } | null>;
      const bad = receipts.findIndex((r) => r === null || r.status !== "0x1");
      if (bad >= 0) throw new Error(`${label}: transaction ${hashes[i + bad]} failed or missing`);
    }
    return hashes.length;
  }
}

export interface CreatedMarket {
  readonly pools: BenchPool[];
  readonly tokens: number;
  readonly transactions: number;
}

/**
 * Creates `count` pools: per new token, in order, uni/sushi against WETH, USDC, DAI, then a V3
 * WETH pool (0.3%, one full-range position); depths log-uniform in [$20k, $1M] a side; each pool
 * priced off the token's reference price by up to +-0.5%.
 */
export async function createMarket(
  sender: BulkSender,
  provider: JsonRpcProvider,
  a: MarketAddresses,
  count: number,
  seed: number,
): Promise<CreatedMarket> {
  const rng = new Prng(seed);
  const wethUsd = Number(PRICES_MICRO_USD.uni.WETH) / 1e6;
  const bases: Token[] = [
    { address: a.weth, decimals: 18, priceUsd: wethUsd },
    { address: a.usdc, decimals: 6, priceUsd: 1 },
    { address: a.dai, decimals: 18, priceUsd: 1 },
  ];
  const perToken = 7;
  const tokenCount = Math.ceil(count / perToken);
  const me = sender.address;
  const spenders = [a.uniRouter, a.sushiRouter, a.positionManager, a.swapRouter];
  let transactions = 0;

  const tokens: Token[] = [];
  for (let i = 0; i < tokenCount; i++) {
    const tx = await new TestERC20__factory().getDeployTransaction(`Bench ${i}`, `B${i}`, 18);
    const nonce = sender.queue(null, tx.data, 1_500_000n);
    tokens.push({
      address: getCreateAddress({ from: me, nonce }).toLowerCase(),
      decimals: 18,
      priceUsd: rng.logUniform(0.05, 200),
    });
  }
  // Generous balances: the benchmark's swaps come from the same account.
  sender.queue(a.weth, ERC20.encodeFunctionData("deposit"), 80_000n, 400_000n * 10n ** 18n);
  for (const t of [...bases.slice(1), ...tokens]) {
    sender.queue(
      t.address,
      ERC20.encodeFunctionData("mint", [me, 10n ** 15n * 10n ** BigInt(t.decimals)]),
      120_000n,
    );
  }
  for (const t of [...bases, ...tokens]) {
    for (const s of spenders)
      sender.queue(t.address, ERC20.encodeFunctionData("approve", [s, MAX_UINT256]), 80_000n);
  }
  transactions += await sender.sendAndMine("tokens");

  const pools: BenchPool[] = [];
  for (let i = 0; pools.length < count && i < tokens.length; i++) {
    const token = tokens[i];
    const specs: Array<{ venue: BenchPool["venue"]; base: Token }> = [];
    for (const base of bases) for (const venue of ["uni", "sushi"] as const) specs.push({ venue, base });
    specs.push({ venue: "uniV3", base: bases[0] });
    for (const { venue, base } of specs) {
      if (pools.length >= count) break;
      const depthUsd = Math.round(rng.logUniform(20_000, 1_000_000));
      const bent = token.priceUsd * (1 + (rng.next() * 2 - 1) * 0.005);
      const amountToken = amountForUsd(BigInt(depthUsd), bent, token.decimals);
      const amountBase = amountForUsd(BigInt(depthUsd), base.priceUsd, base.decimals);
      if (venue !== "uniV3") {
        const data = V2_ROUTER.encodeFunctionData("addLiquidity", [
          token.address,
          base.address,
          amountToken,
          amountBase,
          0n,
          0n,
          me,
          NO_DEADLINE,
        ]);
        sender.queue(venue === "uni" ? a.uniRouter : a.sushiRouter, data, 4_000_000n);
      } else {
        const tokenIs0 = BigInt(token.address) < BigInt(base.address);
        const [t0, t1] = tokenIs0 ? [token, base] : [base, token];
        const [p0, p1] = tokenIs0 ? [bent, base.priceUsd] : [base.priceUsd, bent];
        const [amount0, amount1] = tokenIs0 ? [amountToken, amountBase] : [amountBase, amountToken];
        const pm = a.positionManager;
        sender.queue(
          pm,
          POSITION_MANAGER.encodeFunctionData("createAndInitializePoolIfNecessary", [
            t0.address,
            t1.address,
            V3_FEE,
            sqrtPriceX96At(p0, t0.decimals, p1, t1.decimals),
          ]),
          6_000_000n,
        );
        sender.queue(
          pm,
          POSITION_MANAGER.encodeFunctionData("mint", [
            {
              token0: t0.address,
              token1: t1.address,
              fee: V3_FEE,
              tickLower: Math.ceil(MIN_TICK / V3_SPACING) * V3_SPACING,
              tickUpper: Math.floor(MAX_TICK / V3_SPACING) * V3_SPACING,
              amount0Desired: amount0,
              amount1Desired: amount1,
              amount0Min: 0n,
              amount1Min: 0n,
              recipient: me,
              deadline: NO_DEADLINE,
            },
          ]),
          900_000n,
        );
      }
      pools.push({ address: "", venue, token, base, depthUsd });
    }
  }
  transactions += await sender.sendAndMine("pools");

  // Addresses from the factories, batched.
  const call = (to: string, data: string) => provider.call({ to, data });
  for (let i = 0; i < pools.length; i += BATCH) {
    const chunk = pools.slice(i, i + BATCH);
    const out = await Promise.all(
      chunk.map((p) =>
        p.venue === "uniV3"
          ? call(
              a.v3Factory,
              V3_FACTORY.encodeFunctionData("getPool", [p.token.address, p.base.address, V3_FEE]),
            )
          : call(
              p.venue === "uni" ? a.uniFactory : a.sushiFactory,
              V2_FACTORY.encodeFunctionData("getPair", [p.token.address, p.base.address]),
            ),
      ),
    );
    chunk.forEach((p, j) => (p.address = `0x${out[j].slice(26)}`.toLowerCase()));
  }
  return { pools, tokens: tokens.length, transactions };
}

/**
 * Queues swaps on `moves` distinct pools drawn in proportion to their depth: each trades 0.5% to
 * 3% of the pool's depth in a random direction. Returns the pools moved.
 */
export function queueSwaps(
  sender: BulkSender,
  a: MarketAddresses,
  pools: readonly BenchPool[],
  prefix: Float64Array,
  moves: number,
  rng: Prng,
): BenchPool[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(moves, pools.length)) picked.add(rng.weighted(prefix));
  const out: BenchPool[] = [];
  for (const i of picked) {
    const p = pools[i];
    const [tin, tout] = rng.next() < 0.5 ? [p.token, p.base] : [p.base, p.token];
    const usd = BigInt(Math.max(1, Math.round(p.depthUsd * rng.logUniform(0.005, 0.03))));
    const amountIn = amountForUsd(usd, tin.priceUsd, tin.decimals);
    if (p.venue === "uniV3") {
      const data = SWAP_ROUTER.encodeFunctionData("exactInputSingle", [
        {
          tokenIn: tin.address,
          tokenOut: tout.address,
          fee: V3_FEE,
          recipient: sender.address,
          deadline: NO_DEADLINE,
          amountIn,
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
      ]);
      sender.queue(a.swapRouter, data, 500_000n);
    } else {
      const data = V2_ROUTER.encodeFunctionData("swapExactTokensForTokens", [
        amountIn,
        0n,
        [tin.address, tout.address],
        sender.address,
        NO_DEADLINE,
      ]);
      sender.queue(p.venue === "uni" ? a.uniRouter : a.sushiRouter, data, 250_000n);
    }
    out.push(p);
  }
  return out;
}

/** Prefix sums of the pools' depths, for queueSwaps. */
export function depthPrefix(pools: readonly BenchPool[]): Float64Array {
  return prefixSums(pools.map((p) => p.depthUsd));
}
