/**
 * The keeper's journal: everything decided and done, in SQLite (better-sqlite3, WAL mode,
 * synchronous=FULL). Every write method commits before it returns, which is what "write before act"
 * rests on: record the decision, claim the submission, and only then send. `claimSubmission`
 * refuses a second claim of the same opportunity and target block, so a restarted keeper never
 * submits twice. Free-text fields pass through redactSecrets. Reads for the CLI are in
 * journalStatus.ts and journalReport.ts.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { redactSecrets } from "../../config/redact";
import { JournalError } from "../journalError";
import { idempotencyKey } from "../idempotencyKey";
import { migrate } from "./migrate";
import type { BreakerSettings } from "../../decide/risk/limits";
import type { JournalPort } from "../port";
import { journalStatus } from "./journalStatus";
import { journalReport } from "./journalReport";
import { riskStateOf } from "./riskState";
import type {
  BlockRecord,
  DecisionRecord,
  JournalReport,
  JournalRiskState,
  JournalStatus,
  OpportunityRecord,
  OutcomeRecord,
  Quarantine,
  QuarantineKind,
  ReportOptions,
  SimulationRecord,
  StatusOptions,
  SubmissionRecord,
  SubmissionState,
} from "../types";

export const DEFAULT_JOURNAL_FILE = "./data/omni-arb.sqlite";

export interface JournalOptions {
  /** Clock in Unix milliseconds (tests pass a fake one). */
  readonly now?: () => number;
}

const text = (value: bigint | undefined): string | null => (value === undefined ? null : value.toString());
/** Free text (messages, errors, reasons) is redacted: a key must never reach the journal. */
const prose = (value: string | undefined): string | null =>
  value === undefined ? null : redactSecrets(value);

export class SqliteJournal implements JournalPort {
  /** The database, for this adapter's own queries and for tests of its storage; never used outside bot/journal. */
  readonly db: Database.Database;
  private readonly now: () => number;

  private constructor(db: Database.Database, options: JournalOptions) {
    this.db = db;
    this.now = options.now ?? Date.now;
  }

  /** Opens (creating the folder and file if needed) and migrates the journal at `file`. */
  static open(file: string = DEFAULT_JOURNAL_FILE, options: JournalOptions = {}): SqliteJournal {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      db.pragma("busy_timeout = 5000");
      migrate(db);
    } catch (cause) {
      if (cause instanceof JournalError) throw cause;
      throw new JournalError("JOURNAL_OPEN", `cannot open journal ${file}`, { cause, details: { file } });
    }
    return new SqliteJournal(db, options);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async recordBlock(block: BlockRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO blocks (chain_id, number, hash, parent_hash, timestamp, seen_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        block.chainId,
        block.number,
        block.hash,
        block.parentHash ?? null,
        block.timestamp ?? null,
        this.now(),
      );
  }

  /** Records an opportunity (once per idempotency key) and returns its key. */
  async recordOpportunity(op: OpportunityRecord): Promise<string> {
    const key = idempotencyKey(op.chainId, op.path, op.targetBlock);
    const pathJson = JSON.stringify(
      op.path.map((h) => ({
        pool: h.pool.toLowerCase(),
        tokenIn: h.tokenIn.toLowerCase(),
        tokenOut: h.tokenOut.toLowerCase(),
        amountIn: h.amountIn.toString(),
        amountOut: h.amountOut.toString(),
        venue: h.venue ?? null,
      })),
    );
    const venues = [...new Set(op.path.map((h) => h.venue ?? "unknown"))].join(",");
    this.db
      .prepare(
        `INSERT OR IGNORE INTO opportunities (idempotency_key, chain_id, target_block, path, venues, start_token,
           amount_in, amount_out, profit, profit_token, gas_estimate, funding, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key,
        op.chainId,
        op.targetBlock,
        pathJson,
        venues,
        (op.path[0]?.tokenIn ?? op.profitToken).toLowerCase(),
        op.amountIn.toString(),
        op.amountOut.toString(),
        op.profit.toString(),
        op.profitToken.toLowerCase(),
        op.gasEstimate.toString(),
        op.funding ?? null,
        this.now(),
      );
    return key;
  }

  /** Records the risk gate's decision; committed when this returns (write before act). */
  async recordDecision(key: string, decision: DecisionRecord): Promise<void> {
    if (!decision.accepted && decision.code === undefined) {
      throw new JournalError("JOURNAL_DECISION_CODE", "a rejection needs a reason code", {
        details: { key },
      });
    }
    this.write("JOURNAL_DECISION", key, () =>
      this.db
        .prepare(
          `INSERT INTO risk_decisions (idempotency_key, accepted, reason_code, message, net_profit, net_profit_usd,
             decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          key,
          decision.accepted ? 1 : 0,
          decision.code ?? null,
          prose(decision.message),
          text(decision.netProfit),
          text(decision.netProfitUsd),
          this.now(),
        ),
    );
  }

  async recordSimulation(key: string, sim: SimulationRecord): Promise<void> {
    this.write("JOURNAL_SIMULATION", key, () =>
      this.db
        .prepare(
          `INSERT INTO simulations (idempotency_key, ok, predicted_profit, simulated_profit, gas_used, error,
             simulated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          key,
          sim.ok ? 1 : 0,
          sim.predictedProfit.toString(),
          text(sim.simulatedProfit),
          text(sim.gasUsed),
          prose(sim.error),
          this.now(),
        ),
    );
  }

  /**
   * Claims the right to submit `key` for `targetBlock`. Returns false when it was already claimed
   * (by this process or one before a restart). Throws when the opportunity's latest risk decision
   * is not an acceptance: nothing is submitted that the gate did not pass (last, on the simulated
   * gas) and the journal did not record.
   */
  async claimSubmission(key: string, targetBlock: bigint): Promise<boolean> {
    return this.db.transaction(() => {
      const accepted = this.db
        .prepare("SELECT accepted FROM risk_decisions WHERE idempotency_key = ? ORDER BY id DESC LIMIT 1")
        .get(key) as { accepted: number } | undefined;
      if (accepted?.accepted !== 1) {
        throw new JournalError(
          "JOURNAL_NOT_ACCEPTED",
          "cannot claim a submission without an accepted decision",
          {
            details: { key },
          },
        );
      }
      const result = this.db
        .prepare(
          "INSERT OR IGNORE INTO submission_claims (idempotency_key, target_block, claimed_at) VALUES (?, ?, ?)",
        )
        .run(key, targetBlock, this.now());
      return result.changes === 1;
    })();
  }

  /** One row per attempt (per relay); returns its id for updateSubmission. */
  async recordSubmission(sub: SubmissionRecord): Promise<number> {
    const now = this.now();
    const result = this.write("JOURNAL_SUBMISSION", sub.idempotencyKey, () =>
      this.db
        .prepare(
          `INSERT INTO submissions (idempotency_key, target_block, relay, bundle_hash, state, error, created_at,
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          sub.idempotencyKey,
          sub.targetBlock,
          sub.relay,
          sub.bundleHash ?? null,
          sub.state,
          prose(sub.error),
          now,
          now,
        ),
    );
    return Number(result.lastInsertRowid);
  }

  async updateSubmission(
    id: number,
    state: SubmissionState,
    update: { bundleHash?: string; error?: string } = {},
  ): Promise<void> {
    this.db
      .prepare(
        `UPDATE submissions SET state = ?, bundle_hash = coalesce(?, bundle_hash), error = coalesce(?, error),
           updated_at = ? WHERE id = ?`,
      )
      .run(state, update.bundleHash ?? null, prose(update.error), this.now(), id);
  }

  async recordOutcome(outcome: OutcomeRecord): Promise<void> {
    this.write("JOURNAL_OUTCOME", outcome.idempotencyKey, () =>
      this.db
        .prepare(
          `INSERT INTO outcomes (idempotency_key, target_block, status, block_number, gas_used, gas_cost_wei,
             realised_profit, profit_token, realised_profit_usd, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          outcome.idempotencyKey,
          outcome.targetBlock,
          outcome.status,
          outcome.blockNumber ?? null,
          text(outcome.gasUsed),
          text(outcome.gasCostWei),
          outcome.realisedProfit.toString(),
          outcome.profitToken.toLowerCase(),
          text(outcome.realisedProfitUsd),
          this.now(),
        ),
    );
  }

  async quarantine(kind: QuarantineKind, address: string, reason: string, untilMs?: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO quarantines (kind, address, reason, since, until) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, address) DO UPDATE SET reason = excluded.reason, since = excluded.since,
           until = excluded.until`,
      )
      .run(kind, address.toLowerCase(), redactSecrets(reason), this.now(), untilMs ?? null);
  }

  async liftQuarantine(kind: QuarantineKind, address: string): Promise<void> {
    this.db
      .prepare("DELETE FROM quarantines WHERE kind = ? AND address = ?")
      .run(kind, address.toLowerCase());
  }

  /** Quarantines in force at `nowMs` (default: now). */
  async quarantines(nowMs: number = this.now()): Promise<Quarantine[]> {
    const rows = this.db
      .prepare("SELECT kind, address, reason, since, until FROM quarantines WHERE until IS NULL OR until > ?")
      .all(nowMs) as {
      kind: QuarantineKind;
      address: string;
      reason: string;
      since: number;
      until: number | null;
    }[];
    return rows.map((r) => ({
      kind: r.kind,
      address: r.address,
      reason: r.reason,
      sinceMs: r.since,
      untilMs: r.until ?? undefined,
    }));
  }

  async status(options: StatusOptions): Promise<JournalStatus> {
    return journalStatus(this.db, { ...options, nowMs: options.nowMs ?? this.now() });
  }

  async report(options: ReportOptions = {}): Promise<JournalReport> {
    return journalReport(this.db, options);
  }

  async riskState(nowMs: number, breaker: BreakerSettings): Promise<JournalRiskState> {
    return riskStateOf(this.db, await this.quarantines(nowMs), nowMs, breaker);
  }

  private write<T>(code: string, key: string, run: () => T): T {
    try {
      return run();
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : "";
      if (/FOREIGN KEY/.test(message)) {
        throw new JournalError(
          code,
          "journal write refers to an unknown opportunity or unclaimed submission",
          {
            cause,
            details: { key },
          },
        );
      }
      throw new JournalError(code, "journal write failed", { cause, details: { key } });
    }
  }
}
