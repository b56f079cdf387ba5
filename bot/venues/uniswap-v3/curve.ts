import type { TickList } from "./math/tickList";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "./math/tickMath";
import type { FloatCurve } from "../common/floatCurve";

const Q96 = 2 ** 96;

/** What the curve reads of a pool: its fee, price, tick, active liquidity and initialised ticks. */
export interface V3CurveSource {
  readonly feeComplement: bigint;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly liquidity: bigint;
  readonly ticks: TickList;
}

/**
 * A V3 swap as a float curve, range by range: between two initialised ticks the pool is a
 * constant-product pool with virtual reserves x = L/sqrtP (token0) and y = L*sqrtP (token1), so
 * the curve is a chain of constant-product pieces, each starting where the previous range's
 * input and output left off. Pieces are built lazily, only as far as the queries reach.
 * Used to seed exact sizing only; amounts always come from the model's exact quotes.
 */
export class V3Curve implements FloatCurve {
  /** Gross input (fee included) at which piece k starts, and the output produced before it. */
  private readonly inStart: number[] = [];
  private readonly outStart: number[] = [];
  /** Virtual reserves of piece k (input side, output side), in net-of-fee input units. */
  private readonly rIn: number[] = [];
  private readonly rOut: number[] = [];
  /** Gross input that exhausts everything built so far. */
  private end = 0;
  /** Output of the last piece when fully used. */
  private lastOutCap = 0;
  private done = false;
  private sqrtP: number;
  private liquidity: number;
  private tickPos: number;
  private readonly g: number;

  constructor(
    private readonly pool: V3CurveSource,
    private readonly zeroForOne: boolean,
  ) {
    this.g = Number(pool.feeComplement) / 1e6;
    this.sqrtP = Number(pool.sqrtPriceX96) / Q96;
    this.liquidity = Number(pool.liquidity);
    this.tickPos = zeroForOne ? pool.ticks.atOrBelow(pool.tick) : pool.ticks.above(pool.tick);
  }

  out(x: number): number {
    const k = this.pieceAt(x);
    if (k < 0) return 0;
    const net = (x - this.inStart[k]) * this.g;
    return this.outStart[k] + (this.rOut[k] * net) / (this.rIn[k] + net);
  }

  slope(x: number): number {
    const k = this.pieceAt(x);
    if (k < 0) return 0;
    const d = this.rIn[k] + (x - this.inStart[k]) * this.g;
    return (this.g * this.rOut[k] * this.rIn[k]) / (d * d);
  }

  /** The piece containing gross input x, building pieces up to it; -1 past the pool's liquidity. */
  private pieceAt(x: number): number {
    while (!this.done && x >= this.end) this.extend();
    if (x >= this.end) return -1;
    let lo = 0;
    let hi = this.inStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.inStart[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Adds the range from the current price to the next initialised tick (or the price bound). */
  private extend(): void {
    const t = this.pool.ticks;
    const down = this.zeroForOne;
    const hasTick = down ? this.tickPos >= 0 : this.tickPos < t.length;
    const bound = down ? MIN_SQRT_RATIO : MAX_SQRT_RATIO;
    const sNext = Number(hasTick ? t.sqrtPriceX96[this.tickPos] : bound) / Q96;
    const s = this.sqrtP;
    const L = this.liquidity;
    if (L > 0 && (down ? sNext < s : sNext > s)) {
      const rIn = down ? L / s : L * s;
      const rOut = down ? L * s : L / s;
      const capNet = down ? L / sNext - L / s : L * (sNext - s);
      const outCap = down ? L * (s - sNext) : L / s - L / sNext;
      const prevOut = this.outStart.length === 0 ? 0 : this.outAtEnd();
      this.inStart.push(this.end);
      this.outStart.push(prevOut);
      this.rIn.push(rIn);
      this.rOut.push(rOut);
      this.lastOutCap = outCap;
      this.end += capNet / this.g;
    }
    if (!hasTick) {
      this.done = true;
      return;
    }
    this.liquidity += Number(down ? -t.liquidityNet[this.tickPos] : t.liquidityNet[this.tickPos]);
    if (this.liquidity < 0) this.liquidity = 0;
    this.sqrtP = sNext;
    this.tickPos += down ? -1 : 1;
  }

  private outAtEnd(): number {
    return this.outStart[this.outStart.length - 1] + this.lastOutCap;
  }
}
