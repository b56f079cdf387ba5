/**
 * The risk gate's inputs and outputs. A RiskOpportunity is structurally the strategy's
 * Opportunity (bot/strategy/opportunity.ts), so one is passed straight in. Every rejection has a
 * stable code (for the journal and the report) and a message for people.
 */
import type { Address } from "../../core/address";
import type { BreakerState } from "./breaker";
import type { RiskLimits } from "./limits";
import type { Prices } from "../../prices/priceTable";

export interface RiskOpportunity {
  readonly path: readonly {
    readonly pool: Address;
    readonly tokenIn: Address;
    readonly tokenOut: Address;
    readonly amountIn: bigint;
    readonly amountOut: bigint;
  }[];
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  /** Gross profit in profitToken raw units. */
  readonly profit: bigint;
  readonly profitToken: Address;
  /** Expected gas units. */
  readonly gas: bigint;
}

export type FundingKind = "inventory" | "v2-flash-swap" | "v3-flash" | "balancer" | "aave";

export interface RiskCandidate {
  readonly opportunity: RiskOpportunity;
  /** Price per gas the transaction will pay (base fee + priority fee), in wei. */
  readonly gasPriceWei: bigint;
  /** How the input is funded; a flash loan borrows amountIn of the start token. */
  readonly funding: { readonly kind: FundingKind; readonly feeBps: number };
  readonly builderPayment:
    { readonly kind: "coinbase-share"; readonly bps: number } | { readonly kind: "priority-fee" };
  /** "direct" transactions pay gas even when they revert; flashbots bundles do not land if they would. */
  readonly submissionKind: "flashbots" | "direct";
}

export interface RiskContext {
  readonly limits: RiskLimits;
  readonly prices: Prices;
  readonly nowMs: number;
  readonly breaker: BreakerState;
  readonly killSwitch: { readonly engaged: boolean; readonly reason?: string };
  readonly quarantinedTokens: ReadonlySet<Address>;
  readonly quarantinedPools: ReadonlySet<Address>;
  /** Losses already recorded today (UTC), USD, positive. */
  readonly lossTodayUsd: bigint;
}

/** What the opportunity costs beyond its swaps, and what is left, all computed exactly. */
export interface CostBreakdown {
  readonly gasCostWei: bigint;
  /** Gas cost in the profit token (rounded up). */
  readonly gasCost: bigint;
  /** Builder payment in the profit token (coinbase share of gross profit, rounded up). */
  readonly builderPayment: bigint;
  /** Flash-loan fee in the start token (rounded up). */
  readonly flashFee: bigint;
  /** profit - gasCost - builderPayment - flashFee, in the profit token (may be negative). */
  readonly netProfit: bigint;
  readonly netProfitUsd: bigint;
  /** Gas the submission would burn if it reverted on chain (0 for bundles), in USD. */
  readonly worstCaseLossUsd: bigint;
}

export type RiskReasonCode =
  | "KILL_SWITCH"
  | "BREAKER_OPEN"
  | "QUARANTINED_TOKEN"
  | "QUARANTINED_POOL"
  | "TOKEN_DENIED"
  | "TOKEN_NOT_ALLOWED"
  | "GAS_PRICE_TOO_HIGH"
  | "TRADE_TOO_LARGE"
  | "LOAN_TOO_LARGE"
  | "UNPRICED_TOKEN"
  | "NET_PROFIT_TOO_LOW"
  | "NET_PROFIT_USD_TOO_LOW"
  | "GAS_RETURN_TOO_LOW"
  | "TRADE_LOSS_CAP"
  | "DAILY_LOSS_BUDGET";

export interface RiskRejection {
  readonly accepted: false;
  readonly code: RiskReasonCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface RiskAcceptance {
  readonly accepted: true;
  readonly message: string;
  readonly costs: CostBreakdown;
}

export type RiskDecision = RiskAcceptance | RiskRejection;

export function reject(
  code: RiskReasonCode,
  message: string,
  details: Record<string, unknown> = {},
): RiskRejection {
  return { accepted: false, code, message, details };
}
