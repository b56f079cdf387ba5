import type { FloatCurve } from "../../venues/common/floatCurve";

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

/**
 * Half-width of the input window around the optimum x over which profit stays within half a
 * unit of its maximum: from profit(x* + d) ~ profit(x*) + p''(x*) d^2 / 2, d = 1/sqrt(|p''|).
 * Inside it, the exact (floored) profit differs from point to point only by rounding luck, so
 * the refinement samples it. Capped at x/4; 0 when the curvature cannot be measured.
 */
export function flatHalfWidth(curves: readonly FloatCurve[], x: number): number {
  if (!(x > 0)) return 0;
  const slopeAt = (v: number): number => {
    let a = v;
    let s = 1;
    for (const c of curves) {
      s *= c.slope(a);
      a = c.out(a);
    }
    return s;
  };
  const h = x * 1e-3;
  const curvature = Math.abs((slopeAt(x + h) - slopeAt(x - h)) / (2 * h));
  if (!(curvature > 0) || !Number.isFinite(curvature)) return 0;
  return Math.min(x / 4, 1 / Math.sqrt(curvature));
}
