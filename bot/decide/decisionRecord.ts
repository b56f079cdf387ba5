import type { DecisionRecord } from "../journal/types";
import type { RiskDecision } from "./risk/types";

/** The journal row for a gate decision. */
export function decisionRecordOf(decision: RiskDecision): DecisionRecord {
  if (!decision.accepted) return { accepted: false, code: decision.code, message: decision.message };
  return {
    accepted: true,
    message: decision.message,
    netProfit: decision.costs.netProfit,
    netProfitUsd: decision.costs.netProfitUsd,
  };
}
