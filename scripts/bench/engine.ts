/**
 * `npm run bench:engine`: the opportunity engine on a synthetic universe from a fixed seed
 * (scripts/bench/universe.ts): 15,000 V2 and 5,000 V3 pools over 2,000 tokens, bases WETH, USDC,
 * USDT, DAI. Measures the full evaluation, the incremental re-evaluation after blocks of 100
 * pool changes, sizing optimality against a brute-force search, the AMM models' quote speed
 * against the Uniswap SDKs (scripts/bench/quotes.ts) and memory. Prints a table, then as the
 * last line one JSON object with the figures. Single-threaded: JavaScript runs on one core.
 */
import { OpportunityEngine } from "../../bot/strategies/cycle-arb/engine";
import { opportunityToJson } from "../../bot/strategies/opportunity";
import { BlockMoves } from "./blockMoves";
import { bruteForceOptimum } from "./bruteForce";
import { Prng } from "./prng";
import { measureQuoteSpeedups } from "./quotes";
import { generateUniverse } from "./universe";

const SEED = 20_261_125;
const FULL_RUNS = 9;
const BLOCKS = 300;
const WARMUP_BLOCKS = 20;
const POOLS_PER_BLOCK = 100;
const OPTIMALITY_SAMPLES = 1000;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const t0 = performance.now();
  const universe = generateUniverse({ seed: SEED, v2Pools: 15_000, v3Pools: 5_000, tokens: 2_000 });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  const engine = new OpportunityEngine(universe.pools, { bases: universe.bases });
  const indexMs = performance.now() - t1;
  const cycles = engine.cycles;
  let twoHop = 0;
  for (let c = 0; c < cycles.count; c++) if (cycles.hopCount[c] === 2) twoHop++;

  // Full evaluation from scratch (every pool's rates, every cycle), after one warm-up run.
  engine.evaluateAll();
  const full: number[] = [];
  for (let i = 0; i < FULL_RUNS; i++) {
    const t = performance.now();
    engine.evaluateAll();
    full.push(performance.now() - t);
  }
  const fullSized = engine.lastSized;
  const fullOpportunities = engine.opportunities().length;

  // Blocks of pool changes; sampled opportunities are brute-forced between blocks (untimed).
  const moves = new BlockMoves(universe, new Prng(SEED + 1));
  const pick = new Prng(SEED + 2);
  const incremental: number[] = [];
  const touched: number[] = [];
  const sized: number[] = [];
  const ratios: number[] = [];
  /** Ratios for profits of at least 10,000 raw units, where one unit is at most 1e-4 of it. */
  const ratiosAbove1e4: number[] = [];

  const perBlock = Math.ceil(OPTIMALITY_SAMPLES / (BLOCKS - WARMUP_BLOCKS)) + 1;
  for (let b = 0; b < BLOCKS; b++) {
    const changed = moves.next(POOLS_PER_BLOCK);
    const t = performance.now();
    const n = engine.poolsChanged(changed);
    const dt = performance.now() - t;
    if (b < WARMUP_BLOCKS) continue;
    incremental.push(dt);
    touched.push(n);
    sized.push(engine.lastSized);
    const ops = engine.opportunities();
    for (let k = 0; k < perBlock && ratios.length < OPTIMALITY_SAMPLES && ops.length > 0; k++) {
      const o = ops[pick.int(0, ops.length - 1)];
      const brute = bruteForceOptimum(engine.hopsOf(o.cycleId));
      if (brute.profit <= 0n) continue;
      const ratio = Number(o.profit) / Number(brute.profit);
      ratios.push(ratio);
      if (brute.profit >= 10_000n) ratiosAbove1e4.push(ratio);
    }
  }

  // The incremental state must equal a full evaluation of the final state.
  const fresh = new OpportunityEngine(universe.pools, { bases: universe.bases });
  fresh.evaluateAll();
  const same =
    JSON.stringify(engine.opportunities().map(opportunityToJson)) ===
    JSON.stringify(fresh.opportunities().map(opportunityToJson));
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  const quotes = await measureQuoteSpeedups({ minMsPerSide: 300 });

  const result = {
    pools: universe.pools.length,
    v2_pools: 15_000,
    v3_pools: 5_000,
    tokens: universe.tokens.length,
    cycles: cycles.count,
    cycles_2hop: twoHop,
    cycles_3hop: cycles.count - twoHop,
    cycle_index_mb: round(cycles.byteLength() / 2 ** 20),
    index_build_ms: round(indexMs, 1),
    full_eval_ms_p50: round(percentile(full, 0.5), 1),
    full_eval_sized: fullSized,
    full_eval_opportunities: fullOpportunities,
    incremental_ms_p50: round(percentile(incremental, 0.5)),
    incremental_ms_p99: round(percentile(incremental, 0.99)),
    incremental_entries_screened_p50: percentile(touched, 0.5),
    incremental_cycles_sized_p50: percentile(sized, 0.5),
    incremental_equals_full: same,
    v3_quote_speedup_vs_sdk: quotes.v3_quote_speedup_vs_sdk,
    v2_quote_speedup_vs_sdk: quotes.v2_quote_speedup_vs_sdk,
    optimality_min: round(Math.min(...ratios), 6),
    optimality_p50: round(percentile(ratios, 0.5), 6),
    optimality_samples: ratios.length,
    optimality_below_0_9999: ratios.filter((r) => r < 0.9999).length,
    optimality_min_profit_ge_1e4_units: round(Math.min(...ratiosAbove1e4), 6),
    rss_mb: Math.round(rssMb),
    seed: SEED,
  };

  const rows: [string, string][] = [
    [
      "universe",
      `${result.pools} pools (${result.v2_pools} V2, ${result.v3_pools} V3), ${result.tokens} tokens, generated in ${round(generateMs, 0)} ms`,
    ],
    [
      "cycles",
      `${result.cycles} (${result.cycles_2hop} 2-hop, ${result.cycles_3hop} 3-hop), index ${result.cycle_index_mb} MB, built in ${result.index_build_ms} ms`,
    ],
    [
      "full evaluation",
      `p50 ${result.full_eval_ms_p50} ms over ${FULL_RUNS} runs; ${fullSized} cycles sized exactly, ${fullOpportunities} profitable`,
    ],
    [
      "incremental (100 pools/block)",
      `p50 ${result.incremental_ms_p50} ms, p99 ${result.incremental_ms_p99} ms over ${incremental.length} blocks; p50 ${result.incremental_entries_screened_p50} (pool, cycle) entries screened, ${result.incremental_cycles_sized_p50} sized`,
    ],
    ["incremental == full", String(same)],
    [
      "optimality vs brute force",
      `min ${result.optimality_min}, p50 ${result.optimality_p50} over ${ratios.length} profitable cycles, ` +
        `${result.optimality_below_0_9999} below 0.9999; min ${result.optimality_min_profit_ge_1e4_units} ` +
        `where profit >= 1e4 raw units`,
    ],
    ["quote speedup vs SDK", `V3 ${result.v3_quote_speedup_vs_sdk}x, V2 ${result.v2_quote_speedup_vs_sdk}x`],
    ["memory", `${result.rss_mb} MB RSS with the universe loaded`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
