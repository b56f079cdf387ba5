import { pathProfit, quotePath, type Hop } from "./hop";

/** 2^120 raw units: past any reserve a uint112 V2 pair or a V3 pool can hold. */
const MAX_DOUBLINGS = 120;
const INV_PHI_NUM = 618_033_988_749_895n;
const INV_PHI_DEN = 1_000_000_000_000_000n;

/**
 * The model-agnostic fallback sizer: profit is concave in the input (up to rounding), so double
 * the input until profit stops growing, then golden-section search the bracket on exact integer
 * quotes. About 250 path quotes; used only for hops no float curve describes.
 */
export function exactSearch(hops: readonly Hop[]): bigint {
  const profit = (x: bigint): bigint => pathProfit(quotePath(hops, x));
  let bestX = 0n;
  let bestP = 0n;
  let x = 1n;
  for (let i = 0; i < MAX_DOUBLINGS; i++, x <<= 1n) {
    const p = profit(x);
    if (p > bestP) {
      bestP = p;
      bestX = x;
    } else if (bestX > 0n && p < bestP) break;
  }
  if (bestX === 0n) return 0n;
  let lo = bestX >> 1n;
  let hi = bestX << 1n;
  while (hi - lo > 3n) {
    const d = ((hi - lo) * INV_PHI_NUM) / INV_PHI_DEN;
    const m1 = hi - d;
    const m2 = lo + d;
    if (profit(m1) < profit(m2)) lo = m1;
    else hi = m2;
  }
  for (let c = lo; c <= hi; c++) {
    const p = profit(c);
    if (p > bestP) {
      bestP = p;
      bestX = c;
    }
  }
  return bestX;
}
