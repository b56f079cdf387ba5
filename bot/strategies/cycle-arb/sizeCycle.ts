import { UniswapV2Pool } from "../../venues/uniswap-v2/pool";
import { exactSearch } from "./exactSearch";
import type { FloatCurve } from "../../venues/floatCurve";
import { flatHalfWidth, floatOptimum } from "./floatOptimum";
import { pathProfit, type Hop } from "./hop";
import { hopCurve } from "./hopCurve";
import {
  composeMobius,
  MOBIUS_IDENTITY,
  mobiusOptimalInput,
  v2HopMobius,
  type Mobius,
} from "../../venues/mobius";
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
 * Sizes a cycle exactly: a starting point (the bigint closed form for all-V2 cycles, the float
 * optimum over the hops' curves otherwise, an exact search when a hop has no curve), then
 * integer refinement on exact quotes. undefined when no input makes a positive exact profit.
 */
export function sizeCycle(hops: readonly Hop[]): SizedCycle | undefined {
  let x0: bigint;
  let method: SizingMethod;
  const mobius = allV2Mobius(hops);
  const curves = hops.map(hopCurve);
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

/** The composed Möbius map of a cycle made only of V2 pools, else undefined. */
function allV2Mobius(hops: readonly Hop[]): Mobius | undefined {
  let f: Mobius = MOBIUS_IDENTITY;
  for (const { pool, zeroForOne } of hops) {
    if (!(pool instanceof UniswapV2Pool)) return undefined;
    const [rIn, rOut] = zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
    f = composeMobius(f, v2HopMobius(rIn, rOut, pool.feeBps));
  }
  return f;
}
