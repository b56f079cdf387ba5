import { expect } from "chai";
import fc from "fast-check";
import { maxLiquidityForAmounts, TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import { getAmount0Delta, getAmount1Delta } from "../../bot/venues/uniswap-v3/math/sqrtPriceMath";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../../bot/venues/uniswap-v3/math/tickMath";
import { liquidityForAmounts } from "../../scripts/devnet/v3Math";

// A position and a price somewhere in the tick range, and amounts from dust to 10^30.
const caseArb = fc
  .record({
    a: fc.integer({ min: MIN_TICK, max: MAX_TICK }),
    b: fc.integer({ min: MIN_TICK, max: MAX_TICK }),
    p: fc.integer({ min: MIN_TICK, max: MAX_TICK }),
    amount0: fc.bigInt({ min: 0n, max: 10n ** 30n }),
    amount1: fc.bigInt({ min: 0n, max: 10n ** 30n }),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ a, b, p, amount0, amount1 }) => ({
    lower: Math.min(a, b),
    upper: Math.max(a, b),
    p,
    sqrtA: getSqrtRatioAtTick(Math.min(a, b)),
    sqrtB: getSqrtRatioAtTick(Math.max(a, b)),
    sqrtP: getSqrtRatioAtTick(p),
    amount0,
    amount1,
  }));

describe("liquidityForAmounts (devnet minting without a position manager)", () => {
  it("equals the Uniswap SDK's maxLiquidityForAmounts in v3-periphery's own (imprecise) arithmetic", () => {
    fc.assert(
      fc.property(caseArb, ({ lower, upper, p, sqrtA, sqrtB, sqrtP, amount0, amount1 }) => {
        // The SDK's own sqrt prices (JSBI), equal to ours (test/amm/v3Math.test.ts).
        const sdk = maxLiquidityForAmounts(
          SdkTickMath.getSqrtRatioAtTick(p),
          SdkTickMath.getSqrtRatioAtTick(lower),
          SdkTickMath.getSqrtRatioAtTick(upper),
          amount0.toString(),
          amount1.toString(),
          false,
        );
        expect(liquidityForAmounts(sqrtP, sqrtA, sqrtB, amount0, amount1).toString()).to.equal(
          sdk.toString(),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("never asks the pool for more than the amounts given (the pool rounds what it charges up)", () => {
    fc.assert(
      fc.property(caseArb, ({ sqrtA, sqrtB, sqrtP, amount0, amount1 }) => {
        const liquidity = liquidityForAmounts(sqrtP, sqrtA, sqrtB, amount0, amount1);
        if (liquidity >= 1n << 128n) return; // no pool would accept it; nothing to pay
        // UniswapV3Pool._modifyPosition's amounts for a mint (PancakeV3Pool's are the same).
        const lo = sqrtP < sqrtA ? sqrtA : sqrtP > sqrtB ? sqrtB : sqrtP;
        const owed0 = getAmount0Delta(lo, sqrtB, liquidity, true);
        const owed1 = getAmount1Delta(sqrtA, lo, liquidity, true);
        expect(owed0 <= amount0 && owed1 <= amount1, `owed ${owed0}, ${owed1}`).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses an empty or inverted range", () => {
    const s = getSqrtRatioAtTick(0);
    expect(() => liquidityForAmounts(s, s, s, 1n, 1n)).to.throw(RangeError);
    expect(() => liquidityForAmounts(s, getSqrtRatioAtTick(10), getSqrtRatioAtTick(-10), 1n, 1n)).to.throw(
      RangeError,
    );
  });
});
