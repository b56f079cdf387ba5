import {
  getAmount0Delta,
  getAmount1Delta,
  nextSqrtPriceFromInput,
  nextSqrtPriceFromOutput,
} from "./sqrtPriceMath";

/** The outputs of one SwapMath.computeSwapStep, written into a caller-owned object (no allocation per step). */
export interface SwapStep {
  sqrtRatioNextX96: bigint;
  amountIn: bigint;
  amountOut: bigint;
  feeAmount: bigint;
}

export function newSwapStep(): SwapStep {
  return { sqrtRatioNextX96: 0n, amountIn: 0n, amountOut: 0n, feeAmount: 0n };
}

const ONE_MILLION = 1_000_000n;

/**
 * SwapMath.computeSwapStep: how far one constant-liquidity step goes towards the target price,
 * with what input, output and fee. `amountRemaining` >= 0 is exact-in, < 0 exact-out, as in the
 * pool. `feePips` and `feeComplement` (1e6 - feePips) are bigints precomputed by the caller.
 */
export function computeSwapStep(
  out: SwapStep,
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: bigint,
  feeComplement: bigint,
): void {
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtNext: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const lessFee = (amountRemaining * feeComplement) / ONE_MILLION;
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
    sqrtNext =
      lessFee >= amountIn
        ? sqrtRatioTargetX96
        : nextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, lessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    sqrtNext =
      -amountRemaining >= amountOut
        ? sqrtRatioTargetX96
        : nextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);
  }

  const max = sqrtRatioTargetX96 === sqrtNext;
  // The amounts are recomputed from the price actually reached unless the step went all the way.
  if (zeroForOne) {
    if (!(max && exactIn)) amountIn = getAmount0Delta(sqrtNext, sqrtRatioCurrentX96, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount1Delta(sqrtNext, sqrtRatioCurrentX96, liquidity, false);
  } else {
    if (!(max && exactIn)) amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtNext, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtNext, liquidity, false);
  }

  // Exact-out never delivers more than asked (the recomputed amount can round above it).
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  out.sqrtRatioNextX96 = sqrtNext;
  out.amountIn = amountIn;
  out.amountOut = amountOut;
  // A partial exact-in step keeps the whole remainder as fee; otherwise FullMath.mulDivRoundingUp(amountIn, fee, 1e6 - fee).
  out.feeAmount =
    exactIn && !max ? amountRemaining - amountIn : (amountIn * feePips + feeComplement - 1n) / feeComplement;
}
