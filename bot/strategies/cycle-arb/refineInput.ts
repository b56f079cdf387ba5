import { pathProfit, quotePath, type Hop } from "./hop";

/** Samples either side of the optimum across its flat window. */
const FLAT_SAMPLES = 8n;
/** Profit (raw units) below which a unit or two of rounding luck is worth 16 more quotes. */
const LUCK_MATTERS_BELOW = 1_000_000n;
/** Below this profit one unit is over 1e-4 of it: 128 quotes to find the luckiest input. */
const DUST_BELOW = 10_000n;
const DUST_SAMPLES = 64n;

/** Enough for the closed form or a float seed, which land within a few wei of a local maximum. */
const MAX_CLIMB_STEPS = 64;

/**
 * Turns an approximate optimum x0 into an exact integer one using only exact quotes.
 * `flatHalfWidth` is how far either side of x0 the smooth profit stays within half a unit of its
 * maximum (see flatHalfWidth in floatOptimum.ts); 0 skips the window sampling.
 *
 * Exact quotes floor at every hop, so exact profit is a sawtooth around the smooth curve: along
 * the input axis it falls by one wei per wei until the next intermediate output unit is reached
 * (a unit of a 6-decimal token in the middle of a WETH cycle is worth about 1e8 wei of input).
 * The best input of a tooth is its left edge, the smallest input that still yields the same final
 * output; walking the exact-output quotes backwards from the final amount finds it. Then a hill
 * climb by single wei settles the rounding of the closed form itself.
 */
export function refineInput(hops: readonly Hop[], x0: bigint, flatHalfWidth = 0n): bigint[] | undefined {
  let best = quotePath(hops, x0 < 1n ? 1n : x0);
  if (best === undefined) return undefined;
  // Within the flat window the smooth profit varies by under half a unit, but each hop's floors
  // (and a V3 fee rounded up) cost between 0 and ~2 units depending on the input's residues:
  // sample the window for the luckiest input before polishing it. That gains a few raw units at
  // most, so it is skipped where a unit is under a millionth of the profit.
  // Where a unit is over 1e-4 of the profit, sample densely enough to find the luckiest residue.
  // A dust profit's window narrower than its samples is scanned wei by wei over the samples'
  // width instead: on pools of a few thousand units the teeth are a few wei apart, and the best
  // can sit several teeth from the closed form's.
  const profit0 = pathProfit(best);
  const dust = profit0 < DUST_BELOW;
  const samples = dust ? DUST_SAMPLES : FLAT_SAMPLES;
  const halfWidth = dust && flatHalfWidth < samples ? samples : flatHalfWidth;
  if (halfWidth >= samples && profit0 < LUCK_MATTERS_BELOW) {
    for (let j = -samples; j <= samples; j++) {
      if (j === 0n) continue;
      const q = quotePath(hops, x0 + (halfWidth * j) / samples);
      if (q !== undefined && pathProfit(q) > pathProfit(best)) best = q;
    }
  }
  best = tightenToToothEdge(hops, best);
  for (const step of [1n, -1n]) {
    for (let i = 0; i < MAX_CLIMB_STEPS; i++) {
      const next = quotePath(hops, best[0] + step);
      // An input no pool path can take is never better, even than a loss (pathProfit says -1 for it).
      if (next === undefined || pathProfit(next) <= pathProfit(best)) break;
      best = next;
    }
  }
  best = tightenToToothEdge(hops, best);
  return neighbouringTeeth(hops, best);
}

/** How many intermediate units either side of the optimum's own are tried. */
const TEETH_RADIUS = 1n;

/**
 * The teeth next to the optimum's can be a wei or two better: the curve is flat there and the
 * floors differ from tooth to tooth. Each intermediate amount y_i +- k defines a tooth; its best
 * input is the smallest one delivering y_i (exact-output quotes back to the start), and its
 * profit follows from quoting forward.
 */
function neighbouringTeeth(hops: readonly Hop[], start: bigint[]): bigint[] {
  let best = start;
  for (let level = 1; level < hops.length; level++) {
    for (let k = -TEETH_RADIUS; k <= TEETH_RADIUS; k++) {
      if (k === 0n) continue;
      const x = minimalInputFor(hops, level, start[level] + k);
      if (x === undefined) continue;
      const q = quotePath(hops, x);
      if (q !== undefined && pathProfit(q) > pathProfit(best)) best = q;
    }
  }
  return best === start ? start : tightenToToothEdge(hops, best);
}

/** The input that makes the first `level` hops deliver at least `target` (0n quotes: undefined). */
function minimalInputFor(hops: readonly Hop[], level: number, target: bigint): bigint | undefined {
  let need = target;
  for (let i = level - 1; i >= 0; i--) {
    if (need <= 0n) return undefined;
    need = hops[i].pool.quoteExactOut(hops[i].zeroForOne, need);
  }
  return need > 0n ? need : undefined;
}

/** The smallest input that yields the same final output as `amounts`, if the pools can say. */
export function tightenToToothEdge(hops: readonly Hop[], amounts: bigint[]): bigint[] {
  let need = amounts[amounts.length - 1];
  for (let i = hops.length - 1; i >= 0; i--) {
    need = hops[i].pool.quoteExactOut(hops[i].zeroForOne, need);
    if (need <= 0n) return amounts;
  }
  let best = amounts;
  // Exact-output quotes round up (V2's getAmountIn can overpay by one), so also try one less.
  for (const x of [need, need - 1n]) {
    if (x >= best[0]) continue;
    const q = quotePath(hops, x);
    if (q !== undefined && pathProfit(q) > pathProfit(best)) best = q;
  }
  return best;
}
