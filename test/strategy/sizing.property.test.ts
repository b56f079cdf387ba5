import { expect } from "chai";
import fc from "fast-check";
import type { PoolModel } from "../../bot/venues/common/poolModel";
import { quotePath, type Hop } from "../../bot/strategies/cycle-arb/hop";
import { cycleProfitBound } from "../../bot/strategies/cycle-arb/profitBound";
import { sizeCycle } from "../../bot/strategies/cycle-arb/sizeCycle";
import { addr, denseBest, sqrtX96, v2, v3, type TestPosition } from "./helpers";

const TOKENS = [addr(1), addr(2), addr(3)];

/** One pool on (tokenIn -> tokenOut) at reference price `price` (out per in), of either kind. */
const poolArb = fc.record({
  v3: fc.boolean(),
  /** log10 of the pool's depth in raw input units. */
  depth: fc.integer({ min: 15, max: 24 }),
  /** Mispricing against the reference, in bps. */
  skewBps: fc.integer({ min: -300, max: 300 }),
  fee: fc.constantFrom(500, 3000),
  /** Narrow positions around the price (V3 only): offsets in spacings and relative sizes. */
  narrow: fc.array(
    fc.tuple(
      fc.integer({ min: -40, max: 10 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 20 }),
    ),
    {
      maxLength: 6,
    },
  ),
});

type PoolSpec = typeof poolArb extends fc.Arbitrary<infer T> ? T : never;

function buildPool(n: number, tokenIn: string, tokenOut: string, price: number, spec: PoolSpec): Hop {
  const p = price * (1 + spec.skewBps / 10_000);
  const zeroForOne = tokenIn < tokenOut;
  const [token0, token1] = zeroForOne ? [tokenIn, tokenOut] : [tokenOut, tokenIn];
  // price1per0: token1 per token0.
  const price10 = zeroForOne ? p : 1 / p;
  const depth = 10 ** spec.depth;
  let pool: PoolModel;
  if (!spec.v3) {
    const r0 = zeroForOne ? depth : depth * p;
    pool = v2(n, token0, token1, BigInt(Math.floor(r0)), BigInt(Math.floor(r0 * price10)), spec.fee / 100);
  } else {
    const spacing = spec.fee === 500 ? 10 : 60;
    const sqrtP = sqrtX96(price10);
    const tick = Math.floor(Math.log(price10) / Math.log(1.0001));
    const base = Math.floor(tick / spacing) * spacing;
    // Liquidity L gives about L/sqrtP token0 of depth: size L from the wanted depth in token0.
    const token0Depth = zeroForOne ? depth : depth * p;
    const L = BigInt(Math.floor(token0Depth * Math.sqrt(price10)));
    const positions: TestPosition[] = [
      { lower: base - 200 * spacing, upper: base + 200 * spacing, liquidity: L },
    ];
    for (const [off, width, size] of spec.narrow) {
      const lower = base + off * spacing;
      positions.push({ lower, upper: lower + width * spacing, liquidity: (L * BigInt(size)) / 4n });
    }
    pool = v3(n, token0, token1, sqrtP, positions, spec.fee, spacing);
  }
  return { pool, zeroForOne: pool.token0 === tokenIn };
}

describe("strategy/sizeCycle (property: optimum vs dense brute force)", () => {
  it("mixed V2/V3 2- and 3-hop cycles: exact, executable, and at least the dense search's best", () => {
    let profitable = 0;
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(poolArb, { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 2, maxLength: 2 }),
        (threeHop, specs, scales) => {
          // Reference prices: A->B = 10^s0, B->C = 10^s1, C->A closes the loop.
          const pAB = 10 ** scales[0];
          const pBC = 10 ** scales[1];
          const hops = threeHop
            ? [
                buildPool(0, TOKENS[0], TOKENS[1], pAB, specs[0]),
                buildPool(1, TOKENS[1], TOKENS[2], pBC, specs[1]),
                buildPool(2, TOKENS[2], TOKENS[0], 1 / (pAB * pBC), specs[2]),
              ]
            : [
                buildPool(0, TOKENS[0], TOKENS[1], pAB, specs[0]),
                buildPool(1, TOKENS[1], TOKENS[0], 1 / pAB, specs[1]),
              ];
          const truth = denseBest(hops);
          const sized = sizeCycle(hops);
          // The float bound the engine ranks unsized cycles by is never below an exact profit.
          const bound = cycleProfitBound(hops.map((h) => h.pool.bound(h.zeroForOne)));
          expect(bound >= Number(truth.profit), `bound ${bound} < dense ${truth.profit}`).to.equal(true);
          expect(bound >= Number(sized?.profit ?? 0n), `bound ${bound} < ${sized?.profit}`).to.equal(true);
          if (sized !== undefined) {
            // Every amount is what the models quote for this input.
            expect(quotePath(hops, sized.amounts[0])).to.deep.equal(sized.amounts);
            expect(sized.profit > 0n).to.equal(true);
          }
          if (truth.profit <= 0n) return;
          profitable++;
          const got = sized?.profit ?? 0n;
          // "Within rounding": every hop floors, so exact profit is a sawtooth whose teeth are one
          // unit of an intermediate token wide, and neighbouring teeth differ by the luck of the
          // floors. A grid can land on a luckier tooth than the engine's by up to about two units
          // of each intermediate token, valued in the start token.
          const amounts = quotePath(hops, truth.x) as bigint[];
          let slack = BigInt(hops.length);
          for (let i = 1; i < hops.length; i++) slack += (2n * amounts[0]) / amounts[i] + 1n;
          const msg = `engine ${got} < dense ${truth.profit} - ${slack} (${sized?.method})`;
          expect(got >= truth.profit - slack, msg).to.equal(true);
          // And relative to the profit, rounding aside, nothing is left on the table.
          expect(Number(got) / Number(truth.profit)).to.be.greaterThan(
            0.9999 - Number(slack) / Number(truth.profit),
          );
        },
      ),
      { numRuns: 120, seed: 20261125 },
    );
    // The generator must actually produce profitable cycles for the property to mean anything.
    expect(profitable).to.be.greaterThan(20);
  });
});
