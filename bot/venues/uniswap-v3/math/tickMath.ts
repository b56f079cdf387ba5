import { AmmStateError, PoolRevertError } from "../../common/errors";

/**
 * TickMath from v3-core: sqrt(1.0001^tick) * 2^96 and its inverse, bit for bit. The constants
 * are the library's: each multiplier is 2^128 / sqrt(1.0001^(2^i)) rounded as the library has
 * it, and the rounding of every intermediate shift matters for exactness.
 */

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
/** getSqrtRatioAtTick(MIN_TICK) */
export const MIN_SQRT_RATIO = 4295128739n;
/** getSqrtRatioAtTick(MAX_TICK) */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

const Q128 = 1n << 128n;
const MAX_UINT256 = (1n << 256n) - 1n;

// Multipliers for bits 1..19 of |tick|: ratio = ratio * M >> 128 for each set bit (TickMath.sol).
const MULTIPLIERS: readonly bigint[] = [
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];
const BIT0_RATIO = 0xfffcb933bd6fad37aa2d162d1a594001n;

/** TickMath.getSqrtRatioAtTick: reverts ('T') outside [MIN_TICK, MAX_TICK]. */
export function getSqrtRatioAtTick(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK) {
    throw new PoolRevertError("V3_TICK_RANGE", "TickMath.getSqrtRatioAtTick: tick out of range", {
      details: { tick },
    });
  }
  const absTick = tick < 0 ? -tick : tick;
  let ratio = absTick & 1 ? BIT0_RATIO : Q128;
  for (let i = 0, bit = 2; i < MULTIPLIERS.length; i++, bit <<= 1) {
    if (absTick & bit) ratio = (ratio * MULTIPLIERS[i]) >> 128n;
  }
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  // Q128.128 to Q64.96, rounding up so that getTickAtSqrtRatio(result) == tick.
  return (ratio >> 32n) + ((ratio & 0xffffffffn) === 0n ? 0n : 1n);
}

/** Index of the most significant set bit of x > 0 (BitMath.mostSignificantBit). */
function msb(x: bigint): number {
  // toString(2) is exact and, for 256-bit values, faster in V8 than a bigint shift ladder.
  return x.toString(2).length - 1;
}

const LOG_SQRT10001_MUL = 255738958999603826347141n;
const TICK_LOW_OFFSET = 3402992956809132418596140100660247210n;
const TICK_HI_OFFSET = 291339464771989622907027621153398088495n;

/**
 * TickMath.getTickAtSqrtRatio: the greatest tick whose sqrt ratio is <= sqrtPriceX96, by the
 * library's fixed-point log2 (14 squarings), then the same low/high candidate check.
 * Reverts ('R') unless MIN_SQRT_RATIO <= sqrtPriceX96 < MAX_SQRT_RATIO.
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw new PoolRevertError("V3_PRICE_RANGE", "TickMath.getTickAtSqrtRatio: price out of range", {
      details: { sqrtPriceX96 },
    });
  }
  const ratio = sqrtPriceX96 << 32n;
  const m = msb(ratio);
  let r = m >= 128 ? ratio >> BigInt(m - 127) : ratio << BigInt(127 - m);
  let log2 = BigInt(m - 128) << 64n;
  for (let shift = 63n; shift >= 50n; shift--) {
    r = (r * r) >> 127n;
    const f = r >> 128n;
    log2 |= f << shift;
    r >>= f;
  }
  const logSqrt10001 = log2 * LOG_SQRT10001_MUL;
  // Arithmetic shifts of a signed value: bigint >> floors, as Solidity's int256 >> does.
  const tickLow = Number((logSqrt10001 - TICK_LOW_OFFSET) >> 128n);
  const tickHi = Number((logSqrt10001 + TICK_HI_OFFSET) >> 128n);
  if (tickLow === tickHi) return tickLow;
  return getSqrtRatioAtTick(tickHi) <= sqrtPriceX96 ? tickHi : tickLow;
}

/** Throws unless `tick` is a valid tick and a multiple of `tickSpacing` (Tick/TickBitmap rules). */
export function checkTick(tick: number, tickSpacing: number): void {
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK || tick % tickSpacing !== 0) {
    throw new AmmStateError("V3_BAD_TICK", "tick out of range or not a multiple of the tick spacing", {
      details: { tick, tickSpacing },
    });
  }
}
