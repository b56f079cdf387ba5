import { expect } from "chai";
import fc from "fast-check";
import { V3Curve } from "../../bot/venues/uniswap-v3/curve";
import { addr, sqrtX96, v3 } from "./helpers";

describe("strategy/V3Curve (float curve of a V3 pool, range by range)", () => {
  it("tracks the model's exact quotes across tick crossings, and ends where the liquidity ends", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.array(
          fc.tuple(
            fc.integer({ min: -60, max: 40 }),
            fc.integer({ min: 1, max: 40 }),
            fc.integer({ min: 1, max: 50 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.boolean(),
        fc.double({ min: 1e-6, max: 0.999, noNaN: true }),
        (price, raw, zeroForOne, fraction) => {
          const tick = Math.floor(Math.log(price) / Math.log(1.0001));
          const base = Math.floor(tick / 60) * 60;
          const positions = raw.map(([off, width, size]) => ({
            lower: base + off * 60,
            upper: base + (off + width) * 60,
            liquidity: BigInt(size) * 10n ** 20n,
          }));
          const pool = v3(0, addr(1), addr(2), sqrtX96(price), positions);
          const curve = new V3Curve(pool, zeroForOne);
          // Find the curve's capacity by doubling, then quote a fraction of it both ways.
          let cap = 1;
          while (curve.out(cap * 2) > 0 && cap < 1e40) cap *= 2;
          // Past the last liquidity the pool cannot take the whole input: the model quotes 0.
          if (cap < 1e40) expect(pool.quoteExactIn(zeroForOne, BigInt(Math.floor(cap * 2.2)))).to.equal(0n);
          const x = cap * fraction;
          const exact = Number(pool.quoteExactIn(zeroForOne, BigInt(Math.floor(x))));
          const approx = curve.out(x);
          if (exact === 0) return; // beyond the exact pool's reach (rounding at the very end)
          expect(Math.abs(approx - exact) / exact).to.be.lessThan(1e-6);
          // Slope matches a finite difference of the exact quotes.
          const h = Math.max(1e6, x * 1e-6);
          const exact2 = Number(pool.quoteExactIn(zeroForOne, BigInt(Math.floor(x + h))));
          if (exact2 > 0 && exact2 - exact > 1e6) {
            expect(Math.abs(curve.slope(x) - (exact2 - exact) / h) / curve.slope(x)).to.be.lessThan(1e-3);
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
