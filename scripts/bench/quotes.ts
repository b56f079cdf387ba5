/**
 * Micro-benchmark of the AMM models' exact-in quotes against the Uniswap SDKs on the same
 * states: @uniswap/v3-sdk Pool.getOutputAmount (TickListDataProvider over the same ticks) and
 * @uniswap/v2-sdk Pair.getOutputAmount. Every timed quote is first checked to be identical.
 *
 *   node -r ts-node/register/transpile-only scripts/bench/quotes.ts
 *
 * Prints a table, then as the last line one JSON object with v3_quote_speedup_vs_sdk and
 * v2_quote_speedup_vs_sdk (SDK time per quote / model time per quote, over all cases).
 * `measureQuoteSpeedups` is exported for scripts/bench/engine.ts.
 */
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pair } from "@uniswap/v2-sdk";
import { Pool, TickListDataProvider } from "@uniswap/v3-sdk";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool, type UniswapV3State } from "../../bot/venues/uniswap-v3/pool";
import { v3Ranges } from "../../bot/venues/uniswap-v3/math/ranges";
import { getSqrtRatioAtTick } from "../../bot/venues/uniswap-v3/math/tickMath";
import { wbtcWethSnapshot } from "../../test/fixtures/poolSnapshots";

export interface QuoteBenchRow {
  venue: "uniswap-v3" | "uniswap-v2";
  state: string;
  quotes: number;
  /** Mean initialised ticks crossed per quote (V3). */
  ticksCrossed: number;
  /** Repeated quotes on one state (the sizing loop's case: V3 whole-range totals cached). */
  modelNsPerQuote: number;
  /** First quote on a fresh state (V3: the cache empty). */
  modelColdNsPerQuote: number;
  sdkNsPerQuote: number;
  speedup: number;
}

export interface QuoteBenchResult {
  rows: QuoteBenchRow[];
  v3_quote_speedup_vs_sdk: number;
  v2_quote_speedup_vs_sdk: number;
  /** The V3 speedup counting every quote as a first quote on a fresh state. */
  v3_cold_quote_speedup_vs_sdk: number;
}

const T0 = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";
const T1 = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
const POOL = "0x00000000000000000000000000000000000000b0";

/** Deterministic [0, 1) stream (mulberry32): the same sizes on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic pool: 200 overlapping positions around the price, dense in ticks. */
function syntheticV3(fee: number, spacing: number, seed: number): UniswapV3State {
  const next = rng(seed);
  const tick = 1234 * spacing + 7;
  const model = new UniswapV3Pool({
    address: POOL,
    token0: T0,
    token1: T1,
    fee,
    tickSpacing: spacing,
    sqrtPriceX96: getSqrtRatioAtTick(tick) + 99n,
    tick,
    liquidity: 0n,
    ticks: [],
  });
  for (let k = 0; k < 200; k++) {
    const lower = 1234 + Math.floor(next() * 400) - 220;
    const width = 1 + Math.floor(next() * (k % 10 === 0 ? 300 : 30));
    model.applyMint(
      lower * spacing,
      (lower + width) * spacing,
      BigInt(Math.floor(1 + next() * 1e6)) * 10n ** 14n,
    );
  }
  return model.toState();
}

/** Sizes spread from inside the current range to ~`maxTicks` initialised ticks away, both directions. */
function v3Sizes(model: UniswapV3Pool, count: number, maxTicks: number, seed: number) {
  const next = rng(seed);
  const sizes: { zeroForOne: boolean; amount: bigint; crossed: number }[] = [];
  for (const zeroForOne of [true, false]) {
    const ranges = v3Ranges(model, zeroForOne, maxTicks + 1);
    const cum: bigint[] = [0n];
    for (const r of ranges) cum.push(cum[cum.length - 1] + r.amountIn);
    for (let k = 0; k < count / 2; k++) {
      const n = Math.min(ranges.length - 1, Math.floor(next() ** 2 * maxTicks));
      const inside = BigInt(Math.floor(next() * 1e6));
      const amount = cum[n] + (ranges[n].amountIn * inside) / 1_000_000n + 1n;
      sizes.push({ zeroForOne, amount, crossed: n });
    }
  }
  return sizes;
}

function sink(x: bigint): void {
  if (x === -1n) console.log("unreachable");
}

/** ns per call of `pass` (which makes `perPass` quotes), running for at least `minMs`. */
function timeSync(pass: () => void, perPass: number, minMs: number): number {
  for (let i = 0; i < 3; i++) pass(); // JIT warm-up
  let passes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    pass();
    passes++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < BigInt(minMs) * 1_000_000n);
  return Number(elapsed) / (passes * perPass);
}

async function timeAsync(pass: () => Promise<void>, perPass: number, minMs: number): Promise<number> {
  await pass();
  let passes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    await pass();
    passes++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < BigInt(minMs) * 1_000_000n);
  return Number(elapsed) / (passes * perPass);
}

async function benchV3(
  label: string,
  state: UniswapV3State,
  maxTicks: number,
  minMs: number,
): Promise<QuoteBenchRow> {
  const model = new UniswapV3Pool(state);
  const t0 = new Token(1, state.token0, 8);
  const t1 = new Token(1, state.token1, 18);
  const provider = new TickListDataProvider(
    state.ticks.map((t) => ({
      index: t.index,
      liquidityNet: t.liquidityNet.toString(),
      liquidityGross: t.liquidityGross.toString(),
    })),
    state.tickSpacing,
  );
  const sdk = new Pool(
    t0,
    t1,
    state.fee,
    state.sqrtPriceX96.toString(),
    state.liquidity.toString(),
    state.tick,
    provider,
  );
  const sizes = v3Sizes(model, 64, maxTicks, state.fee);
  const inputs = sizes.map((s) => CurrencyAmount.fromRawAmount(s.zeroForOne ? t0 : t1, s.amount.toString()));
  for (let k = 0; k < sizes.length; k++) {
    const [out] = await sdk.getOutputAmount(inputs[k]);
    const ours = model.quoteExactIn(sizes[k].zeroForOne, sizes[k].amount);
    if (ours.toString() !== out.quotient.toString()) {
      throw new Error(
        `V3 quote differs from the SDK on ${label}: ${sizes[k].amount} -> ${ours} vs ${out.quotient}`,
      );
    }
  }
  const modelNs = timeSync(
    () => {
      for (const s of sizes) sink(model.quoteExactIn(s.zeroForOne, s.amount));
    },
    sizes.length,
    minMs,
  );
  // Cold: each quote on a fresh copy of the state, before the whole-range cache has seen it.
  // Median of 7 rounds, each on 64 fresh copies made outside the timing (a GC pause or a
  // neighbour's burst on this shared machine then moves one round, not the figure).
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const fresh = sizes.map(() => model.clone());
    const start = process.hrtime.bigint();
    for (let k = 0; k < sizes.length; k++) sink(fresh[k].quoteExactIn(sizes[k].zeroForOne, sizes[k].amount));
    rounds.push(Number(process.hrtime.bigint() - start) / sizes.length);
  }
  const coldNs = rounds.sort((a, b) => a - b)[3];
  const sdkNs = await timeAsync(
    async () => {
      for (const input of inputs) await sdk.getOutputAmount(input);
    },
    sizes.length,
    minMs,
  );
  return {
    venue: "uniswap-v3",
    state: label,
    quotes: sizes.length,
    ticksCrossed: sizes.reduce((a, s) => a + s.crossed, 0) / sizes.length,
    modelNsPerQuote: modelNs,
    modelColdNsPerQuote: coldNs,
    sdkNsPerQuote: sdkNs,
    speedup: sdkNs / modelNs,
  };
}

function benchV2(label: string, reserve0: bigint, reserve1: bigint, minMs: number): QuoteBenchRow {
  const model = new UniswapV2Pool({ address: POOL, token0: T0, token1: T1, reserve0, reserve1, feeBps: 30 });
  const t0 = new Token(1, T0, 18);
  const t1 = new Token(1, T1, 18);
  const pair = new Pair(
    CurrencyAmount.fromRawAmount(t0, reserve0.toString()),
    CurrencyAmount.fromRawAmount(t1, reserve1.toString()),
  );
  const next = rng(Number(reserve0 % 100000n));
  const sizes: { zeroForOne: boolean; amount: bigint }[] = [];
  for (let k = 0; k < 256; k++) {
    const zeroForOne = k % 2 === 0;
    const r = zeroForOne ? reserve0 : reserve1;
    // 1e-6 to 10x the input reserve, log-uniform.
    const amount = BigInt(Math.floor(Number(r) * 10 ** (-6 + next() * 7))) + 1n;
    sizes.push({ zeroForOne, amount });
  }
  const inputs = sizes.map((s) => CurrencyAmount.fromRawAmount(s.zeroForOne ? t0 : t1, s.amount.toString()));
  for (let k = 0; k < sizes.length; k++) {
    const [out] = pair.getOutputAmount(inputs[k]);
    const ours = model.quoteExactIn(sizes[k].zeroForOne, sizes[k].amount);
    if (ours.toString() !== out.quotient.toString()) {
      throw new Error(
        `V2 quote differs from the SDK on ${label}: ${sizes[k].amount} -> ${ours} vs ${out.quotient}`,
      );
    }
  }
  const modelNs = timeSync(
    () => {
      for (const s of sizes) sink(model.quoteExactIn(s.zeroForOne, s.amount));
    },
    sizes.length,
    minMs,
  );
  const sdkNs = timeSync(
    () => {
      for (const input of inputs) pair.getOutputAmount(input);
    },
    sizes.length,
    minMs,
  );
  return {
    venue: "uniswap-v2",
    state: label,
    quotes: sizes.length,
    ticksCrossed: 0,
    modelNsPerQuote: modelNs,
    modelColdNsPerQuote: modelNs,
    sdkNsPerQuote: sdkNs,
    speedup: sdkNs / modelNs,
  };
}

/** Time-weighted speedup: total SDK time over total model time for the same quotes. */
function overall(rows: QuoteBenchRow[]): number {
  const sdk = rows.reduce((a, r) => a + r.sdkNsPerQuote * r.quotes, 0);
  const ours = rows.reduce((a, r) => a + r.modelNsPerQuote * r.quotes, 0);
  return Math.round((sdk / ours) * 10) / 10;
}

/** Runs the whole comparison (a few seconds with the default 400 ms per side and case). */
export async function measureQuoteSpeedups(
  options: { minMsPerSide?: number } = {},
): Promise<QuoteBenchResult> {
  const minMs = options.minMsPerSide ?? 400;
  const v3 = [
    await benchV3("WBTC/WETH 0.3% mainnet 24947230 (458 ticks)", wbtcWethSnapshot(24947230), 60, minMs),
    await benchV3("WBTC/WETH 0.3% mainnet 24407242 (458 ticks)", wbtcWethSnapshot(24407242), 60, minMs),
    await benchV3("synthetic 0.05%, spacing 10, 200 positions", syntheticV3(500, 10, 11), 100, minMs),
    await benchV3("synthetic 0.01%, spacing 1, 200 positions", syntheticV3(100, 1, 12), 100, minMs),
  ];
  const v2 = [
    benchV2("balanced 1e24 / 3e24", 10n ** 24n, 3n * 10n ** 24n, minMs),
    benchV2("skewed 5e9 / 7e27", 5n * 10n ** 9n, 7n * 10n ** 27n, minMs),
  ];
  const cold = v3.map((r) => ({ ...r, modelNsPerQuote: r.modelColdNsPerQuote }));
  return {
    rows: [...v3, ...v2],
    v3_quote_speedup_vs_sdk: overall(v3),
    v2_quote_speedup_vs_sdk: overall(v2),
    v3_cold_quote_speedup_vs_sdk: overall(cold),
  };
}

async function main(): Promise<void> {
  const result = await measureQuoteSpeedups();
  console.log("exact-in quotes, identical to the SDK on every input; ns per quote");
  console.table(
    result.rows.map((r) => ({
      venue: r.venue,
      state: r.state,
      quotes: r.quotes,
      "ticks crossed (mean)": Math.round(r.ticksCrossed * 10) / 10,
      "model ns": Math.round(r.modelNsPerQuote),
      "model ns cold": Math.round(r.modelColdNsPerQuote),
      "sdk ns": Math.round(r.sdkNsPerQuote),
      speedup: Math.round(r.speedup * 10) / 10,
    })),
  );
  console.log(
    JSON.stringify({
      v3_quote_speedup_vs_sdk: result.v3_quote_speedup_vs_sdk,
      v2_quote_speedup_vs_sdk: result.v2_quote_speedup_vs_sdk,
      v3_cold_quote_speedup_vs_sdk: result.v3_cold_quote_speedup_vs_sdk,
    }),
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
