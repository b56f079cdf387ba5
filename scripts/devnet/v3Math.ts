/**
 * The little V3 price arithmetic the devnet needs to initialise pools at chosen prices and place
 * positions around them. sqrtPriceX96 is exact (bigint); the tick is only used to choose ranges,
 * so a float logarithm is good enough there.
 */

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;

export const TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

export function sqrtBigint(value: bigint): bigint {
  if (value < 0n) throw new RangeError("square root of a negative number");
  if (value < 2n) return value;
  // Newton's method from an overestimate decreases monotonically to floor(sqrt(value)).
  let x = 1n << BigInt(Math.ceil(value.toString(2).length / 2));
  for (;;) {
    const y = (x + value / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * sqrtPriceX96 for a pool whose token0 is worth price0 and token1 price1 (same unit), given the
 * tokens' decimals: sqrt(amount1 / amount0 in raw units) * 2^96, rounded down.
 */
export function sqrtPriceX96For(price0: bigint, dec0: number, price1: bigint, dec1: number): bigint {
  const numerator = (price0 * 10n ** BigInt(dec1)) << 192n;
  const denominator = price1 * 10n ** BigInt(dec0);
  return sqrtBigint(numerator / denominator);
}

/** Approximate tick of a sqrtPriceX96 (log base 1.0001 of the price), for range placement only. */
export function approxTick(sqrtPriceX96: bigint): number {
  const sqrtPrice = Number(sqrtPriceX96) / 2 ** 96;
  return Math.floor((2 * Math.log(sqrtPrice)) / Math.log(1.0001));
}

export function alignTick(tick: number, spacing: number): number {
  return Math.floor(tick / spacing) * spacing;
}

export function fullRange(spacing: number): readonly [number, number] {
  return [Math.ceil(MIN_TICK / spacing) * spacing, Math.floor(MAX_TICK / spacing) * spacing];
}
