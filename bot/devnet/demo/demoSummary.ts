import type { Address } from "../../core/address";
import type { KeeperEvents } from "../../events/keeperEvents";

/** The numbers `omni-arb demo --json-summary` prints, measured from the keeper's own events. */
export interface DemoSummary {
  readonly blocks: number;
  readonly opportunities: number;
  readonly bundles_submitted: number;
  readonly bundles_included: number;
  readonly realized_profit_wei: string;
  readonly max_abs_prediction_error_wei: string;
  readonly block_to_bundle_ms_p50: number | null;
}

/**
 * Counts as the keeper reports: every distinct opportunity that reached the gates, every
 * submission handed off, every inclusion with its realised profit measured on chain and its
 * prediction. Profits in the wrapped native token are wei; other tokens are valued in wei at the
 * pools' prices through `toWei`.
 */
export class DemoTally {
  blocks = 0;
  private readonly opportunityKeys = new Set<string>();
  private submitted = 0;
  private included = 0;
  private realisedWei = 0n;
  private maxErrorWei = 0n;
  private readonly handoffMs: number[] = [];
  lastBlock = 0;

  constructor(
    events: KeeperEvents,
    private readonly wrappedNative: Address,
    private readonly toWei: (token: Address, amount: bigint) => bigint | undefined,
  ) {
    events.on("block", (b) => {
      this.blocks++;
      this.lastBlock = b.number;
    });
    events.on("decision", (d) => this.opportunityKeys.add(d.key));
    events.on("handedOff", (h) => {
      this.submitted++;
      this.handoffMs.push(h.ms);
    });
    events.on("outcome", (o) => {
      if (o.outcome.kind !== "included") return;
      this.included++;
      const realised = o.outcome.realisedProfit;
      const error =
        realised > o.predictedProfit ? realised - o.predictedProfit : o.predictedProfit - realised;
      const inWei = (a: bigint) =>
        o.profitToken === this.wrappedNative ? a : (this.toWei(o.profitToken, a) ?? 0n);
      this.realisedWei += inWei(realised);
      const errorWei = inWei(error);
      if (errorWei > this.maxErrorWei) this.maxErrorWei = errorWei;
      // An error too small to value is still an error: never let rounding hide it.
      if (error > 0n && errorWei === 0n && this.maxErrorWei === 0n) this.maxErrorWei = 1n;
    });
  }

  get includedCount(): number {
    return this.included;
  }

  get realisedProfitWei(): bigint {
    return this.realisedWei;
  }

  summary(blocks: number): DemoSummary {
    const sorted = [...this.handoffMs].sort((a, b) => a - b);
    const p50 =
      sorted.length === 0 ? null : Math.round(sorted[Math.floor((sorted.length - 1) / 2)] * 10) / 10;
    return {
      blocks,
      opportunities: this.opportunityKeys.size,
      bundles_submitted: this.submitted,
      bundles_included: this.included,
      realized_profit_wei: this.realisedWei.toString(),
      max_abs_prediction_error_wei: this.maxErrorWei.toString(),
      block_to_bundle_ms_p50: p50,
    };
  }
}
