import type { FloatCurve } from "./floatCurve";

/** Relative width at which the bisection stops: far below what the exact refinement resolves. */
const REL_TOLERANCE = 1e-13;
/** 4^64 ~ 3e38 raw units is beyond any token supply; the search never needs more. */
const MAX_EXPANSIONS = 64;

/**
 * The float input maximising out(x) - x of a chain of hops, or 0 when no positive input gains.
 * Profit is concave, so its slope prod_i curve_i'(x_i) falls through 1 exactly once: expand an
 * upper bracket geometrically, then bisect geometrically on the sign of (slope - 1).
 */
export function floatOptimum(curves: readonly FloatCurve[]): number {
  const slopeAt = (x: number): number => {
    let a = x;
    let s = 1;
    for (const c of curves) {
      s *= c.slope(a);
      if (s === 0) return 0;
      a = c.out(a);
    }
    return s;
  };
  if (slopeAt(0) <= 1) return 0;
  let lo = 0;
  let hi = 1;
  for (let i = 0; slopeAt(hi) > 1; i++) {
    if (i === MAX_EXPANSIONS) return hi;
    lo = hi;
    hi *= 4;
  }
  while (hi - lo > REL_TOLERANCE * hi) {
    const mid = lo === 0 ? hi / 2 : Math.sqrt(lo * hi);
    // sqrt can round to an end point once the bracket is a few ulps wide.
    if (mid <= lo || mid >= hi) break;
    if (slopeAt(mid) > 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
