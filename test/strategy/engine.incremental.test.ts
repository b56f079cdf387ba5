import { expect } from "chai";
import fc from "fast-check";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { getTickAtSqrtRatio } from "../../bot/venues/uniswap-v3/math/tickMath";
import type { PoolModel } from "../../bot/venues/common/poolModel";
import { EngineError, OpportunityEngine } from "../../bot/strategies/cycle-arb/engine";
import { opportunityToJson } from "../../bot/strategies/opportunity";
import { addr, sqrtX96, v2, v3, type TestPosition } from "./helpers";

// Tokens 0 and 1 are the bases; prices are 1 raw unit per raw unit with skews, so cycles hover
// around break-even and updates flip them in and out of profit.
const TOKENS = [1, 2, 3, 4, 5].map((n) => addr(n));
const PAIRS: [number, number][] = [
  [0, 1],
  [0, 1],
  [0, 2],
  [0, 2],
  [1, 2],
  [0, 3],
  [1, 3],
  [2, 3],
  [3, 4],
  [0, 4],
  [1, 4],
  [2, 4],
];

interface Universe {
  pools: PoolModel[];
  positions: Map<UniswapV3Pool, TestPosition[]>;
}

function build(kinds: boolean[]): Universe {
  const positions = new Map<UniswapV3Pool, TestPosition[]>();
  const pools = PAIRS.map(([a, b], i) => {
    const [t0, t1] = [TOKENS[a], TOKENS[b]].sort();
    if (!kinds[i]) return v2(i, t0, t1, 10n ** 21n, 10n ** 21n);
    const pos = [
      { lower: -6000, upper: 6000, liquidity: 10n ** 21n },
      { lower: -600, upper: 300, liquidity: 10n ** 21n },
    ];
    const pool = v3(i, t0, t1, sqrtX96(1), pos);
    positions.set(pool, pos);
    return pool;
  });
  return { pools, positions };
}

/**
 * Moves a pool: V2 reserves by a factor, V3 price by a factor (liquidity follows the positions),
 * and with `mint` a V3 pool also gains a position around its new price (a Mint log).
 */
function move(u: Universe, pool: PoolModel, skewBps: number, depth: number, mint = false): void {
  const f = 1 + skewBps / 10_000;
  if (pool instanceof UniswapV2Pool) {
    const r0 = 10n ** 21n * BigInt(depth);
    pool.applySync(r0, BigInt(Math.floor(Number(r0) * f)));
    return;
  }
  const v3pool = pool as UniswapV3Pool;
  const sqrtP = sqrtX96(f);
  const tick = getTickAtSqrtRatio(sqrtP);
  const pos = u.positions.get(v3pool) as TestPosition[];
  const liquidity = pos.reduce((s, p) => (p.lower <= tick && tick < p.upper ? s + p.liquidity : s), 0n);
  v3pool.applySwap(sqrtP, liquidity, tick);
  if (mint) {
    const lower = Math.floor(tick / 60) * 60 - 60 * depth;
    const position = { lower, upper: lower + 120 * depth, liquidity: 10n ** 20n * BigInt(depth) };
    v3pool.applyMint(position.lower, position.upper, position.liquidity);
    pos.push(position);
  }
}

function snapshot(engine: OpportunityEngine): string {
  return JSON.stringify(engine.opportunities().map(opportunityToJson));
}

/** Which pairs are V3 (true) or V2. */
const poolKinds = fc.array(fc.boolean(), { minLength: PAIRS.length, maxLength: PAIRS.length });
/** Blocks of pool moves: which pool, how far its price skews, how deep, and whether it mints. */
const updateBlocks = fc.array(
  fc.array(
    fc.record({
      pool: fc.integer({ min: 0, max: PAIRS.length - 1 }),
      skewBps: fc.integer({ min: -150, max: 150 }),
      depth: fc.integer({ min: 1, max: 5 }),
      mint: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  { minLength: 1, maxLength: 6 },
);

describe("strategy/OpportunityEngine (property: incremental == full)", () => {
  it("after random sequences of pool updates, re-evaluating only touched cycles equals a full evaluation", () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(poolKinds, updateBlocks, (kinds, blocks) => {
        const u = build(kinds);
        const bases = [TOKENS[0], TOKENS[1]];
        const engine = new OpportunityEngine(u.pools, { bases });
        engine.evaluateAll();
        for (const block of blocks) {
          for (const m of block) move(u, u.pools[m.pool], m.skewBps, m.depth, m.mint);
          engine.poolsChanged(block.map((m) => u.pools[m.pool].address));
          const full = new OpportunityEngine(u.pools, { bases });
          full.evaluateAll();
          const got = snapshot(engine);
          expect(got).to.equal(snapshot(full));
          if (got !== "[]") nonEmpty++;
        }
      }),
      { numRuns: 40, seed: 7 },
    );
    // The comparison is only meaningful if the updates really create opportunities.
    expect(nonEmpty).to.be.greaterThan(20);
  });

  it("the lazy path (markChanged, then ranked) yields the full evaluation's ranking, sizing only what can rank", () => {
    let yielded = 0;
    let sized = 0;
    fc.assert(
      fc.property(
        poolKinds,
        updateBlocks,
        fc.option(
          fc.record({
            gasPriceWei: fc.bigInt({ min: 0n, max: 10n ** 11n }),
            // Token 1 priced or not: unpriced profit tokens rank after priced ones.
            price1: fc.option(fc.bigInt({ min: 1n, max: 10n ** 24n }), { nil: undefined }),
          }),
          { nil: undefined },
        ),
        fc.integer({ min: 0, max: 6 }),
        (kinds, blocks, priced, take) => {
          const u = build(kinds);
          const bases = [TOKENS[0], TOKENS[1]];
          const pricing =
            priced === undefined
              ? undefined
              : {
                  gasPriceWei: priced.gasPriceWei,
                  tokenPerNative: new Map(
                    priced.price1 === undefined
                      ? [[TOKENS[0], 10n ** 18n]]
                      : [
                          [TOKENS[0], 10n ** 18n],
                          [TOKENS[1], priced.price1],
                        ],
                  ),
                };
          const engine = new OpportunityEngine(u.pools, { bases });
          engine.evaluateAll();
          for (const block of blocks) {
            for (const m of block) move(u, u.pools[m.pool], m.skewBps, m.depth, m.mint);
            engine.markChanged(block.map((m) => u.pools[m.pool].address));
            const full = new OpportunityEngine(u.pools, { bases });
            full.evaluateAll();
            const want = full.opportunities(pricing).map(opportunityToJson);
            // The first few from the stream, then settle and compare the whole set too.
            const stream = engine.ranked(pricing);
            const got = [];
            for (let i = 0; i < take; i++) {
              const op = stream.next();
              if (op === undefined) break;
              got.push(opportunityToJson(op));
            }
            expect(JSON.stringify(got)).to.equal(JSON.stringify(want.slice(0, got.length)));
            expect(got.length).to.equal(Math.min(take, want.length));
            yielded += got.length;
            engine.settle();
            sized += engine.lastSized;
            expect(JSON.stringify(engine.opportunities(pricing).map(opportunityToJson))).to.equal(
              JSON.stringify(want),
            );
          }
        },
      ),
      { numRuns: 60, seed: 11 },
    );
    expect(yielded).to.be.greaterThan(20);
    expect(sized).to.be.greaterThan(0);
  });

  it("re-evaluates only the cycles through the changed pools", () => {
    const u = build(PAIRS.map(() => false));
    const engine = new OpportunityEngine(u.pools, { bases: [TOKENS[0], TOKENS[1]] });
    engine.evaluateAll();
    const p = u.pools[8]; // token3/token4: never next to a base
    const touched = engine.poolsChanged([p.address]);
    expect(touched).to.equal(engine.cycles.cyclesOfPool(8).length);
    expect(touched).to.be.greaterThan(0);
    expect(touched).to.be.lessThan(engine.cycles.count);
  });

  it("names a changed pool it does not hold with a typed error", () => {
    const u = build(PAIRS.map(() => false));
    const engine = new OpportunityEngine(u.pools, { bases: [TOKENS[0], TOKENS[1]] });
    const stranger = addr(999);
    expect(() => engine.poolsChanged([stranger]))
      .to.throw(EngineError, `pool ${stranger} is not in the engine`)
      .with.property("code", "POOL_NOT_IN_ENGINE");
  });
});
