/**
 * The one interface every venue's exact model implements. Models are pure bigint math with no I/O:
 * the state layer feeds them state read from the chain or decoded from logs, strategies ask them
 * for quotes and for what sizing and ranking need. Every quote must equal, to the wei, what the
 * pool's own bytecode would do. Nothing outside bot/venues tests a model's class or kind to choose
 * math: what differs between kinds is behind these methods (test/venues/seam.test.ts checks it).
 */
import type { Address } from "../../core/address";
import type { FloatCurve, HopBound } from "./floatCurve";
import type { Mobius } from "./mobius";

/** A pool's mid price and depth around it, as floats: for valuing tokens, never for amounts. */
export interface Spot {
  /** Raw units of token1 per raw unit of token0. */
  readonly price: number;
  /** What each side offers around the price, in raw units. */
  readonly depth0: number;
  readonly depth1: number;
}

export interface PoolModel {
  /** The venue kind (bot/venues/registry.ts), e.g. "uniswap-v2". */
  readonly kind: string;
  readonly address: Address;
  readonly token0: Address;
  readonly token1: Address;

  /**
   * Exact output of an exact-input swap (`zeroForOne`: token0 in, token1 out), rounded exactly as
   * the pool rounds. Returns 0n when the pool cannot take the whole input (a V3 pool running out
   * of initialised liquidity, a V2 output that would drain a reserve) or the input is 0n.
   */
  quoteExactIn(zeroForOne: boolean, amountIn: bigint): bigint;

  /**
   * Exact input needed for an exact-output swap, as the pool computes it. Returns 0n when the
   * output cannot be delivered (it is at least the available reserve/liquidity) or is 0n.
   */
  quoteExactOut(zeroForOne: boolean, amountOut: bigint): bigint;

  /**
   * Output per unit of input at infinitesimal size, after the fee, in raw token units, as a
   * float. Used only to screen and rank cycles before exact sizing, never for amounts.
   */
  marginalRate(zeroForOne: boolean): number;

  /**
   * The hop as a smooth float curve of output against input, to locate the optimum before exact
   * integer refinement; undefined for a kind without one (the sizer then searches on exact quotes).
   */
  curve(zeroForOne: boolean): FloatCurve | undefined;

  /**
   * A constant-product curve a x / (b + c x) at or above every exact output of the hop, so that a
   * cycle's profit can be bounded before it is sized; undefined when the kind has none (the cycle
   * is then always sized).
   */
  bound(zeroForOne: boolean): HopBound | undefined;

  /**
   * The hop's exact Möbius map when its integer quote is floor(k x / (m + n x)) (a constant-product
   * pair): cycles made only of such hops are sized in closed form. Undefined otherwise.
   */
  mobius(zeroForOne: boolean): Mobius | undefined;

  /**
   * The token amounts the pool offers around its current price, in raw units (a V2 pair's
   * reserves; a concentrated pool's virtual reserves of the active liquidity): what the next trade
   * meets, for the minimum-liquidity rule.
   */
  depthAtPrice(): { amount0: bigint; amount1: bigint };

  /** Mid price and depth as floats, for valuing tokens; undefined when the pool is empty. */
  spot(): Spot | undefined;

  /** An independent copy, for what-if simulation. */
  clone(): PoolModel;
}
