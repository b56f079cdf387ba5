/**
 * Extra demo liquidity: deploys the seed plan's test tokens and gives them pools on both Uniswap V2
 * venues and on Uniswap V3 (several fee tiers, several positions across ticks), priced from the
 * reference prices with small per-pool dislocations. Everything goes through the real routers and
 * the position manager, from one funded account; pipelined, so it is quick even when a builder
 * mines every second.
 */
import { Contract, type Signer } from "ethers";
import { TestERC20__factory } from "../../../typechain-types";
import { getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../../venues/uniswap-v3/math/tickMath";
import { DECIMALS, PRICES_MICRO_USD } from "../universe";
import { ERC20, MAX_UINT256, NO_DEADLINE, POSITION_MANAGER, V2_FACTORY, V2_ROUTER, V3_FACTORY } from "./abis";
import { v2Venue, type DevnetAddresses, type V2VenueName } from "./addresses";
import { DemoError } from "./demoError";
import { amountForUsd, sqrtPriceX96At } from "./prices";
import { planSeed, type SeedPlan, type TokenSpec } from "./seedPlan";
import { TxPipeline } from "./txPipeline";

export interface SeedMarketOptions {
  /** A funded account: it pays for everything and keeps the LP tokens and position NFTs. */
  readonly signer: Signer;
  readonly addresses: DevnetAddresses;
  readonly seed: number;
  /** New tokens to deploy (default 12, at most MAX_DEMO_TOKENS). */
  readonly tokenCount?: number;
  /** Largest |dislocation| of a pool against the reference price (default 0.002). */
  readonly maxDislocation?: number;
  /** Reference USD prices of the devnet's own tokens; default: the devnet's "uni" prices. */
  readonly basePricesUsd?: Readonly<Record<string, number>>;
  readonly timeoutMs?: number;
}

/** A token of the demo market, on chain. */
export interface DemoToken extends TokenSpec {
  readonly address: string;
  /** true for the tokens seedMarket deployed, false for the devnet's own. */
  readonly seeded: boolean;
}

export interface DemoV2Pair {
  readonly venue: V2VenueName;
  readonly address: string;
  readonly tokenA: string;
  readonly tokenB: string;
}

export interface DemoV3Pool {
  readonly address: string;
  readonly token0: string;
  readonly token1: string;
  readonly fee: number;
  readonly positions: number;
}

export interface SeededMarket {
  /** The devnet's tokens (WETH first) then the new ones: the simulator's reference prices. */
  readonly tokens: ReadonlyArray<DemoToken>;
  readonly v2Pairs: ReadonlyArray<DemoV2Pair>;
  readonly v3Pools: ReadonlyArray<DemoV3Pool>;
  /** Transactions sent. */
  readonly transactions: number;
}

/** Per-block log-price volatility of the devnet's own tokens (stablecoins barely move). */
const BASE_VOLATILITY: Readonly<Record<string, number>> = {
  WETH: 0.002,
  USDC: 0.0001,
  USDT: 0.0002,
  DAI: 0.0002,
  WBTC: 0.0015,
  LINK: 0.003,
};

const TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };
const GAS = {
  deployToken: 1_500_000n,
  mint: 120_000n,
  deposit: 80_000n,
  approve: 80_000n,
  addLiquidity: 4_000_000n,
  createPool: 6_000_000n,
  mintPosition: 900_000n,
};

/** The devnet's default reference prices: its "uni" venue's starting prices. */
export function devnetBasePricesUsd(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(PRICES_MICRO_USD.uni).map(([symbol, micro]) => [symbol, Number(micro) / 1e6]),
  );
}

export async function seedMarket(options: SeedMarketOptions): Promise<SeededMarket> {
  const { signer, addresses } = options;
  const basePrices = options.basePricesUsd ?? devnetBasePricesUsd();
  const base = await baseTokens(signer, addresses, basePrices);
  const plan = planSeed({
    seed: options.seed,
    tokenCount: options.tokenCount ?? 12,
    baseSymbols: base.map((t) => t.symbol),
    ...(options.maxDislocation === undefined ? {} : { maxDislocation: options.maxDislocation }),
  });
  const pipe = await TxPipeline.open(signer);
  const me = pipe.address;

  const fresh: DemoToken[] = [];
  for (const spec of plan.tokens) {
    const data = (await new TestERC20__factory().getDeployTransaction(spec.name, spec.symbol, spec.decimals))
      .data;
    const address = await pipe.deploy(`deploy ${spec.symbol}`, data, GAS.deployToken);
    fresh.push({ ...spec, address, seeded: true });
  }
  const tokens = [...base, ...fresh];
  const bySymbol = new Map(tokens.map((t) => [t.symbol, t]));
  const token = (symbol: string): DemoToken => bySymbol.get(symbol)!;

  // Fund exactly what the plan deposits, then approve the three spenders once.
  const spenders = [addresses.uniV2.router, addresses.sushiV2.router, addresses.uniV3.positionManager];
  for (const [symbol, amount] of needs(plan, token)) {
    const t = token(symbol);
    if (t.address === addresses.weth) {
      await pipe.send("wrap ETH", t.address, ERC20.encodeFunctionData("deposit"), GAS.deposit, amount);
    } else {
      await pipe.send(`mint ${symbol}`, t.address, ERC20.encodeFunctionData("mint", [me, amount]), GAS.mint);
    }
    for (const spender of spenders) {
      const data = ERC20.encodeFunctionData("approve", [spender, MAX_UINT256]);
      await pipe.send(`approve ${symbol}`, t.address, data, GAS.approve);
    }
  }

  for (const spec of plan.v2) {
    const [a, b] = [token(spec.a), token(spec.b)];
    const amountA = amountForUsd(spec.depthUsd, a.priceUsd * (1 + spec.dislocation), a.decimals);
    const amountB = amountForUsd(spec.depthUsd, b.priceUsd, b.decimals);
    const data = V2_ROUTER.encodeFunctionData("addLiquidity", [
      a.address,
      b.address,
      amountA,
      amountB,
      0n,
      0n,
      me,
      NO_DEADLINE,
    ]);
    await pipe.send(
      `${spec.venue} ${spec.a}/${spec.b}: addLiquidity`,
      v2Venue(addresses, spec.venue).router,
      data,
      GAS.addLiquidity,
    );
  }

  for (const spec of plan.v3) {
    const [x, y] = [token(spec.a), token(spec.b)];
    const [t0, t1] = BigInt(x.address) < BigInt(y.address) ? [x, y] : [y, x];
    const bent = (t: DemoToken) => (t === x ? t.priceUsd * (1 + spec.dislocation) : t.priceUsd);
    const sqrtPriceX96 = sqrtPriceX96At(bent(t0), t0.decimals, bent(t1), t1.decimals);
    const label = `V3 ${spec.a}/${spec.b}/${spec.fee}`;
    const manager = addresses.uniV3.positionManager;
    await pipe.send(
      `${label}: create`,
      manager,
      POSITION_MANAGER.encodeFunctionData("createAndInitializePoolIfNecessary", [
        t0.address,
        t1.address,
        spec.fee,
        sqrtPriceX96,
      ]),
      GAS.createPool,
    );
    const spacing = TICK_SPACING[spec.fee]!;
    const centre = Math.floor(getTickAtSqrtRatio(sqrtPriceX96) / spacing) * spacing;
    for (const position of spec.positions) {
      const [lower, upper] = ticksOf(position.range, centre, spacing);
      const data = POSITION_MANAGER.encodeFunctionData("mint", [
        {
          token0: t0.address,
          token1: t1.address,
          fee: spec.fee,
          tickLower: lower,
          tickUpper: upper,
          amount0Desired: amountForUsd(position.usd, bent(t0), t0.decimals),
          amount1Desired: amountForUsd(position.usd, bent(t1), t1.decimals),
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: me,
          deadline: NO_DEADLINE,
        },
      ]);
      await pipe.send(`${label}: mint [${lower}, ${upper}]`, manager, data, GAS.mintPosition);
    }
  }
  const transactions = pipe.count;
  await pipe.drain(options.timeoutMs);
  return { tokens, ...(await seededPools(signer, addresses, plan, token)), transactions };
}

function ticksOf(range: readonly [number, number] | null, centre: number, spacing: number): [number, number] {
  if (range === null) {
    return [Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(MAX_TICK / spacing) * spacing];
  }
  return [centre + range[0] * spacing, centre + range[1] * spacing];
}

/** Raw amount of each token the plan deposits (V3 positions counted at their full desired sizes). */
function needs(plan: SeedPlan, token: (s: string) => DemoToken): Map<string, bigint> {
  const total = new Map<string, bigint>();
  const add = (symbol: string, amount: bigint) => total.set(symbol, (total.get(symbol) ?? 0n) + amount);
  for (const spec of plan.v2) {
    const [a, b] = [token(spec.a), token(spec.b)];
    add(spec.a, amountForUsd(spec.depthUsd, a.priceUsd * (1 + spec.dislocation), a.decimals));
    add(spec.b, amountForUsd(spec.depthUsd, b.priceUsd, b.decimals));
  }
  for (const spec of plan.v3) {
    const usd = spec.positions.reduce((sum, p) => sum + p.usd, 0n);
    const [a, b] = [token(spec.a), token(spec.b)];
    add(spec.a, amountForUsd(usd, a.priceUsd * (1 + spec.dislocation), a.decimals) + 1n);
    add(spec.b, amountForUsd(usd, b.priceUsd, b.decimals) + 1n);
  }
  return total;
}

async function baseTokens(
  signer: Signer,
  addresses: DevnetAddresses,
  prices: Readonly<Record<string, number>>,
): Promise<DemoToken[]> {
  const entries: Array<[string, string]> = [["WETH", addresses.weth], ...Object.entries(addresses.tokens)];
  const out: DemoToken[] = [];
  for (const [symbol, address] of entries) {
    const priceUsd = prices[symbol];
    if (priceUsd === undefined) {
      throw new DemoError("DEMO_NO_PRICE", `no reference price for the devnet token ${symbol}`, {
        details: { symbol },
      });
    }
    const onChain = new Contract(address, ERC20, signer);
    const decimals = Number(await onChain.getFunction("decimals")());
    const known = (DECIMALS as Record<string, number | undefined>)[symbol];
    if (known !== undefined && known !== decimals) {
      throw new DemoError("DEMO_DECIMALS", `${symbol} at ${address} has ${decimals} decimals, not ${known}`);
    }
    out.push({
      symbol,
      name: symbol,
      decimals,
      priceUsd,
      volatility: BASE_VOLATILITY[symbol] ?? 0.002,
      drift: 0,
      address,
      seeded: false,
    });
  }
  return out;
}

async function seededPools(
  signer: Signer,
  addresses: DevnetAddresses,
  plan: SeedPlan,
  token: (s: string) => DemoToken,
): Promise<Pick<SeededMarket, "v2Pairs" | "v3Pools">> {
  const v2Pairs: DemoV2Pair[] = [];
  for (const spec of plan.v2) {
    const factory = new Contract(v2Venue(addresses, spec.venue).factory, V2_FACTORY, signer);
    const [a, b] = [token(spec.a).address, token(spec.b).address];
    const address = (await factory.getFunction("getPair")(a, b)) as string;
    v2Pairs.push({ venue: spec.venue, address, tokenA: a, tokenB: b });
  }
  const v3Factory = new Contract(addresses.uniV3.factory, V3_FACTORY, signer);
  const v3Pools: DemoV3Pool[] = [];
  for (const spec of plan.v3) {
    const [x, y] = [token(spec.a).address, token(spec.b).address];
    const [token0, token1] = BigInt(x) < BigInt(y) ? [x, y] : [y, x];
    const address = (await v3Factory.getFunction("getPool")(token0, token1, spec.fee)) as string;
    v3Pools.push({ address, token0, token1, fee: spec.fee, positions: spec.positions.length });
  }
  return { v2Pairs, v3Pools };
}
