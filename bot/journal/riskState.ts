/**
 * What the risk gate needs from the journal before each decision (breaker, quarantines, today's
 * losses), and the conversion of the gate's decision into the journal's record. Kept apart from
 * journalStatus.ts because it runs on every decision: it reads only the recent outcomes.
 */
import type { Address } from "../core/address";
import { replayBreaker } from "../decide/risk/breaker";
import type { BreakerState } from "../decide/risk/breaker";
import type { BreakerSettings } from "../decide/risk/limits";
import type { RiskDecision } from "../decide/risk/types";
import type { Journal } from "./Journal";
import { lossSinceUsd, startOfUtcDay } from "./journalStatus";
import type { DecisionRecord } from "./types";

export interface JournalRiskState {
  readonly breaker: BreakerState;
  readonly quarantinedTokens: ReadonlySet<Address>;
  readonly quarantinedPools: ReadonlySet<Address>;
  readonly lossTodayUsd: bigint;
}

/** Outcomes replayed for the breaker; far more than any window, few enough to read per decision. */
const BREAKER_HISTORY = 2_000;

export function riskStateOf(journal: Journal, nowMs: number, settings: BreakerSettings): JournalRiskState {
  const recent = journal.db
    .prepare(
      `SELECT status, recorded_at FROM outcomes WHERE status <> 'not-included'
        ORDER BY recorded_at DESC, id DESC LIMIT ?`,
    )
    .all(Math.max(BREAKER_HISTORY, settings.window + settings.maxConsecutiveFailures)) as {
    status: string;
    recorded_at: number;
  }[];
  const outcomes = recent.reverse().map((o) => ({ success: o.status === "included", atMs: o.recorded_at }));
  const quarantines = journal.quarantines(nowMs);
  return {
    breaker: replayBreaker(outcomes, nowMs, settings),
    quarantinedTokens: new Set(quarantines.filter((q) => q.kind === "token").map((q) => q.address)),
    quarantinedPools: new Set(quarantines.filter((q) => q.kind === "pool").map((q) => q.address)),
    lossTodayUsd: lossSinceUsd(journal.db, startOfUtcDay(nowMs)),
  };
}

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
