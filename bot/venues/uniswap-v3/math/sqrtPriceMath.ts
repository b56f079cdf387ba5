import { PoolRevertError } from "../../common/errors";
import { divRoundingUp, MAX_UINT256 } from "./fullMath";

/**
 * SqrtPriceMath from v3-core. Every function rounds in the pool's favour exactly as the Solidity
 * does, including the overflow fallback of getNextSqrtPriceFromAmount0RoundingUp, which rounds
 * differently from the main formula. Arguments are trusted to be in their Solidity types' ranges
 * (the swap loop guarantees it), so only the checks that can fire on valid state are kept.
 */

const Q96 = 1n << 96n;
const MAX_UINT160 = (1n << 160n) - 1n;

function revert(what: string): never {
  throw new PoolRevertError("V3_MATH_REVERT", `SqrtPriceMath.${what} would revert`);
}

/** SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp. */
export function nextSqrtPriceFromAmount0RoundingUp(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtPX96;
  if (add) {
    // The Solidity takes the precise formula only when amount*sqrtP and numerator1 + product
    // both fit in 256 bits; otherwise it falls back to numerator1 / (numerator1/sqrtP + amount).
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return (numerator1 * sqrtPX96 + denominator - 1n) / denominator;
    }
    return divRoundingUp(numerator1, numerator1 / sqrtPX96 + amount);
  }
  if (product > MAX_UINT256 || numerator1 <= product) revert("getNextSqrtPriceFromAmount0RoundingUp");
  const denominator = numerator1 - product;
  const r = (numerator1 * sqrtPX96 + denominator - 1n) / denominator;
  if (r > MAX_UINT160) revert("getNextSqrtPriceFromAmount0RoundingUp");
  return r;
}

/** SqrtPriceMath.getNextSqrtPriceFromAmount1RoundingDown (both of its quotient branches are the same floor/ceil). */
export function nextSqrtPriceFromAmount1RoundingDown(
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  add: boolean,
): bigint {
  if (add) {
    const r = sqrtPX96 + (amount << 96n) / liquidity;
    if (r > MAX_UINT160) revert("getNextSqrtPriceFromAmount1RoundingDown");
    return r;
  }
  const quotient = ((amount << 96n) + liquidity - 1n) / liquidity;
  if (sqrtPX96 <= quotient) revert("getNextSqrtPriceFromAmount1RoundingDown");
  return sqrtPX96 - quotient;
}

/** SqrtPriceMath.getNextSqrtPriceFromInput (callers guarantee sqrtP > 0 and liquidity > 0). */
export function nextSqrtPriceFromInput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountIn: bigint,
  zeroForOne: boolean,
): bigint {
  return zeroForOne
    ? nextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : nextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/** SqrtPriceMath.getNextSqrtPriceFromOutput (callers guarantee sqrtP > 0 and liquidity > 0). */
export function nextSqrtPriceFromOutput(
  sqrtPX96: bigint,
  liquidity: bigint,
  amountOut: bigint,
  zeroForOne: boolean,
): bigint {
  return zeroForOne
    ? nextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : nextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

/**
 * SqrtPriceMath.getAmount0Delta (unsigned): L * 2^96 * (sqrtB - sqrtA) / sqrtB / sqrtA in two
 * roundings, as the Solidity divides first by sqrtB (mulDiv / mulDivRoundingUp) and then by
 * sqrtA (plain / or divRoundingUp). Requires sqrtA > 0 after ordering.
 */
export function getAmount0Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  if (sqrtA > sqrtB) {
    const t = sqrtA;
    sqrtA = sqrtB;
    sqrtB = t;
  }
  if (sqrtA === 0n) revert("getAmount0Delta");
  const p = (liquidity << 96n) * (sqrtB - sqrtA);
  if (roundUp) {
    const q = (p + sqrtB - 1n) / sqrtB;
    return (q + sqrtA - 1n) / sqrtA;
  }
  return p / sqrtB / sqrtA;
}

/** SqrtPriceMath.getAmount1Delta (unsigned): L * (sqrtB - sqrtA) / 2^96, floor or ceiling. */
export function getAmount1Delta(sqrtA: bigint, sqrtB: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const d = sqrtA > sqrtB ? sqrtA - sqrtB : sqrtB - sqrtA;
  const p = liquidity * d;
  return roundUp ? (p + Q96 - 1n) >> 96n : p >> 96n;
}
