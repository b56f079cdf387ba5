/** What the keeper writes to the journal and reads back, in engine units (bigint amounts). */
import type { Address } from "../core/address";
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
