import { PoolRevertError } from "../../common/errors";

/**
 * FullMath and UnsafeMath from v3-core, on native bigint. Solidity needs a 512-bit product and
 * the Chinese Remainder Theorem to compute floor(a*b/d) without overflow; a bigint product is
 * exact, so only the result bound (< 2^256) and the rounding are left to mirror.
 */

export const MAX_UINT256 = (1n << 256n) - 1n;

function revert(what: string): never {
  throw new PoolRevertError("V3_MATH_REVERT", `FullMath.${what} would revert`);
}

/** FullMath.mulDiv: floor(a*b/d); reverts when d == 0 or the result overflows uint256. */
export function mulDiv(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) revert("mulDiv");
  const r = (a * b) / d;
  if (r > MAX_UINT256) revert("mulDiv");
  return r;
}

/**
 * FullMath.mulDivRoundingUp: mulDiv, plus one when mulmod(a, b, d) > 0 (the Solidity code then
 * requires the floor to be < 2^256 - 1). (a*b + d - 1) / d is that with one division.
 */
export function mulDivRoundingUp(a: bigint, b: bigint, d: bigint): bigint {
  if (d === 0n) revert("mulDivRoundingUp");
  const r = (a * b + d - 1n) / d;
  if (r > MAX_UINT256) revert("mulDivRoundingUp");
  return r;
}

/** UnsafeMath.divRoundingUp: x/y plus one when x % y > 0. EVM `div` by zero returns 0. */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) return 0n;
  return (x + y - 1n) / y;
}
