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

const Q96 = 1n << 96n;

/**
 * The most liquidity a position between the sqrt prices `sqrtA` < `sqrtB` can have when at most
 * `amount0` and `amount1` may be paid for it at the pool price `sqrtP`: v3-periphery's
 * LiquidityAmounts.getLiquidityForAmounts, rounded down like it. A pool's `mint` takes liquidity,
 * not amounts; where no position manager exists (PancakeSwap V3 on the devnet), this is what turns
 * the USD a position is offered into liquidity. What the pool then charges (amounts rounded up
 * from this liquidity) never exceeds the amounts given.
 */
export function liquidityForAmounts(
  sqrtP: bigint,
  sqrtA: bigint,
  sqrtB: bigint,
  amount0: bigint,
  amount1: bigint,
): bigint {
  if (sqrtA >= sqrtB) throw new RangeError("a position's lower sqrt price must be below its upper one");
  const forAmount0 = (lo: bigint, hi: bigint): bigint => (amount0 * ((lo * hi) / Q96)) / (hi - lo);
  const forAmount1 = (lo: bigint, hi: bigint): bigint => (amount1 * Q96) / (hi - lo);
  if (sqrtP <= sqrtA) return forAmount0(sqrtA, sqrtB);
  if (sqrtP >= sqrtB) return forAmount1(sqrtA, sqrtB);
  const l0 = forAmount0(sqrtP, sqrtB);
  const l1 = forAmount1(sqrtA, sqrtP);
  return l0 < l1 ? l0 : l1;
}
