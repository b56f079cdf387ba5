/** What the keeper writes to the journal and reads back, in engine units (bigint amounts). */
import type { Address } from "../core/address";
import type { BreakerState } from "../decide/risk/breaker";
import type { BreakerSettings } from "../decide/risk/limits";
import type { CycleHop } from "./idempotencyKey";

export interface JournalHop extends CycleHop {
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  /** Venue name, for the report by venue. */
  readonly venue?: string;
}

export interface OpportunityRecord {
  readonly chainId: number;
  readonly targetBlock: bigint;
  readonly path: readonly JournalHop[];
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  /** Gross profit in profitToken (the start token). */
  readonly profit: bigint;
  readonly profitToken: Address;
  readonly gasEstimate: bigint;
  /** Funding mode, e.g. "inventory", "aave". */
  readonly funding?: string;
}

export interface DecisionRecord {
  readonly accepted: boolean;
  /** Reason code of a rejection (required when not accepted). */
  readonly code?: string;
  readonly message: string;
  readonly netProfit?: bigint;
  readonly netProfitUsd?: bigint;
}

export interface SimulationRecord {
  readonly ok: boolean;
  readonly predictedProfit: bigint;
  readonly simulatedProfit?: bigint;
  readonly gasUsed?: bigint;
  readonly error?: string;
}

export type SubmissionState = "sending" | "sent" | "rejected" | "error";

export interface SubmissionRecord {
  readonly idempotencyKey: string;
  readonly targetBlock: bigint;
  readonly relay: string;
  readonly state: SubmissionState;
  readonly bundleHash?: string;
  readonly error?: string;
}

export type OutcomeStatus = "included" | "not-included" | "failed";

export interface OutcomeRecord {
  readonly idempotencyKey: string;
  readonly targetBlock: bigint;
  readonly status: OutcomeStatus;
  readonly blockNumber?: bigint;
  readonly gasUsed?: bigint;
  readonly gasCostWei?: bigint;
  /** Signed: a failed transaction that paid gas is a loss. */
  readonly realisedProfit: bigint;
  readonly profitToken: Address;
  readonly realisedProfitUsd?: bigint;
}

export interface BlockRecord {
  readonly chainId: number;
  readonly number: bigint;
  readonly hash: string;
  readonly parentHash?: string;
  readonly timestamp?: bigint;
}

export type QuarantineKind = "pool" | "token";

export interface Quarantine {
  readonly kind: QuarantineKind;
  readonly address: Address;
  readonly reason: string;
  readonly sinceMs: number;
  /** Undefined: until lifted by hand. */
  readonly untilMs: number | undefined;
}

/** What the risk gate needs from the journal before each decision. */
export interface JournalRiskState {
  readonly breaker: BreakerState;
  readonly quarantinedTokens: ReadonlySet<Address>;
  readonly quarantinedPools: ReadonlySet<Address>;
  readonly lossTodayUsd: bigint;
}

// ------------------------------------------------------------------ views for the CLI

export interface StatusOptions {
  /** Defaults to the journal's clock. */
  readonly nowMs?: number;
  /** Restrict the last block to this chain. */
  readonly chainId?: number;
  readonly breaker: BreakerSettings;
}

export interface JournalStatus {
  readonly lastBlock: { chainId: number; number: bigint; hash: string; seenAtMs: number } | undefined;
  /** Cumulative realised profit per profit token, raw units (signed). */
  readonly realisedProfit: ReadonlyMap<string, bigint>;
  readonly realisedProfitUsd: bigint;
  readonly outcomes: { readonly included: number; readonly notIncluded: number; readonly failed: number };
  readonly successRate: { readonly samples: number; readonly bps: number | undefined };
  readonly breaker: BreakerState & { readonly open: boolean };
  readonly quarantinedTokens: readonly string[];
  readonly quarantinedPools: readonly string[];
  /** Claimed submissions with no outcome recorded yet. */
  readonly pendingClaims: number;
  /** Losses recorded since 00:00 UTC today, in USD (a positive number). */
  readonly lossTodayUsd: bigint;
}

export interface ReportOptions {
  /** Only outcomes and decisions at or after this time (Unix ms). */
  readonly sinceMs?: number;
  /** Only outcomes and decisions before this time (Unix ms). */
  readonly untilMs?: number;
}

export interface OutcomeTally {
  included: number;
  notIncluded: number;
  failed: number;
  /** Sum of realised profit valued in USD (18 decimals), signed. */
  realisedProfitUsd: bigint;
}

export interface JournalReport {
  readonly byDay: readonly (OutcomeTally & { readonly day: string })[];
  readonly byVenue: readonly (OutcomeTally & { readonly venue: string })[];
  readonly byToken: readonly (OutcomeTally & { readonly token: string; realisedProfit: bigint })[];
  readonly byReason: readonly { readonly code: string; readonly count: number }[];
}
