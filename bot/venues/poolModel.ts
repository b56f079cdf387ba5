/**
 * The one interface every AMM model implements. Models are pure bigint math with no I/O: the
 * keeper feeds them state read from the chain or decoded from logs, the strategy asks them for
 * quotes. Every quote must equal, to the wei, what the pool's own bytecode would do.
 */

/** A 20-byte address, always lower-case 0x-hex inside the engine (converted at the edges). */
export type Address = string;

export type PoolKind = "uniswap-v2" | "uniswap-v3";

export interface PoolModel {
  readonly kind: PoolKind;
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
}
