import { PoolRevertError } from "../../common/errors";
import { addDelta } from "./liquidityMath";
import { getAmount0Delta, getAmount1Delta } from "./sqrtPriceMath";
import { computeSwapStep, newSwapStep } from "./swapMath";
import type { TickList } from "./tickList";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "./tickMath";

/** What the swap loop needs from a pool: its immutables and its ticks. */
export interface V3SwapConfig {
  readonly feePips: bigint;
  /** 1e6 - feePips, precomputed. */
  readonly feeComplement: bigint;
  readonly tickSpacing: number;
  readonly ticks: TickList;
}

/** The pool's return values and the state the swap leaves behind. */
export interface V3SwapResult {
  amount0: bigint;
  amount1: bigint;
  /** Non-zero when the pool stopped at the price limit before using the whole amount. */
  amountSpecifiedRemaining: bigint;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
}

export function newSwapResult(): V3SwapResult {
  return { amount0: 0n, amount1: 0n, amountSpecifiedRemaining: 0n, sqrtPriceX96: 0n, tick: 0, liquidity: 0n };
}

const MAX_INT256 = (1n << 255n) - 1n;
const step = newSwapStep();

// Word boundaries are multiples of 256 * tickSpacing: at most ~6,900 distinct ticks, so their
// sqrt prices are cached for good.
const boundarySqrt = new Map<number, bigint>();
function sqrtAtBoundary(tick: number): bigint {
  let s = boundarySqrt.get(tick);
  if (s === undefined) {
    s = getSqrtRatioAtTick(tick);
    boundarySqrt.set(tick, s);
  }
  return s;
}

/** A word boundary (multiple of 256 compressed ticks) at `tick`: where a zeroForOne step stops. */
function isWordStart(tick: number, tickSpacing: number): boolean {
  return tick % tickSpacing === 0 && ((tick / tickSpacing) & 255) === 0;
}

/** Next step end going down from `tick`: the word's first tick (TickBitmap, lte = true). */
function wordStartBelow(tick: number, tickSpacing: number): number {
  return ((Math.floor(tick / tickSpacing) >> 8) << 8) * tickSpacing;
}

/** Next step end going up from `tick`: the last tick of the next compressed tick's word (lte = false). */
function wordEndAbove(tick: number, tickSpacing: number): number {
  return (((Math.floor(tick / tickSpacing) + 1) >> 8) * 256 + 255) * tickSpacing;
}

let fullIn = 0n;
let fullOut = 0n;

/**
 * The pool's steps across the whole range between initialised positions k and k+1 (entering at
 * one end, crossing at the other) with liquidity L: summed gross input and output, into
 * fullIn/fullOut. Every step reaches its target, so exact-in and exact-out steps agree.
 */
function crossWholeRange(cfg: V3SwapConfig, zeroForOne: boolean, k: number, L: bigint): void {
  const { tickSpacing, ticks } = cfg;
  const endTick = ticks.index[zeroForOne ? k : k + 1];
  const endSqrt = ticks.sqrtPriceX96[zeroForOne ? k : k + 1];
  let tick = zeroForOne ? ticks.index[k + 1] - 1 : ticks.index[k];
  let sqrtP = ticks.sqrtPriceX96[zeroForOne ? k + 1 : k];
  let gross = 0n;
  let out = 0n;
  for (;;) {
    let next = zeroForOne ? wordStartBelow(tick, tickSpacing) : wordEndAbove(tick, tickSpacing);
    if (zeroForOne ? next <= endTick : next >= endTick) next = endTick;
    const sqrtNext = next === endTick ? endSqrt : sqrtAtBoundary(next);
    // computeSwapStep for a step that reaches its target: amountIn rounded up, amountOut down,
    // fee = mulDivRoundingUp(amountIn, fee, 1e6 - fee).
    const amountIn = zeroForOne
      ? getAmount0Delta(sqrtNext, sqrtP, L, true)
      : getAmount1Delta(sqrtP, sqrtNext, L, true);
    out += zeroForOne
      ? getAmount1Delta(sqrtNext, sqrtP, L, false)
      : getAmount0Delta(sqrtP, sqrtNext, L, false);
    gross += amountIn + (amountIn * cfg.feePips + cfg.feeComplement - 1n) / cfg.feeComplement;
    if (next === endTick) break;
    sqrtP = sqrtNext;
    tick = zeroForOne ? next - 1 : next;
  }
  fullIn = gross;
  fullOut = out;
}

function revert(code: string, message: string): never {
  throw new PoolRevertError(code, message);
}

/**
 * UniswapV3Pool.swap's loop, step for step, from the state (sqrtPriceX96, tick, liquidity).
 * `amountSpecified` > 0 is exact-in, < 0 exact-out. Writes the pool's (amount0, amount1) and the
 * final state into `out`; throws PoolRevertError where the pool reverts ('AS', 'SPL', math).
 *
 * The steps stop where the pool's do, because every step rounds its amounts up or down on its
 * own: at the next initialised tick or, failing one in the current 256-tick bitmap word
 * (TickBitmap.nextInitializedTickWithinOneWord), at the word's edge. The one shortcut: while the
 * active liquidity is zero a step moves nothing and costs nothing, so the loop jumps straight to
 * the next initialised tick (the pool walks there word by word, to the same result).
 */
export function runSwap(
  cfg: V3SwapConfig,
  sqrtPriceX96: bigint,
  tick: number,
  liquidity: bigint,
  zeroForOne: boolean,
  amountSpecified: bigint,
  sqrtPriceLimitX96: bigint,
  out: V3SwapResult,
  /**
   * Whether the caller reads `out.tick`. Quotes do not: the final tick needs getTickAtSqrtRatio
   * when a swap stops inside a range, about a third of a quote's time (keeper profile), and no
   * amount depends on it. Without it `out.tick` is left unset.
   */
  wantTick: boolean = true,
): void {
  if (amountSpecified === 0n) revert("V3_SWAP_AS", "UniswapV3Pool.swap: AS");
  if (amountSpecified > MAX_INT256 || amountSpecified < -MAX_INT256)
    revert("V3_SWAP_AS", "amount beyond int256");
  if (
    zeroForOne
      ? !(sqrtPriceLimitX96 < sqrtPriceX96 && sqrtPriceLimitX96 > MIN_SQRT_RATIO)
      : !(sqrtPriceLimitX96 > sqrtPriceX96 && sqrtPriceLimitX96 < MAX_SQRT_RATIO)
  ) {
    revert("V3_SWAP_SPL", "UniswapV3Pool.swap: SPL");
  }
  const { feePips, feeComplement, tickSpacing, ticks } = cfg;
  const tickIndex = ticks.index;
  const tickSqrt = ticks.sqrtPriceX96;
  const tickNet = ticks.liquidityNet;
  const n = tickIndex.length;
  const exactInput = amountSpecified > 0n;

  let remaining = amountSpecified;
  let calculated = 0n;
  let sqrtP = sqrtPriceX96;
  let L = liquidity;
  // The next initialised tick in the swap's direction, as a position in `ticks`.
  let i = zeroForOne ? ticks.atOrBelow(tick) : ticks.above(tick);
  // Set when the loop ends inside a range: the tick is then recomputed from the price, once.
  let tickFromPrice = false;
  let shortcutEnd = false;

  // True right after crossing an initialised tick: the price then sits exactly on it.
  let onTick = false;
  const dir = zeroForOne ? 0 : 1;
  const rangeL = ticks.rangeL[dir];
  const rangeIn = ticks.rangeIn[dir];
  const rangeOut = ticks.rangeOut[dir];

  while (remaining !== 0n && sqrtP !== sqrtPriceLimitX96) {
    // Fast path: from an initialised tick, the traversal of the whole range to the next one is
    // fixed by the ticks and L alone, so its totals are cached. A step reaches its target iff
    // the remainder covers its gross input (exact-in: floor(rem*(1e6-fee)/1e6) >= amountIn
    // <=> rem >= amountIn + ceil(amountIn*fee/(1e6-fee))) or its output (exact-out), so the
    // pool crosses the whole range iff the remainder covers the range's totals.
    if (onTick && L !== 0n && (zeroForOne ? i >= 0 : i < n)) {
      const endSqrt = tickSqrt[i];
      if (zeroForOne ? endSqrt >= sqrtPriceLimitX96 : endSqrt <= sqrtPriceLimitX96) {
        const k = zeroForOne ? i : i - 1;
        if (rangeL[k] !== L) {
          crossWholeRange(cfg, zeroForOne, k, L);
          rangeL[k] = L;
          rangeIn[k] = fullIn;
          rangeOut[k] = fullOut;
        }
        if (exactInput ? remaining >= rangeIn[k] : -remaining >= rangeOut[k]) {
          if (exactInput) {
            remaining -= rangeIn[k];
            calculated -= rangeOut[k];
          } else {
            remaining += rangeOut[k];
            calculated += rangeIn[k];
          }
          sqrtP = endSqrt;
          L = addDelta(L, zeroForOne ? -tickNet[i] : tickNet[i]);
          tick = zeroForOne ? tickIndex[i] - 1 : tickIndex[i];
          i += zeroForOne ? -1 : 1;
          continue;
        }
      }
    }
    onTick = false;
    let tickNext: number;
    let initialized: boolean;
    let sqrtNext: bigint;
    const compressed = Math.floor(tick / tickSpacing);
    if (zeroForOne) {
      if (i >= 0 && (L === 0n || tickIndex[i] >= ((compressed >> 8) << 8) * tickSpacing)) {
        tickNext = tickIndex[i];
        initialized = true;
        sqrtNext = tickSqrt[i];
      } else {
        tickNext = L === 0n ? MIN_TICK : ((compressed >> 8) << 8) * tickSpacing;
        if (tickNext < MIN_TICK) tickNext = MIN_TICK;
        initialized = false;
        sqrtNext = sqrtAtBoundary(tickNext);
      }
    } else {
      if (i < n && (L === 0n || tickIndex[i] <= (((compressed + 1) >> 8) * 256 + 255) * tickSpacing)) {
        tickNext = tickIndex[i];
        initialized = true;
        sqrtNext = tickSqrt[i];
      } else {
        tickNext = L === 0n ? MAX_TICK : (((compressed + 1) >> 8) * 256 + 255) * tickSpacing;
        if (tickNext > MAX_TICK) tickNext = MAX_TICK;
        initialized = false;
        sqrtNext = sqrtAtBoundary(tickNext);
      }
    }
    const target = (zeroForOne ? sqrtNext < sqrtPriceLimitX96 : sqrtNext > sqrtPriceLimitX96)
      ? sqrtPriceLimitX96
      : sqrtNext;
    const sqrtStart = sqrtP;
    computeSwapStep(step, sqrtP, target, L, remaining, feePips, feeComplement);
    sqrtP = step.sqrtRatioNextX96;
    if (exactInput) {
      remaining -= step.amountIn + step.feeAmount;
      calculated -= step.amountOut;
    } else {
      remaining += step.amountOut;
      calculated += step.amountIn + step.feeAmount;
    }
    if (sqrtP === sqrtNext) {
      if (initialized) {
        L = addDelta(L, zeroForOne ? -tickNet[i] : tickNet[i]);
        i += zeroForOne ? -1 : 1;
        onTick = true;
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
      tickFromPrice = false;
    } else if (sqrtP !== sqrtStart) {
      tickFromPrice = true;
      shortcutEnd = L === 0n;
    }
  }

  if (tickFromPrice && wantTick) {
    tick = getTickAtSqrtRatio(sqrtP);
    // A zero-liquidity jump that stopped at the limit skipped the word edges the pool stops at;
    // if the limit is exactly such an edge the pool ends one tick lower (the crossed-edge rule).
    if (shortcutEnd && zeroForOne && isWordStart(tick, tickSpacing) && getSqrtRatioAtTick(tick) === sqrtP)
      tick -= 1;
  }
  if (zeroForOne === exactInput) {
    out.amount0 = amountSpecified - remaining;
    out.amount1 = calculated;
  } else {
    out.amount0 = calculated;
    out.amount1 = amountSpecified - remaining;
  }
  out.amountSpecifiedRemaining = remaining;
  out.sqrtPriceX96 = sqrtP;
  out.tick = tick;
  out.liquidity = L;
}
