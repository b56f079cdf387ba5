/** How the batched readers split their work into requests: sizes a provider and a node accept. */
export interface SyncLimits {
  /** Pairs per V2 reader call (each costs one `getReserves`, about 5k gas). */
  readonly v2PerCall: number;
  /** Tick-bitmap words per V3StateReader call (about 2.6k gas each, plus 5k per initialised tick). */
  readonly v3WordsPerCall: number;
  /** Listed ticks per V3TickReader call (about 5k gas each, plus 10k per pool). */
  readonly v3TicksPerCall: number;
  /**
   * A V3 pool whose creation block is known (discovery found it) and at most this many blocks old
   * has its ticks found from its `Mint` logs (V3TickReader: one call per minted tick) instead of a
   * walk of its whole tick bitmap (one call per word: 6,932 for tick spacing 1, 116 for 60). The
   * log read is one eth_getLogs per `logSpan` blocks; an old pool's history is long, so it walks
   * the bitmap. 0 always walks the bitmap.
   */
  readonly v3MintLogBlocks: number;
  /** Block span of one eth_getLogs request (providers cap ranges). */
  readonly logSpan: number;
  /** Pool addresses per eth_getLogs request. */
  readonly logAddresses: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  v2PerCall: 500,
  v3WordsPerCall: 2_000,
  v3TicksPerCall: 2_000,
  v3MintLogBlocks: 100_000,
  logSpan: 100_000,
  logAddresses: 500,
};
