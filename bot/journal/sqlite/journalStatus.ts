/**
 * The `status` view of the journal: last block seen, cumulative realised profit, outcome counts,
 * the success rate over the breaker's window, the breaker state (replayed from stored outcomes, so
 * it survives restarts), quarantines, claims still waiting for an outcome and today's losses.
 * Sums are done in bigint here: SQLite's SUM over TEXT would go through floating point.
 */
import type Database from "better-sqlite3";
import type { JournalStatus, StatusOptions } from "../types";
import { isBreakerOpen, replayBreaker } from "../../decide/risk/breaker";

interface OutcomeRow {
  status: "included" | "not-included" | "failed";
  realised_profit: string;
  profit_token: string;
  realised_profit_usd: string | null;
  recorded_at: number;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

/** Sum of losses (negative realised USD) recorded at or after `sinceMs`, as a positive number. */
export function lossSinceUsd(db: Database.Database, sinceMs: number): bigint {
  const rows = db
    .prepare(
      "SELECT realised_profit_usd AS usd FROM outcomes WHERE recorded_at >= ? AND realised_profit_usd LIKE '-%'",
    )
    .all(sinceMs) as { usd: string }[];
  return rows.reduce((sum, r) => sum - BigInt(r.usd), 0n);
}

export function journalStatus(
  db: Database.Database,
  options: StatusOptions & { nowMs: number },
): JournalStatus {
  const block = (
    options.chainId === undefined
      ? db
          .prepare(
            "SELECT chain_id, number, hash, seen_at FROM blocks ORDER BY number DESC, seen_at DESC LIMIT 1",
          )
          .get()
      : db
          .prepare(
            "SELECT chain_id, number, hash, seen_at FROM blocks WHERE chain_id = ? ORDER BY number DESC, seen_at DESC LIMIT 1",
          )
          .get(options.chainId)
  ) as { chain_id: number; number: number; hash: string; seen_at: number } | undefined;

  const outcomes = db
    .prepare(
      "SELECT status, realised_profit, profit_token, realised_profit_usd, recorded_at FROM outcomes ORDER BY recorded_at, id",
    )
    .all() as OutcomeRow[];
  const realisedProfit = new Map<string, bigint>();
  let realisedProfitUsd = 0n;
  const counts = { included: 0, notIncluded: 0, failed: 0 };
  for (const o of outcomes) {
    realisedProfit.set(
      o.profit_token,
      (realisedProfit.get(o.profit_token) ?? 0n) + BigInt(o.realised_profit),
    );
    realisedProfitUsd += BigInt(o.realised_profit_usd ?? "0");
    if (o.status === "included") counts.included += 1;
    else if (o.status === "failed") counts.failed += 1;
    else counts.notIncluded += 1;
  }

  const decisive = outcomes
    .filter((o) => o.status !== "not-included")
    .map((o) => ({ success: o.status === "included", atMs: o.recorded_at }));
  const breaker = replayBreaker(decisive, options.nowMs, options.breaker);
  const window = decisive.slice(-options.breaker.window);
  const windowSuccesses = window.filter((o) => o.success).length;

  const quarantined = db
    .prepare("SELECT kind, address FROM quarantines WHERE until IS NULL OR until > ? ORDER BY address")
    .all(options.nowMs) as { kind: string; address: string }[];
  const pending = db
    .prepare(
      `SELECT count(*) AS n FROM submission_claims c WHERE NOT EXISTS
         (SELECT 1 FROM outcomes o WHERE o.idempotency_key = c.idempotency_key AND o.target_block = c.target_block)`,
    )
    .get() as { n: number };

  return {
    lastBlock:
      block === undefined
        ? undefined
        : {
            chainId: block.chain_id,
            number: BigInt(block.number),
            hash: block.hash,
            seenAtMs: block.seen_at,
          },
    realisedProfit,
    realisedProfitUsd,
    outcomes: counts,
    successRate: {
      samples: window.length,
      bps: window.length === 0 ? undefined : Math.floor((windowSuccesses * 10_000) / window.length),
    },
    breaker: { ...breaker, open: isBreakerOpen(breaker, options.nowMs, options.breaker) },
    quarantinedTokens: quarantined.filter((q) => q.kind === "token").map((q) => q.address),
    quarantinedPools: quarantined.filter((q) => q.kind === "pool").map((q) => q.address),
    pendingClaims: pending.n,
    lossTodayUsd: lossSinceUsd(db, startOfUtcDay(options.nowMs)),
  };
}
