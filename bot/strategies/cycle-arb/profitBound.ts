import type { PoolModel } from "../../venues/poolModel";
import { UniswapV2Pool } from "../../venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../venues/uniswap-v3/pool";

/**
 * A cheap float upper bound on the exact profit of a cycle, so that the engine can rank cycles
 * before sizing them and size exactly only those that can still reach the top.
 *
 * Each hop is bounded by a constant-product curve out(x) <= a x / (b + c x), and a chain of those
 * composes into one map of the same shape (see mobius.ts), whose maximum profit is closed-form:
 * with K x / (M + N x) and r = K / M (the product of the hops' marginal rates),
 *
 *     max_x K x / (M + N x) - x = (M / N) (sqrt(r) - 1)^2     (0 when r <= 1).
 *
 * Why each hop's curve lies above the pool's exact quotes:
 * - V2: a = g R_out, b = R_in, c = g is getAmountOut before its floor.
 * - V3: within a range the pool is constant product on virtual reserves; feeding input moves the
 *   price by input / L, so with less liquidity the price moves faster and every further unit buys
 *   less. The curve with the current price and the largest liquidity L_max of any range the swap
 *   can reach therefore gives at least the pool's output at every input (and the exact swap takes
 *   the fee rounded up and floors its amounts, which only lowers it).
 * Composition is monotone in each hop's output, so the composed curve bounds the cycle, and its
 * real maximum bounds every integer input's exact profit.
 *
 * Float rounding: every coefficient is a product or sum of positive terms (a few ulps of relative
 * error), so r and M / N are inflated by BOUND_SLACK before use, and one unit is added.
 */

/** Relative inflation of r and M / N: far above the ~1e-15 float error of the composition. */
const BOUND_SLACK = 1e-12;
const Q96 = 2 ** 96;

/** The bounding curve of one hop: out(x) <= a x / (b + c x). */
export interface HopBound {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** The bounding curve of a hop through `pool`, or undefined for a pool kind without one. */
export function hopBound(pool: PoolModel, zeroForOne: boolean): HopBound | undefined {
  if (pool instanceof UniswapV2Pool) {
    const g = (10_000 - pool.feeBps) / 10_000;
    const rIn = Number(zeroForOne ? pool.reserve0 : pool.reserve1);
    const rOut = Number(zeroForOne ? pool.reserve1 : pool.reserve0);
    return { a: g * rOut, b: rIn, c: g };
  }
  if (pool instanceof UniswapV3Pool) {
    const g = Number(pool.feeComplement) / 1e6;
    const s = Number(pool.sqrtPriceX96) / Q96;
    const l = Number(maxReachableLiquidity(pool, zeroForOne));
    // Virtual reserves at the current price with liquidity L: token0 = L / s, token1 = L s.
    const rIn = zeroForOne ? l / s : l * s;
    const rOut = zeroForOne ? l * s : l / s;
    if (l === 0) return { a: 0, b: 1, c: g };
    return { a: g * rOut, b: rIn, c: g };
  }
  return undefined;
}

/** The largest active liquidity of the current range and every range a swap this way can enter. */
export function maxReachableLiquidity(pool: UniswapV3Pool, zeroForOne: boolean): bigint {
  const t = pool.ticks;
  let l = pool.liquidity;
  let max = l;
  if (zeroForOne) {
    // Crossing tick i downwards subtracts its liquidityNet.
    for (let i = t.atOrBelow(pool.tick); i >= 0; i--) {
      l -= t.liquidityNet[i];
      if (l > max) max = l;
    }
  } else {
    for (let i = t.above(pool.tick); i < t.length; i++) {
      l += t.liquidityNet[i];
      if (l > max) max = l;
    }
  }
  return max;
}

/**
 * Upper bound on the exact profit (raw units of the start token) of the chain of hops; Infinity
 * when some hop has no bound or the arithmetic leaves the float range.
 */
export function cycleProfitBound(hops: readonly (HopBound | undefined)[]): number {
  let k = 1;
  let m = 1;
  let n = 0;
  for (const h of hops) {
    if (h === undefined) return Infinity;
    // next(prev(x)) = a K x / (b M + (b N + c K) x)
    n = n * h.b + h.c * k;
    k *= h.a;
    m *= h.b;
  }
  if (k === 0) return 0;
  const r = (k / m) * (1 + BOUND_SLACK);
  const scale = (m / n) * (1 + BOUND_SLACK);
  if (!Number.isFinite(r) || !Number.isFinite(scale) || !(scale > 0)) return Infinity;
  if (r <= 1) return 1;
  const d = Math.sqrt(r) - 1;
  return scale * d * d + 1;
}
