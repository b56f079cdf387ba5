/**
 * The risk gate's inputs and outputs. A RiskOpportunity is structurally the strategy's
 * Opportunity (bot/strategies/opportunity.ts), so one is passed straight in. Every rejection has a
 * stable code (for the journal and the report) and a message for people.
 */
import type { Address } from "../../core/address";
import type { CostBreakdown, CostModel, FundingChoice } from "../../chains/costModel";
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

export interface RiskCandidate {
  readonly opportunity: RiskOpportunity;
  /** Price per gas the transaction will pay (CostModel.fees: the decision price), in wei. */
  readonly gasPriceWei: bigint;
  /** The most it can pay per gas (its max fee): what a reverted direct transaction may burn. */
  readonly maxFeePerGas: bigint;
  /** How the input is funded; a flash loan borrows amountIn of the start token. */
  readonly funding: FundingChoice;
  readonly builderPayment:
    { readonly kind: "coinbase-share"; readonly bps: number } | { readonly kind: "priority-fee" };
  /** "direct" transactions pay gas even when they revert; flashbots bundles do not land if they would. */
  readonly submissionKind: "flashbots" | "direct";
}

export interface RiskContext {
  readonly limits: RiskLimits;
  /** The chain's cost model: the only code that prices the candidate (bot/chains/costModel.ts). */
  readonly costModel: CostModel;
  readonly prices: Prices;
  readonly nowMs: number;
  readonly breaker: BreakerState;
  readonly killSwitch: { readonly engaged: boolean; readonly reason?: string };
  readonly quarantinedTokens: ReadonlySet<Address>;
  readonly quarantinedPools: ReadonlySet<Address>;
  /** Losses already recorded today (UTC), USD, positive. */
  readonly lossTodayUsd: bigint;
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
