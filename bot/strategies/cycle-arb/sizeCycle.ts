import { exactSearch } from "./exactSearch";
import type { FloatCurve } from "../../venues/common/floatCurve";
import { flatHalfWidth, floatOptimum } from "./floatOptimum";
import { pathProfit, type Hop } from "./hop";
import { composeMobius, MOBIUS_IDENTITY, mobiusOptimalInput, type Mobius } from "../../venues/common/mobius";
import { refineInput } from "./refineInput";

/** How the starting point of the exact refinement was found (for tests and benchmarks). */
export type SizingMethod = "v2-closed-form" | "float-curve" | "exact-search";

/** The optimal trade of a cycle: exact amounts along it, amounts[0] in, the last one out. */
export interface SizedCycle {
  amounts: bigint[];
  profit: bigint;
  method: SizingMethod;
}

/**
 * Sizes a cycle exactly: a starting point (the bigint closed form when every hop has an exact Möbius map, as V2 pairs do, the float
 * optimum over the hops' curves otherwise, an exact search when a hop has no curve), then
 * integer refinement on exact quotes. undefined when no input makes a positive exact profit.
 */
export function sizeCycle(hops: readonly Hop[]): SizedCycle | undefined {
  let x0: bigint;
  let method: SizingMethod;
  const mobius = exactMobius(hops);
  const curves = hops.map((h) => h.pool.curve(h.zeroForOne));
  const haveCurves = curves.every((c): c is FloatCurve => c !== undefined);
  if (mobius !== undefined) {
    method = "v2-closed-form";
    // An optimum below one unit floors to 0, yet one unit can still gain: try it.
    x0 = mobius.k > mobius.m ? maxBig(1n, mobiusOptimalInput(mobius)) : 0n;
  } else if (haveCurves) {
    method = "float-curve";
    const x = floatOptimum(curves);
    x0 = !(x > 0) ? 0n : Number.isFinite(x) && x >= 1 ? BigInt(Math.floor(x)) : 1n;
  } else {
    method = "exact-search";
    x0 = exactSearch(hops);
  }
  if (x0 <= 0n) return undefined;
  const halfWidth = haveCurves ? flatHalfWidth(curves as FloatCurve[], Number(x0)) : 0;
  const amounts = refineInput(hops, x0, BigInt(Math.floor(halfWidth)));
  const profit = pathProfit(amounts);
  if (amounts === undefined || profit <= 0n) return undefined;
  return { amounts, profit, method };
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** The composed Möbius map of a cycle whose every hop has an exact one (V2 pairs), else undefined. */
function exactMobius(hops: readonly Hop[]): Mobius | undefined {
  let f: Mobius = MOBIUS_IDENTITY;
  for (const { pool, zeroForOne } of hops) {
    const hop = pool.mobius(zeroForOne);
    if (hop === undefined) return undefined;
    f = composeMobius(f, hop);
  }
  return f;
}
