import type { BlockRef } from "../chain/blockTracker";

/**
 * The collector seam (after paradigmxyz/artemis's Collector): a collector turns an outside stream
 * into typed events for the pipeline. Heads today; pending transactions and MEV-Share hints later,
 * each a collector of its own event type.
 */
export interface Collector<E> {
  /** The events as they come, until `signal` aborts. */
  stream(signal: AbortSignal): AsyncIterable<E>;
}

/** A new chain head, with when it was received (the keeper's monotonic clock, ms). */
export interface HeadEvent {
  readonly kind: "head";
  readonly head: BlockRef;
  readonly receivedAtMs: number;
}
