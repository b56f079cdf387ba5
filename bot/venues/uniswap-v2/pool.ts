import type { Address } from "../../core/address";
import { toModelAddress } from "../common/address";
import { AmmStateError } from "../common/errors";
import { constantProductCurve, type FloatCurve, type HopBound } from "../common/floatCurve";
import { v2HopMobius, type Mobius } from "../common/mobius";
import type { PoolModel, Spot } from "../common/poolModel";

/** UniswapV2Pair keeps reserves in uint112 and `_update` reverts with OVERFLOW above this. */
export const MAX_UINT112 = (1n << 112n) - 1n;
const BPS = 10_000n;

export interface UniswapV2State {
  address: Address;
  token0: Address;
  token1: Address;
  reserve0: bigint;
  reserve1: bigint;
  /** Swap fee in basis points: 30 for Uniswap and Sushi, 25 for PancakeSwap V2, any value < 10000. */
  feeBps: number;
}

/**
 * A Uniswap-V2-style constant-product pair with a per-pool fee. Quotes are
 * UniswapV2Library.getAmountOut / getAmountIn with the 997/1000 fee generalised to
 * (10000 - feeBps)/10000: for 30 bps both the numerator and the denominator are multiplied by
 * 10, so the floor is the same integer, and the result is exactly the largest output the pair's
 * `swap` K check (balance*10000 - amountIn*fee) accepts.
 *
 * Hot path: the fee multiplier and each reserve times 10000 are precomputed on every state
 * change, so an exact-in quote is two multiplications, one addition and one division.
 */
export class UniswapV2Pool implements PoolModel {
  readonly kind = "uniswap-v2" as const;
  readonly address: Address;
  readonly token0: Address;
  readonly token1: Address;
  readonly feeBps: number;

  private r0: bigint;
  private r1: bigint;
  /** reserve * 10000, the getAmountOut denominator's first term, per side. */
  private r0Bps: bigint;
  private r1Bps: bigint;
  /** 10000 - feeBps: what is left of each unit of input after the fee. */
  private readonly feeMul: bigint;

  constructor(state: UniswapV2State) {
    if (!Number.isInteger(state.feeBps) || state.feeBps < 0 || state.feeBps >= 10_000) {
      throw new AmmStateError("AMM_BAD_FEE", "a V2 fee must be an integer number of bps in [0, 10000)", {
        details: { feeBps: state.feeBps },
      });
    }
    this.address = toModelAddress(state.address, "pool address");
    this.token0 = toModelAddress(state.token0, "token0");
    this.token1 = toModelAddress(state.token1, "token1");
    this.feeBps = state.feeBps;
    this.feeMul = BPS - BigInt(state.feeBps);
    this.r0 = 0n;
    this.r1 = 0n;
    this.r0Bps = 0n;
    this.r1Bps = 0n;
    this.applySync(state.reserve0, state.reserve1);
  }

  get reserve0(): bigint {
    return this.r0;
  }

  get reserve1(): bigint {
    return this.r1;
  }

  /** An independent copy, for what-if simulation. */
  clone(): UniswapV2Pool {
    return new UniswapV2Pool({
      address: this.address,
      token0: this.token0,
      token1: this.token1,
      reserve0: this.r0,
      reserve1: this.r1,
      feeBps: this.feeBps,
    });
  }

  /** The pair's `Sync(uint112 reserve0, uint112 reserve1)` log: the reserves after any change. */
  applySync(reserve0: bigint, reserve1: bigint): void {
    if (reserve0 < 0n || reserve1 < 0n || reserve0 > MAX_UINT112 || reserve1 > MAX_UINT112) {
      throw new AmmStateError("AMM_BAD_RESERVES", "V2 reserves must fit in uint112", {
        details: { address: this.address, reserve0, reserve1 },
      });
    }
    this.r0 = reserve0;
    this.r1 = reserve1;
    this.r0Bps = reserve0 * BPS;
    this.r1Bps = reserve1 * BPS;
  }

  quoteExactIn(zeroForOne: boolean, amountIn: bigint): bigint {
    if (amountIn <= 0n) return 0n;
    let rIn: bigint, rInBps: bigint, rOut: bigint;
    if (zeroForOne) {
      rIn = this.r0;
      rInBps = this.r0Bps;
      rOut = this.r1;
    } else {
      rIn = this.r1;
      rInBps = this.r1Bps;
      rOut = this.r0;
    }
    // The pair's _update reverts when the new balance exceeds uint112.
    if (amountIn > MAX_UINT112 - rIn) return 0n;
    const inWithFee = amountIn * this.feeMul;
    // Mirrors UniswapV2Library.getAmountOut; always < rOut when rIn > 0, and 0n when rIn == 0.
    return (inWithFee * rOut) / (rInBps + inWithFee);
  }

  quoteExactOut(zeroForOne: boolean, amountOut: bigint): bigint {
    if (amountOut <= 0n) return 0n;
    let rInBps: bigint, rIn: bigint, rOut: bigint;
    if (zeroForOne) {
      rIn = this.r0;
      rInBps = this.r0Bps;
      rOut = this.r1;
    } else {
      rIn = this.r1;
      rInBps = this.r1Bps;
      rOut = this.r0;
    }
    // UniswapV2Pair.swap requires amountOut < reserve (INSUFFICIENT_LIQUIDITY).
    if (amountOut >= rOut || rIn === 0n) return 0n;
    // Mirrors UniswapV2Library.getAmountIn: floor, then +1, which can overpay by one wei.
    const amountIn = (rInBps * amountOut) / ((rOut - amountOut) * this.feeMul) + 1n;
    return amountIn > MAX_UINT112 - rIn ? 0n : amountIn;
  }

  marginalRate(zeroForOne: boolean): number {
    const rIn = zeroForOne ? this.r0 : this.r1;
    if (rIn === 0n) return 0;
    const rOut = zeroForOne ? this.r1 : this.r0;
    return (Number(rOut) / Number(rIn)) * (Number(this.feeMul) / 10_000);
  }

  /** getAmountOut before its floor: the constant-product curve itself. */
  curve(zeroForOne: boolean): FloatCurve {
    const [rIn, rOut] = zeroForOne ? [this.r0, this.r1] : [this.r1, this.r0];
    return constantProductCurve(Number(rIn), Number(rOut), (10_000 - this.feeBps) / 10_000);
  }

  /** The same curve: a = g R_out, b = R_in, c = g is getAmountOut before its floor, so never below it. */
  bound(zeroForOne: boolean): HopBound {
    const g = (10_000 - this.feeBps) / 10_000;
    const rIn = Number(zeroForOne ? this.r0 : this.r1);
    const rOut = Number(zeroForOne ? this.r1 : this.r0);
    return { a: g * rOut, b: rIn, c: g };
  }

  /** getAmountOut is exactly floor(g R_out x / (10000 R_in + g x)). */
  mobius(zeroForOne: boolean): Mobius {
    return zeroForOne
      ? v2HopMobius(this.r0, this.r1, this.feeBps)
      : v2HopMobius(this.r1, this.r0, this.feeBps);
  }

  depthAtPrice(): { amount0: bigint; amount1: bigint } {
    return { amount0: this.r0, amount1: this.r1 };
  }

  spot(): Spot | undefined {
    if (this.r0 === 0n || this.r1 === 0n) return undefined;
    const r0 = Number(this.r0);
    const r1 = Number(this.r1);
    return { price: r1 / r0, depth0: r0, depth1: r1 };
  }
}
