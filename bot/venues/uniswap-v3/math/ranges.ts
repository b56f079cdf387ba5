import { addDelta } from "./liquidityMath";
import type { UniswapV3Pool } from "../pool";
import { DEFAULT_LIMIT_ONE_FOR_ZERO, DEFAULT_LIMIT_ZERO_FOR_ONE } from "../pool";
import { newSwapResult, runSwap } from "./swap";

/**
 * A V3 pool seen range by range, for exact and fast sizing.
 *
 * Between two adjacent initialised ticks the active liquidity L is constant and the pool is a
 * constant-product pool on virtual reserves x = L * 2^96 / sqrtP (token0) and
 * y = L * sqrtP / 2^96 (token1): an exact-in swap there gives, up to the pool's per-step
 * rounding, y * a' / (x + a') with a' = a * (1e6 - fee) / 1e6, i.e. a V2 pair with a fee of
 * fee/100 bps, capped at the input that takes the price to the range's end. The walk below
 * reports, for each range ahead, that cap and its output EXACTLY as the pool computes them
 * (it runs the pool's own step loop, bitmap-word edges included), so:
 *
 *   quoteExactIn(sum of amountIn over ranges 0..k) === sum of amountOut over ranges 0..k
 *
 * and a swap of that input leaves the price on range k's end tick, crossed. An optimiser can
 * therefore find the range its optimum lies in from these exact cumulative sums, solve inside
 * it on the virtual reserves, and confirm with one exact quote.
 */
export interface V3Range {
  /** Active liquidity throughout the range (0 in a gap between positions: then amounts are 0). */
  liquidity: bigint;
  sqrtPriceStartX96: bigint;
  /** The end tick's price, or the default price limit when there is no initialised tick ahead. */
  sqrtPriceEndX96: bigint;
  /** The initialised tick ending the range; undefined when the range runs to the price limit. */
  tickEnd: number | undefined;
  /** Virtual reserves at the range's start: of the token going in, and of the token coming out. */
  reserveIn: bigint;
  reserveOut: bigint;
  /** Exact gross input (fee included) taking the price from start to end, and its exact output. */
  amountIn: bigint;
  amountOut: bigint;
}

const Q96 = 1n << 96n;
const MAX_INT256 = (1n << 255n) - 1n;

/** Virtual reserves of a constant-liquidity range at a price: floor(L*2^96/sqrtP), floor(L*sqrtP/2^96). */
export function virtualReserves(
  sqrtPriceX96: bigint,
  liquidity: bigint,
): { reserve0: bigint; reserve1: bigint } {
  return { reserve0: (liquidity * Q96) / sqrtPriceX96, reserve1: (liquidity * sqrtPriceX96) >> 96n };
}

/**
 * Up to `maxRanges` ranges from the current price in the swap's direction, consecutive (each
 * starts where the previous ended, with the liquidity after crossing its end tick). The last one
 * has tickEnd undefined when the walk reached the pool's price limit. Does not change the pool.
 */
export function v3Ranges(
  pool: UniswapV3Pool,
  zeroForOne: boolean,
  maxRanges = Number.POSITIVE_INFINITY,
): V3Range[] {
  const ticks = pool.ticks;
  const limit = zeroForOne ? DEFAULT_LIMIT_ZERO_FOR_ONE : DEFAULT_LIMIT_ONE_FOR_ZERO;
  const out = newSwapResult();
  const ranges: V3Range[] = [];
  let sqrtP = pool.sqrtPriceX96;
  let tick = pool.tick;
  let L = pool.liquidity;
  let i = zeroForOne ? ticks.atOrBelow(tick) : ticks.above(tick);
  while (ranges.length < maxRanges && sqrtP !== limit) {
    const hasTick = zeroForOne ? i >= 0 : i < ticks.length;
    let end = hasTick ? ticks.sqrtPriceX96[i] : limit;
    // A tick at the very edge of the price range (MIN_TICK with spacing 1) cannot be reached.
    const beyondLimit = zeroForOne ? end <= limit : end >= limit;
    if (beyondLimit) end = limit;
    const tickEnd = hasTick && !beyondLimit ? ticks.index[i] : undefined;
    const v = virtualReserves(sqrtP, L);
    const range: V3Range = {
      liquidity: L,
      sqrtPriceStartX96: sqrtP,
      sqrtPriceEndX96: end,
      tickEnd,
      reserveIn: zeroForOne ? v.reserve0 : v.reserve1,
      reserveOut: zeroForOne ? v.reserve1 : v.reserve0,
      amountIn: 0n,
      amountOut: 0n,
    };
    if (end === sqrtP) {
      // Already on the tick (the pool's tick lags the price after a downward cross): the pool
      // crosses it at no cost on the next step.
      L = addDelta(L, zeroForOne ? -ticks.liquidityNet[i] : ticks.liquidityNet[i]);
      tick = zeroForOne ? ticks.index[i] - 1 : ticks.index[i];
    } else {
      // The pool's own loop with the end as price limit: same steps, same roundings, and it
      // crosses the end tick when it lands on it.
      runSwap(pool, sqrtP, tick, L, zeroForOne, MAX_INT256, end, out);
      range.amountIn = zeroForOne ? out.amount0 : out.amount1;
      range.amountOut = -(zeroForOne ? out.amount1 : out.amount0);
      sqrtP = out.sqrtPriceX96;
      tick = out.tick;
      L = out.liquidity;
    }
    ranges.push(range);
    if (tickEnd === undefined) break;
    i += zeroForOne ? -1 : 1;
  }
  return ranges;
}

/**
 * The range from the current price to the next initialised tick in the swap's direction (or to
 * the price limit): its virtual reserves, and the exact gross input that reaches and crosses
 * that tick, with its output.
 */
export function rangeAhead(pool: UniswapV3Pool, zeroForOne: boolean): V3Range | undefined {
  return v3Ranges(pool, zeroForOne, 1)[0];
}
