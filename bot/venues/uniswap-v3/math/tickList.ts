import { AmmStateError } from "../../common/errors";
import { checkTick, getSqrtRatioAtTick } from "./tickMath";

/** One initialised tick as the pool stores it (Tick.Info without the fee and oracle fields). */
export interface V3Tick {
  index: number;
  liquidityNet: bigint;
  liquidityGross: bigint;
}

/**
 * The initialised ticks of one pool, sorted ascending in parallel arrays, with each tick's sqrt
 * price cached. The swap loop keeps an index into these arrays instead of scanning a bitmap: a
 * tick is initialised exactly when its liquidityGross is non-zero (Tick.update flips the bitmap
 * bit at that moment), so the sorted array holds the same set as the pool's TickBitmap, and a
 * swap only does one binary search, then walks the index.
 */
export class TickList {
  readonly index: number[] = [];
  readonly liquidityNet: bigint[] = [];
  readonly liquidityGross: bigint[] = [];
  readonly sqrtPriceX96: bigint[] = [];

  /**
   * Totals of a whole range crossed by a swap (see swap.ts), per direction, for the range between
   * positions k and k+1: the liquidity they were computed for (-1n: not yet), the gross input
   * (amountIn + fee, summed over the pool's steps) and the output. Reset on every tick update.
   */
  rangeL: [bigint[], bigint[]] = [[], []];
  rangeIn: [bigint[], bigint[]] = [[], []];
  rangeOut: [bigint[], bigint[]] = [[], []];

  constructor(
    readonly tickSpacing: number,
    ticks: readonly V3Tick[] = [],
  ) {
    let previous = -Infinity;
    for (const t of ticks) {
      checkTick(t.index, tickSpacing);
      if (t.index <= previous) {
        throw new AmmStateError("V3_TICKS_UNSORTED", "initialised ticks must be strictly ascending", {
          details: { tick: t.index, previous },
        });
      }
      if (t.liquidityGross <= 0n) {
        throw new AmmStateError("V3_TICK_NOT_INITIALISED", "an initialised tick has liquidityGross > 0", {
          details: { tick: t.index },
        });
      }
      previous = t.index;
      this.index.push(t.index);
      this.liquidityNet.push(t.liquidityNet);
      this.liquidityGross.push(t.liquidityGross);
      this.sqrtPriceX96.push(getSqrtRatioAtTick(t.index));
    }
    this.resetRangeCache();
  }

  private resetRangeCache(): void {
    const n = Math.max(0, this.index.length - 1);
    this.rangeL = [new Array<bigint>(n).fill(-1n), new Array<bigint>(n).fill(-1n)];
    this.rangeIn = [new Array<bigint>(n).fill(0n), new Array<bigint>(n).fill(0n)];
    this.rangeOut = [new Array<bigint>(n).fill(0n), new Array<bigint>(n).fill(0n)];
  }

  get length(): number {
    return this.index.length;
  }

  /** Position of the last tick <= `tick`, or -1. */
  atOrBelow(tick: number): number {
    const a = this.index;
    let lo = 0;
    let hi = a.length; // first position with a[pos] > tick lies in [lo, hi]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid] <= tick) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Position of the first tick > `tick`, or `length`. */
  above(tick: number): number {
    return this.atOrBelow(tick) + 1;
  }

  /**
   * Tick.update's bookkeeping for one end of a position: add `grossDelta` to liquidityGross and
   * `netDelta` to liquidityNet, inserting the tick when it becomes initialised and removing it
   * when its gross liquidity returns to zero.
   */
  update(tick: number, grossDelta: bigint, netDelta: bigint): void {
    checkTick(tick, this.tickSpacing);
    this.updateTick(tick, grossDelta, netDelta);
    this.resetRangeCache();
  }

  private updateTick(tick: number, grossDelta: bigint, netDelta: bigint): void {
    const i = this.atOrBelow(tick);
    if (i >= 0 && this.index[i] === tick) {
      const gross = this.liquidityGross[i] + grossDelta;
      if (gross < 0n) {
        throw new AmmStateError("V3_GROSS_NEGATIVE", "liquidityGross would go below zero", {
          details: { tick },
        });
      }
      if (gross === 0n) {
        this.index.splice(i, 1);
        this.liquidityNet.splice(i, 1);
        this.liquidityGross.splice(i, 1);
        this.sqrtPriceX96.splice(i, 1);
      } else {
        this.liquidityGross[i] = gross;
        this.liquidityNet[i] += netDelta;
      }
      return;
    }
    if (grossDelta < 0n) {
      throw new AmmStateError("V3_GROSS_NEGATIVE", "burn at a tick that is not initialised", {
        details: { tick },
      });
    }
    if (grossDelta === 0n) return;
    this.index.splice(i + 1, 0, tick);
    this.liquidityNet.splice(i + 1, 0, netDelta);
    this.liquidityGross.splice(i + 1, 0, grossDelta);
    this.sqrtPriceX96.splice(i + 1, 0, getSqrtRatioAtTick(tick));
  }

  /** A copy of the ticks in ascending order. */
  toArray(): V3Tick[] {
    return this.index.map((index, i) => ({
      index,
      liquidityNet: this.liquidityNet[i],
      liquidityGross: this.liquidityGross[i],
    }));
  }
}
