import type { Address } from "../core/address";

/** One swap of an opportunity, with its exact amounts. */
export interface OpportunityHop {
  readonly pool: Address;
  /** The pool's venue kind (bot/venues/registry.ts). */
  readonly kind: string;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
}

/**
 * A sized cycle: plain data, every amount exact (what the pools' own code would return for this
 * sequence of swaps against the state it was computed on).
 */
export interface Opportunity {
  /** The cycle's id in the CycleIndex it came from; stable while the pool set is. */
  readonly cycleId: number;
  readonly path: readonly OpportunityHop[];
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  /** amountOut - amountIn, in profitToken's raw units; always > 0. */
  readonly profit: bigint;
  readonly profitToken: Address;
  /** Expected gas units from the gas model. */
  readonly gas: bigint;
}

/** The wire form of an opportunity (`omni-arb scan --json`): integers as decimal strings. */
export function opportunityToJson(o: Opportunity): Record<string, unknown> {
  return {
    path: o.path.map((h) => ({
      pool: h.pool,
      tokenIn: h.tokenIn,
      tokenOut: h.tokenOut,
      amountIn: h.amountIn.toString(),
      amountOut: h.amountOut.toString(),
    })),
    amountIn: o.amountIn.toString(),
    amountOut: o.amountOut.toString(),
    profit: o.profit.toString(),
    profitToken: o.profitToken,
    gas: o.gas.toString(),
  };
}
