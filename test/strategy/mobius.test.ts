import { expect } from "chai";
import fc from "fast-check";
import { constantProductCurve } from "../../bot/venues/common/floatCurve";
import { floatOptimum } from "../../bot/strategies/cycle-arb/floatOptimum";
import { isqrt } from "../../bot/core/isqrt";
import {
  composeMobius,
  MOBIUS_IDENTITY,
  mobiusOptimalInput,
  v2HopMobius,
} from "../../bot/venues/common/mobius";
import { sizeCycle } from "../../bot/strategies/cycle-arb/sizeCycle";
import { addr, exhaustiveBest, v2 } from "./helpers";

const A = addr(1);
const B = addr(2);
const C = addr(3);

describe("strategy/mobius", () => {
  it("isqrt is the floor square root", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 800n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the composed map equals the chain of exact fractions (before flooring)", () => {
    // Two hops, rational arithmetic by hand: f1 = 9970*200x/(10000*100 + 9970x), f2 = 9970*300y/(10000*400 + 9970y).
    const f = composeMobius(
      composeMobius(MOBIUS_IDENTITY, v2HopMobius(100n, 200n, 30)),
      v2HopMobius(400n, 300n, 30),
    );
    const x = 37n;
    // f2(f1(x)) = a2*a1*x / (b2*b1 + (b2*c1 + c2*a1)*x) with a = g*Rout, b = 10000*Rin, c = g.
    const [a1, b1, c1, a2, b2, c2] = [9970n * 200n, 1_000_000n, 9970n, 9970n * 300n, 4_000_000n, 9970n];
    expect(f).to.deep.equal({ k: a1 * a2, m: b1 * b2, n: b2 * c1 + c2 * a1 });
    // Cross-multiplied equality with the nested fraction y = a1 x/(b1 + c1 x).
    const yNum = a1 * x;
    const yDen = b1 + c1 * x;
    const zNum = a2 * yNum;
    const zDen = b2 * yDen + c2 * yNum;
    expect(f.k * x * zDen).to.equal(zNum * (f.m + f.n * x));
  });

  it("the closed form plus refinement finds the exhaustive optimum within a unit per hop of small 2- and 3-hop V2 cycles", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1_000n, max: 20_000n }), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom(0, 5, 30, 100),
        (r, threeHop, fee) => {
          const hops = threeHop
            ? [
                { pool: v2(0, A, B, r[0], r[1], fee), zeroForOne: true },
                { pool: v2(1, B, C, r[2], r[3], fee), zeroForOne: true },
                { pool: v2(2, C, A, r[4], r[5], fee), zeroForOne: true },
              ]
            : [
                { pool: v2(0, A, B, r[0], r[1], fee), zeroForOne: true },
                { pool: v2(1, A, B, r[2], r[3], fee), zeroForOne: false },
              ];
          // Output never exceeds the last pool's reserve of the start token, so past it profit is < 0.
          const truth = exhaustiveBest(hops, threeHop ? r[5] : r[2]);
          const sized = sizeCycle(hops);
          if (truth.profit === 0n) {
            expect(sized).to.equal(undefined);
            return;
          }
          if (sized !== undefined) expect(sized.method).to.equal("v2-closed-form");
          // The exhaustive search covers every input, so the engine can never beat it. On pools this
          // small every hop's floor makes neighbouring teeth differ, and the engine may land up to
          // one unit per hop short (docs/engine.md, integer refinement).
          const profit = sized?.profit ?? 0n;
          const slack = BigInt(hops.length);
          expect(
            profit <= truth.profit && profit >= truth.profit - slack,
            `${profit} vs ${truth.profit}`,
          ).to.equal(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sizes two cases fast-check once found: a losing seed next to an impossible input, and teeth far from the closed form", () => {
    const cycle = (r: bigint[], fee: number) => [
      { pool: v2(0, A, B, r[0], r[1], fee), zeroForOne: true },
      { pool: v2(1, B, C, r[2], r[3], fee), zeroForOne: true },
      { pool: v2(2, C, A, r[4], r[5], fee), zeroForOne: true },
    ];
    // No input gains: the refinement used to step from a loss onto an input the pools cannot take
    // (which it scored as a loss of 1) and then crash on it.
    const none = cycle([19986n, 11484n, 3569n, 2802n, 8994n, 19979n], 0);
    expect(exhaustiveBest(none, 19979n).profit).to.equal(0n);
    expect(sizeCycle(none)).to.equal(undefined);
    // The best input (1262, profit 3528) is ten wei and several teeth from the closed form's.
    const far = cycle([1000n, 1004n, 15741n, 18523n, 1003n, 12348n], 5);
    const truth = exhaustiveBest(far, 12348n);
    expect(truth.profit).to.equal(3528n);
    expect(sizeCycle(far)!.profit).to.be.at.least(truth.profit - 3n);
  });

  it("the float optimum over constant-product curves matches the bigint closed form", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(5, 30, 100),
        (r, fee) => {
          let f = MOBIUS_IDENTITY;
          const curves = [];
          for (let h = 0; h < 3; h++) {
            f = composeMobius(f, v2HopMobius(r[2 * h], r[2 * h + 1], fee));
            curves.push(
              constantProductCurve(Number(r[2 * h]), Number(r[2 * h + 1]), (10_000 - fee) / 10_000),
            );
          }
          const exact = mobiusOptimalInput(f);
          const approx = floatOptimum(curves);
          if (exact === 0n) {
            expect(approx).to.equal(0);
            return;
          }
          // exact is floored, so allow one unit besides the float's relative error.
          expect(Math.abs(approx - Number(exact))).to.be.lessThan(1 + 1e-9 * Number(exact));
        },
      ),
      { numRuns: 200 },
    );
  });
});
