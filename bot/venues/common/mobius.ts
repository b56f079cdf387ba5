import { isqrt } from "../../core/isqrt";

/**
 * A constant-product swap with fee multiplier g is the Möbius map x -> g*Rout*x / (Rin + g*x), and
 * a chain of them composes into one map of the same shape, out = K*x / (M + N*x): one "virtual
 * pool". Everything here is exact bigint arithmetic on integer coefficients: the fee is kept as
 * the integer pair (10000 - feeBps) / 10000 and the denominator 10000 is multiplied into M, so no
 * rounding happens until the final square root. See docs/engine.md for the derivation.
 */

/** out = k*x / (m + n*x). */
export interface Mobius {
  k: bigint;
  m: bigint;
  n: bigint;
}

export const MOBIUS_IDENTITY: Readonly<Mobius> = Object.freeze({ k: 1n, m: 1n, n: 0n });

const BPS = 10_000n;

/** The map of one V2 hop: Rin and Rout are the reserves of the input and output token. */
export function v2HopMobius(reserveIn: bigint, reserveOut: bigint, feeBps: number): Mobius {
  const g = BPS - BigInt(feeBps);
  // g*Rout*x / (10000*Rin + g*x): the same fraction UniswapV2Library.getAmountOut floors.
  return { k: g * reserveOut, m: BPS * reserveIn, n: g };
}

/**
 * next(prev(x)): with prev = K x/(M + N x) and next = a y/(b + c y),
 * next(prev(x)) = a K x / (b M + (b N + c K) x).
 */
export function composeMobius(prev: Mobius, next: Mobius): Mobius {
  return { k: prev.k * next.k, m: prev.m * next.m, n: prev.n * next.m + next.n * prev.k };
}

/**
 * The input maximising K x/(M + N x) - x, floored; 0n when the cycle is not profitable at any
 * size (K <= M means the marginal rate at zero is at most 1). From d/dx = K M/(M + N x)^2 = 1:
 * x* = (sqrt(K M) - M) / N.
 */
export function mobiusOptimalInput(f: Mobius): bigint {
  if (f.k <= f.m || f.n === 0n) return 0n;
  const root = isqrt(f.k * f.m);
  return root <= f.m ? 0n : (root - f.m) / f.n;
}
