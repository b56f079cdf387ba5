import type { BlockHeader } from "../chain/chainRpc";
import type { Address } from "../core/address";
import type { PoolModel } from "../venues/common/poolModel";
import type { PoolDescriptor } from "../venues/common/venue";
import type { Opportunity } from "./opportunity";

/**
 * The strategy seam (after paradigmxyz/artemis's Strategy): a strategy turns events and the pool
 * state into candidates, best first, and writes nothing: no journal, no transaction, no outside
 * state (its own incremental bookkeeping aside). Every candidate then passes the same gates
 * (bot/decide/gates.ts) before a submitter carries it out.
 */

/** What gas costs, to rank by profit net of gas. */
export interface GasPricing {
  /** Wei per gas unit. */
  readonly gasPriceWei: bigint;
  /**
   * Raw units of each profit token worth 1e18 wei of the native token (e.g. for USDC at 3,000
   * USDC/ETH: 3000e6). Tokens without a price cannot be netted and rank after all priced ones.
   */
  readonly tokenPerNative: ReadonlyMap<Address, bigint>;
}

/** The pool state after a head: what changed, and read access to every watched pool. */
export interface BlockEvent {
  readonly kind: "block";
  /** The head the state is now at. */
  readonly tip: BlockHeader;
  /** Pools whose state changed since the last event. */
  readonly changed: ReadonlySet<Address>;
  /** Pools watched from now on (discovered, or back from being left out). */
  readonly added: readonly PoolDescriptor[];
  /** Set when blocks were orphaned: pool models may have been replaced by fresh reads. */
  readonly reorg: boolean;
  /** Every watched pool's model. */
  pools(): Iterable<PoolModel>;
}

/** What a strategy may know of the costs when it ranks its candidates. */
export interface StrategyContext {
  /** Price per gas and token prices, to rank by profit net of gas (CostModel.fees). */
  readonly pricing: GasPricing;
}

/** One proposed trade: a strategy's sized opportunity. */
export interface Candidate {
  /** The strategy that proposed it (journaled with the decision). */
  readonly strategy: string;
  readonly opportunity: Opportunity;
}

/** A strategy's candidates for one event, pulled one at a time, best first. */
export interface CandidateStream {
  /** The next best candidate, or undefined when there is none left. */
  next(): Candidate | undefined;
  /** Done pulling: finish the event's work (size what is left); how many opportunities it holds. */
  close(): { readonly opportunities: number };
}

export interface Strategy<E = BlockEvent> {
  readonly name: string;
  /** Builds what the strategy keeps from the pools as first read, before any event. Optional. */
  prime?(state: Pick<BlockEvent, "pools">): void;
  onEvent(event: E, ctx: StrategyContext): CandidateStream;
}
