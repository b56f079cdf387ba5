import type { HopBound } from "../../venues/common/floatCurve";

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
 * Each hop's curve is its model's `bound` (PoolModel), which each venue's model shows lies above its
 * exact quotes (bot/venues/<kind>/pool.ts says why). Composition is monotone in each hop's output,
 * so the composed curve bounds the cycle, and its real maximum bounds every integer input's exact
 * profit.
 *
 * Float rounding: every coefficient is a product or sum of positive terms (a few ulps of relative
 * error), so r and M / N are inflated by BOUND_SLACK before use, and one unit is added.
 */

/** Relative inflation of r and M / N: far above the ~1e-15 float error of the composition. */
const BOUND_SLACK = 1e-12;

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
