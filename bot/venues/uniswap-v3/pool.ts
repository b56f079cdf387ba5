import type { Address } from "../../core/address";
import { toModelAddress } from "../common/address";
import { AmmStateError, PoolRevertError } from "../common/errors";
import type { FloatCurve, HopBound } from "../common/floatCurve";
import type { PoolModel, Spot } from "../common/poolModel";
import { V3Curve } from "./curve";
import { addDelta } from "./math/liquidityMath";
import { newSwapResult, runSwap, type V3SwapConfig, type V3SwapResult } from "./math/swap";
import { TickList, type V3Tick } from "./math/tickList";
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from "./math/tickMath";

/** The price limits a router passes when it has none: the pool's own bounds, exclusive. */
export const DEFAULT_LIMIT_ZERO_FOR_ONE = MIN_SQRT_RATIO + 1n;
export const DEFAULT_LIMIT_ONE_FOR_ZERO = MAX_SQRT_RATIO - 1n;

const MAX_UINT128 = (1n << 128n) - 1n;
const MAX_INT256 = (1n << 255n) - 1n;
const Q96 = 1n << 96n;
const Q96_FLOAT = 2 ** 96;

export interface UniswapV3State {
  address: Address;
  token0: Address;
  token1: Address;
  /** Fee in hundredths of a bip (pips): 100, 500, 3000, 10000, or any value the factory enabled. */
  fee: number;
  tickSpacing: number;
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  /** Every initialised tick (liquidityGross > 0), any order is not accepted: ascending. */
  ticks: readonly V3Tick[];
}

/**
 * A Uniswap V3 pool: slot0's price and tick, the active liquidity and the initialised ticks,
 * quoted exactly as UniswapV3Pool.swap computes (see swap.ts), and updated from the pool's
 * Swap, Mint and Burn logs. Fee growth, oracle and protocol fees do not change swap amounts and
 * are not modelled.
 */
export class UniswapV3Pool implements PoolModel, V3SwapConfig {
  /** "uniswap-v3", or the kind of a venue with the same pool math (PancakeSwap V3). */
  readonly kind: string;
  readonly address: Address;
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly feePips: bigint;
  readonly feeComplement: bigint;
  readonly tickSpacing: number;
  readonly ticks: TickList;

  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;

  /** Reused by quotes so that the hot path allocates no result objects. */
  private readonly scratch: V3SwapResult = newSwapResult();

  constructor(state: UniswapV3State, kind = "uniswap-v3") {
    this.kind = kind;
    if (!Number.isInteger(state.fee) || state.fee < 0 || state.fee >= 1_000_000) {
      throw new AmmStateError("V3_BAD_FEE", "a V3 fee is an integer number of pips in [0, 1e6)", {
        details: { fee: state.fee },
      });
    }
    if (!Number.isInteger(state.tickSpacing) || state.tickSpacing <= 0 || state.tickSpacing >= 16384) {
      throw new AmmStateError("V3_BAD_SPACING", "tickSpacing must be in (0, 16384)", {
        details: { tickSpacing: state.tickSpacing },
      });
    }
    this.address = toModelAddress(state.address, "pool address");
    this.token0 = toModelAddress(state.token0, "token0");
    this.token1 = toModelAddress(state.token1, "token1");
    this.fee = state.fee;
    this.feePips = BigInt(state.fee);
    this.feeComplement = 1_000_000n - this.feePips;
    this.tickSpacing = state.tickSpacing;
    this.ticks = new TickList(state.tickSpacing, state.ticks);
    this.sqrtPriceX96 = 0n;
    this.tick = 0;
    this.liquidity = 0n;
    this.applySwap(state.sqrtPriceX96, state.liquidity, state.tick);
  }

  /** The state as plain data (ticks copied). */
  toState(): UniswapV3State {
    return {
      address: this.address,
      token0: this.token0,
      token1: this.token1,
      fee: this.fee,
      tickSpacing: this.tickSpacing,
      sqrtPriceX96: this.sqrtPriceX96,
      tick: this.tick,
      liquidity: this.liquidity,
      ticks: this.ticks.toArray(),
    };
  }

  /** An independent copy, for what-if simulation. */
  clone(): UniswapV3Pool {
    return new UniswapV3Pool(this.toState(), this.kind);
  }

  /** The pool's `Swap` log carries the new slot0 price and tick and the active liquidity. */
  applySwap(sqrtPriceX96: bigint, liquidity: bigint, tick: number): void {
    if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 > MAX_SQRT_RATIO) {
      throw new AmmStateError("V3_BAD_PRICE", "sqrtPriceX96 outside the pool's range", {
        details: { sqrtPriceX96 },
      });
    }
    if (liquidity < 0n || liquidity > MAX_UINT128) {
      throw new AmmStateError("V3_BAD_LIQUIDITY", "liquidity must fit in uint128", {
        details: { liquidity },
      });
    }
    if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK) {
      throw new AmmStateError("V3_BAD_TICK", "tick out of range", { details: { tick } });
    }
    this.sqrtPriceX96 = sqrtPriceX96;
    this.liquidity = liquidity;
    this.tick = tick;
  }

  /** The pool's `Mint` log: `amount` of liquidity added between tickLower and tickUpper. */
  applyMint(tickLower: number, tickUpper: number, amount: bigint): void {
    this.modifyPosition(tickLower, tickUpper, amount);
  }

  /** The pool's `Burn` log: `amount` of liquidity removed (a zero-amount burn only pokes fees). */
  applyBurn(tickLower: number, tickUpper: number, amount: bigint): void {
    this.modifyPosition(tickLower, tickUpper, -amount);
  }

  /** UniswapV3Pool._modifyPosition's liquidity effects: both ends' ticks, and the active liquidity when in range. */
  private modifyPosition(tickLower: number, tickUpper: number, delta: bigint): void {
    if (tickLower >= tickUpper) {
      throw new AmmStateError("V3_BAD_POSITION", "tickLower must be below tickUpper", {
        details: { tickLower, tickUpper },
      });
    }
    if (delta === 0n) return;
    const active = this.tick >= tickLower && this.tick < tickUpper;
    let liquidity = this.liquidity;
    if (active) {
      try {
        liquidity = addDelta(liquidity, delta);
      } catch (cause) {
        throw new AmmStateError("V3_BAD_POSITION", "the active liquidity cannot take this mint or burn", {
          cause,
          details: { tickLower, tickUpper, delta },
        });
      }
    }
    this.ticks.update(tickLower, delta, delta);
    this.ticks.update(tickUpper, delta, -delta);
    this.liquidity = liquidity;
  }

  /**
   * The full result of UniswapV3Pool.swap from the current state, without changing it. Throws
   * PoolRevertError where the pool would revert. The default price limit is MIN+1 / MAX-1.
   */
  simulateSwap(zeroForOne: boolean, amountSpecified: bigint, sqrtPriceLimitX96?: bigint): V3SwapResult {
    const out = newSwapResult();
    const limit = sqrtPriceLimitX96 ?? (zeroForOne ? DEFAULT_LIMIT_ZERO_FOR_ONE : DEFAULT_LIMIT_ONE_FOR_ZERO);
    runSwap(this, this.sqrtPriceX96, this.tick, this.liquidity, zeroForOne, amountSpecified, limit, out);
    return out;
  }

  quoteExactIn(zeroForOne: boolean, amountIn: bigint): bigint {
    if (amountIn <= 0n || amountIn > MAX_INT256) return 0n;
    const out = this.quoteSwap(zeroForOne, amountIn);
    return out === undefined ? 0n : -(zeroForOne ? out.amount1 : out.amount0);
  }

  quoteExactOut(zeroForOne: boolean, amountOut: bigint): bigint {
    if (amountOut <= 0n || amountOut > MAX_INT256) return 0n;
    const out = this.quoteSwap(zeroForOne, -amountOut);
    return out === undefined ? 0n : zeroForOne ? out.amount0 : out.amount1;
  }

  /**
   * The swap a quote needs (into the reused scratch result, no final tick), or undefined when the
   * pool would revert or could not take the whole amount.
   */
  private quoteSwap(zeroForOne: boolean, amountSpecified: bigint): V3SwapResult | undefined {
    const out = this.scratch;
    try {
      runSwap(
        this,
        this.sqrtPriceX96,
        this.tick,
        this.liquidity,
        zeroForOne,
        amountSpecified,
        zeroForOne ? DEFAULT_LIMIT_ZERO_FOR_ONE : DEFAULT_LIMIT_ONE_FOR_ZERO,
        out,
        false,
      );
    } catch (e) {
      if (e instanceof PoolRevertError) return undefined;
      throw e;
    }
    return out.amountSpecifiedRemaining === 0n ? out : undefined;
  }

  /**
   * Spot price after the fee, token1 per token0 (zeroForOne) or the inverse. With no liquidity
   * at the current price, an infinitesimal swap first slides for free to the next tick that
   * brings some, so that tick's price is used.
   */
  marginalRate(zeroForOne: boolean): number {
    let sqrtP = this.sqrtPriceX96;
    if (this.liquidity === 0n) {
      const t = this.ticks;
      let L = 0n;
      let i = zeroForOne ? t.atOrBelow(this.tick) : t.above(this.tick);
      for (; i >= 0 && i < t.length; i += zeroForOne ? -1 : 1) {
        L += zeroForOne ? -t.liquidityNet[i] : t.liquidityNet[i];
        if (L > 0n) break;
      }
      if (i < 0 || i >= t.length) return 0;
      sqrtP = t.sqrtPriceX96[i];
    }
    const s = Number(sqrtP) / 2 ** 96;
    const price = s * s;
    const afterFee = Number(this.feeComplement) / 1e6;
    return zeroForOne ? price * afterFee : afterFee / price;
  }

  /** Range by range: a chain of constant-product pieces (curve.ts). */
  curve(zeroForOne: boolean): FloatCurve {
    return new V3Curve(this, zeroForOne);
  }

  /**
   * Within a range the pool is constant product on virtual reserves; feeding input moves the price
   * by input / L, so with less liquidity the price moves faster and every further unit buys less.
   * The curve with the current price and the largest liquidity L_max of any range the swap can
   * reach therefore gives at least the pool's output at every input (and the exact swap takes the
   * fee rounded up and floors its amounts, which only lowers it).
   */
  bound(zeroForOne: boolean): HopBound {
    const g = Number(this.feeComplement) / 1e6;
    const s = Number(this.sqrtPriceX96) / Q96_FLOAT;
    const l = Number(this.maxReachableLiquidity(zeroForOne));
    if (l === 0) return { a: 0, b: 1, c: g };
    // Virtual reserves at the current price with liquidity L: token0 = L / s, token1 = L s.
    const rIn = zeroForOne ? l / s : l * s;
    const rOut = zeroForOne ? l * s : l / s;
    return { a: g * rOut, b: rIn, c: g };
  }

  /** The largest active liquidity of the current range and every range a swap this way can enter. */
  maxReachableLiquidity(zeroForOne: boolean): bigint {
    const t = this.ticks;
    let l = this.liquidity;
    let max = l;
    if (zeroForOne) {
      // Crossing tick i downwards subtracts its liquidityNet.
      for (let i = t.atOrBelow(this.tick); i >= 0; i--) {
        l -= t.liquidityNet[i];
        if (l > max) max = l;
      }
    } else {
      for (let i = t.above(this.tick); i < t.length; i++) {
        l += t.liquidityNet[i];
        if (l > max) max = l;
      }
    }
    return max;
  }

  /** No closed form: a swap's integer output depends on the ranges it crosses. */
  mobius(): undefined {
    return undefined;
  }

  /**
   * The virtual reserves of the active liquidity L at the current price (L / sqrtP of token0,
   * L * sqrtP of token1): the reserves of a V2 pair with the same depth at this price. Liquidity
   * outside the current range does not count: it is not what the next trade meets.
   */
  depthAtPrice(): { amount0: bigint; amount1: bigint } {
    if (this.sqrtPriceX96 === 0n) return { amount0: 0n, amount1: 0n };
    return {
      amount0: (this.liquidity * Q96) / this.sqrtPriceX96,
      amount1: (this.liquidity * this.sqrtPriceX96) / Q96,
    };
  }

  spot(): Spot | undefined {
    if (this.liquidity === 0n) return undefined;
    const s = Number(this.sqrtPriceX96) / Q96_FLOAT;
    const l = Number(this.liquidity);
    // Virtual reserves of the current range: x = L / sqrtP, y = L * sqrtP.
    return { price: s * s, depth0: l / s, depth1: l * s };
  }
}
