import type { PoolModel } from "../../venues/common/poolModel";

/** One swap of a cycle: which pool, and which way through it. */
export interface Hop {
  readonly pool: PoolModel;
  /** true: token0 in, token1 out. */
  readonly zeroForOne: boolean;
}

/**
 * Exact amounts along a path for input x: amounts[0] = x, amounts[i + 1] = output of hop i.
 * undefined when some hop cannot take its input (a 0n quote), so the trade is not executable.
 */
export function quotePath(hops: readonly Hop[], x: bigint): bigint[] | undefined {
  if (x <= 0n) return undefined;
  const amounts = [x];
  let a = x;
  for (const hop of hops) {
    a = hop.pool.quoteExactIn(hop.zeroForOne, a);
    if (a <= 0n) return undefined;
    amounts.push(a);
  }
  return amounts;
}

/** Output minus input of a quoted path (the profit in the start token). */
export function pathProfit(amounts: readonly bigint[] | undefined): bigint {
  return amounts === undefined ? -1n : amounts[amounts.length - 1] - amounts[0];
}
