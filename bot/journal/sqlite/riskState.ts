/**
 * What the risk gate needs from the journal before each decision (breaker, quarantines, today's
 * losses). Kept apart from journalStatus.ts because it runs on every decision: it reads only the
 * recent outcomes.
 */
import type Database from "better-sqlite3";
import { replayBreaker } from "../../decide/risk/breaker";
import type { BreakerSettings } from "../../decide/risk/limits";
import type { JournalRiskState, Quarantine } from "../types";
import { lossSinceUsd, startOfUtcDay } from "./journalStatus";

/** Outcomes replayed for the breaker; far more than any window, few enough to read per decision. */
const BREAKER_HISTORY = 2_000;

export function riskStateOf(
  db: Database.Database,
  quarantines: readonly Quarantine[],
  nowMs: number,
  settings: BreakerSettings,
): JournalRiskState {
  const recent = db
    .prepare(
      `SELECT status, recorded_at FROM outcomes WHERE status <> 'not-included'
        ORDER BY recorded_at DESC, id DESC LIMIT ?`,
    )
    .all(Math.max(BREAKER_HISTORY, settings.window + settings.maxConsecutiveFailures)) as {
    status: string;
    recorded_at: number;
  }[];
  const outcomes = recent.reverse().map((o) => ({ success: o.status === "included", atMs: o.recorded_at }));
  return {
    breaker: replayBreaker(outcomes, nowMs, settings),
    quarantinedTokens: new Set(quarantines.filter((q) => q.kind === "token").map((q) => q.address)),
    quarantinedPools: new Set(quarantines.filter((q) => q.kind === "pool").map((q) => q.address)),
    lossTodayUsd: lossSinceUsd(db, startOfUtcDay(nowMs)),
  };
}
