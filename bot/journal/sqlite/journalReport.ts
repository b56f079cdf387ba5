/**
 * The `report` view of the journal: outcomes and realised profit by UTC day, by venue, by profit
 * token, and risk rejections by reason code. An outcome counts once under each venue its cycle
 * touched. Sums are bigint, done here rather than in SQL (SUM over TEXT is floating point).
 */
import type Database from "better-sqlite3";
import type { JournalReport, OutcomeTally, ReportOptions } from "../types";

interface Row {
  status: "included" | "not-included" | "failed";
  realised_profit: string;
  realised_profit_usd: string | null;
  profit_token: string;
  recorded_at: number;
  venues: string;
}

function emptyTally(): OutcomeTally {
  return { included: 0, notIncluded: 0, failed: 0, realisedProfitUsd: 0n };
}

function add(tally: OutcomeTally, row: Row): void {
  if (row.status === "included") tally.included += 1;
  else if (row.status === "failed") tally.failed += 1;
  else tally.notIncluded += 1;
  tally.realisedProfitUsd += BigInt(row.realised_profit_usd ?? "0");
}

function bucket<T extends OutcomeTally>(map: Map<string, T>, key: string, make: () => T): T {
  let tally = map.get(key);
  if (tally === undefined) {
    tally = make();
    map.set(key, tally);
  }
  return tally;
}

export function journalReport(db: Database.Database, options: ReportOptions = {}): JournalReport {
  const since = options.sinceMs ?? 0;
  const until = options.untilMs ?? Number.MAX_SAFE_INTEGER;
  const rows = db
    .prepare(
      `SELECT o.status, o.realised_profit, o.realised_profit_usd, o.profit_token, o.recorded_at, p.venues
         FROM outcomes o JOIN opportunities p ON p.idempotency_key = o.idempotency_key
        WHERE o.recorded_at >= ? AND o.recorded_at < ? ORDER BY o.recorded_at, o.id`,
    )
    .all(since, until) as Row[];

  const byDay = new Map<string, OutcomeTally & { day: string }>();
  const byVenue = new Map<string, OutcomeTally & { venue: string }>();
  const byToken = new Map<string, OutcomeTally & { token: string; realisedProfit: bigint }>();
  for (const row of rows) {
    const day = new Date(row.recorded_at).toISOString().slice(0, 10);
    add(
      bucket(byDay, day, () => ({ ...emptyTally(), day })),
      row,
    );
    for (const venue of row.venues.split(",")) {
      add(
        bucket(byVenue, venue, () => ({ ...emptyTally(), venue })),
        row,
      );
    }
    const token = bucket(byToken, row.profit_token, () => ({
      ...emptyTally(),
      token: row.profit_token,
      realisedProfit: 0n,
    }));
    add(token, row);
    token.realisedProfit += BigInt(row.realised_profit);
  }

  const reasons = db
    .prepare(
      `SELECT reason_code AS code, count(*) AS count FROM risk_decisions
        WHERE accepted = 0 AND decided_at >= ? AND decided_at < ? GROUP BY reason_code ORDER BY count DESC, code`,
    )
    .all(since, until) as { code: string; count: number }[];

  return {
    byDay: [...byDay.values()],
    byVenue: [...byVenue.values()].sort((a, b) => a.venue.localeCompare(b.venue)),
    byToken: [...byToken.values()].sort((a, b) => a.token.localeCompare(b.token)),
    byReason: reasons,
  };
}
