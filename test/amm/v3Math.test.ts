import { expect } from "chai";
import fc from "fast-check";
import { TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import { PoolRevertError } from "../../bot/venues/common/errors";
import {
  divRoundingUp,
  MAX_UINT256,
  mulDiv,
  mulDivRoundingUp,
} from "../../bot/venues/uniswap-v3/math/fullMath";
import { addDelta } from "../../bot/venues/uniswap-v3/math/liquidityMath";
import {
  getAmount0Delta,
  getAmount1Delta,
  nextSqrtPriceFromInput,
  nextSqrtPriceFromOutput,
} from "../../bot/venues/uniswap-v3/math/sqrtPriceMath";
import { computeSwapStep, newSwapStep } from "../../bot/venues/uniswap-v3/math/swapMath";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "../../bot/venues/uniswap-v3/math/tickMath";

const Q96 = 1n << 96n;
const tickArb = fc.integer({ min: MIN_TICK, max: MAX_TICK });
const priceArb = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });

describe("TickMath", () => {
  it("maps the end ticks to the library's MIN/MAX_SQRT_RATIO and tick 0 to 2^96", () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).to.equal(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).to.equal(MAX_SQRT_RATIO);
    expect(getSqrtRatioAtTick(0)).to.equal(Q96);
  });

  it("reverts outside the tick and price ranges, as 'T' and 'R' do", () => {
    expect(() => getSqrtRatioAtTick(MIN_TICK - 1)).to.throw(PoolRevertError);
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).to.throw(PoolRevertError);
    expect(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).to.throw(PoolRevertError);
    expect(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)).to.throw(PoolRevertError);
  });

  it("inverts at the edges: MIN_SQRT_RATIO -> MIN_TICK, MAX_SQRT_RATIO - 1 -> MAX_TICK - 1", () => {
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).to.equal(MIN_TICK);
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO + 1n)).to.equal(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).to.equal(MAX_TICK - 1);
  });

  it("getSqrtRatioAtTick equals the Uniswap SDK's independent implementation", () => {
    fc.assert(
      fc.property(tickArb, (t) => {
        expect(getSqrtRatioAtTick(t).toString()).to.equal(SdkTickMath.getSqrtRatioAtTick(t).toString());
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every tick, and one wei below a tick's price is the tick below", () => {
    fc.assert(
      fc.property(tickArb, (t) => {
        const p = getSqrtRatioAtTick(t);
        if (t < MAX_TICK) expect(getTickAtSqrtRatio(p)).to.equal(t);
        if (t > MIN_TICK) expect(getTickAtSqrtRatio(p - 1n)).to.equal(t - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it("getTickAtSqrtRatio is the greatest tick whose price is <= the given price", () => {
    fc.assert(
      fc.property(priceArb, (p) => {
        const t = getTickAtSqrtRatio(p);
        expect(getSqrtRatioAtTick(t) <= p).to.equal(true);
        expect(getSqrtRatioAtTick(t + 1) > p).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("FullMath, LiquidityMath", () => {
  const u256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });
  it("mulDiv floors and mulDivRoundingUp ceils the exact 512-bit quotient", () => {
    fc.assert(
      fc.property(u256, u256, fc.bigInt({ min: 1n, max: MAX_UINT256 }), (a, b, d) => {
        if ((a * b) / d > MAX_UINT256) {
          expect(() => mulDiv(a, b, d)).to.throw(PoolRevertError);
          return;
        }
        const q = mulDiv(a, b, d);
        expect(q * d <= a * b && a * b < (q + 1n) * d).to.equal(true);
        const up = (a * b) % d === 0n ? q : q + 1n;
        if (up > MAX_UINT256) expect(() => mulDivRoundingUp(a, b, d)).to.throw(PoolRevertError);
        else expect(mulDivRoundingUp(a, b, d)).to.equal(up);
      }),
      { numRuns: 1000 },
    );
  });

  it("handles the 512-bit edge cases and reverts like the library", () => {
    expect(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256)).to.equal(MAX_UINT256);
    expect(mulDivRoundingUp(MAX_UINT256, MAX_UINT256, MAX_UINT256)).to.equal(MAX_UINT256);
    expect(() => mulDiv(1n, 1n, 0n)).to.throw(PoolRevertError);
    expect(() => mulDiv(MAX_UINT256, 2n, 1n)).to.throw(PoolRevertError);
    // floor is MAX_UINT256 and there is a remainder: the rounded-up result would overflow.
    expect(() => mulDivRoundingUp(MAX_UINT256, MAX_UINT256 - 1n, MAX_UINT256 - 2n)).to.throw(PoolRevertError);
    expect(divRoundingUp(7n, 2n)).to.equal(4n);
    expect(divRoundingUp(8n, 2n)).to.equal(4n);
    expect(divRoundingUp(8n, 0n)).to.equal(0n); // EVM div by zero
  });

  it("addDelta reverts on uint128 under- and overflow", () => {
    expect(addDelta(5n, -5n)).to.equal(0n);
    expect(() => addDelta(5n, -6n)).to.throw(PoolRevertError);
    expect(() => addDelta((1n << 128n) - 1n, 1n)).to.throw(PoolRevertError);
  });
});

describe("SqrtPriceMath and SwapMath", () => {
  const liq = fc.bigInt({ min: 1n, max: (1n << 128n) - 1n });
  it("amount deltas round in the pool's favour: up for what it takes, down for what it gives", () => {
    fc.assert(
      fc.property(priceArb, priceArb, liq, (a, b, L) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const exact0Num = L * Q96 * (hi - lo);
        const exact0Den = hi * lo;
        const down0 = getAmount0Delta(lo, hi, L, false);
        const up0 = getAmount0Delta(hi, lo, L, true);
        expect(down0 * exact0Den <= exact0Num).to.equal(true);
        expect(up0 * exact0Den >= exact0Num).to.equal(true);
        expect(up0 - down0 <= 2n).to.equal(true); // two divisions, each off by at most one
        const down1 = getAmount1Delta(lo, hi, L, false);
        expect(down1).to.equal((L * (hi - lo)) >> 96n);
        expect(getAmount1Delta(lo, hi, L, true)).to.equal(down1 + ((L * (hi - lo)) % Q96 === 0n ? 0n : 1n));
      }),
      { numRuns: 1000 },
    );
  });

  it("next price from an input never passes the exact price, from an output never falls short", () => {
    fc.assert(
      fc.property(priceArb, liq, fc.bigInt({ min: 1n, max: 1n << 120n }), fc.boolean(), (p, L, amount, z) => {
        let next: bigint;
        try {
          next = nextSqrtPriceFromInput(p, L, amount, z);
        } catch (e) {
          // Only a token1 input can push the price past uint160 (SafeCast.toUint160).
          expect(e).to.be.instanceOf(PoolRevertError);
          expect(!z && p + (amount << 96n) / L >= 1n << 160n).to.equal(true);
          return;
        }
        // zeroForOne moves the price down; the rounding keeps it at or above the exact value.
        if (z) expect(next <= p && getAmount0Delta(next, p, L, true) <= amount).to.equal(true);
        else expect(next >= p && getAmount1Delta(p, next, L, true) <= amount).to.equal(true);
        try {
          const after = nextSqrtPriceFromOutput(p, L, amount, z);
          if (z) expect(getAmount1Delta(after, p, L, false) >= amount).to.equal(true);
          else expect(getAmount0Delta(p, after, L, false) >= amount).to.equal(true);
        } catch (e) {
          expect(e).to.be.instanceOf(PoolRevertError); // more than the range holds
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("computeSwapStep conserves: exact-in spends exactly the remainder on a partial step, the fee is >= fee rate", () => {
    const step = newSwapStep();
    fc.assert(
      fc.property(
        priceArb,
        priceArb,
        liq,
        fc.bigInt({ min: 1n, max: 1n << 130n }),
        fc.constantFrom(100n, 500n, 3000n, 10000n),
        fc.boolean(),
        (cur, target, L, amount, fee, exactIn) => {
          computeSwapStep(step, cur, target, L, exactIn ? amount : -amount, fee, 1_000_000n - fee);
          const reached = step.sqrtRatioNextX96 === target;
          if (exactIn) {
            expect(step.amountIn + step.feeAmount <= amount).to.equal(true);
            if (!reached) expect(step.amountIn + step.feeAmount).to.equal(amount);
          } else {
            expect(step.amountOut <= amount).to.equal(true);
            if (!reached) expect(step.amountOut).to.equal(amount);
          }
          expect(step.feeAmount * 1_000_000n >= step.amountIn * fee).to.equal(true);
          const lo = cur < target ? cur : target;
          const hi = cur < target ? target : cur;
          expect(step.sqrtRatioNextX96 >= lo && step.sqrtRatioNextX96 <= hi).to.equal(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
