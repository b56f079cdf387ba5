/**
 * The journal seam: everything decided and done, behind one asynchronous interface. The SQLite
 * adapter (sqlite/sqliteJournal.ts) is the embedded default; a Postgres adapter comes through the
 * same port. Nothing outside bot/journal touches a database.
 *
 * Write-before-act rests on this contract: every write has committed when its promise resolves; a
 * claim is granted once per (opportunity, target block) across restarts and processes, and only to
 * an opportunity whose latest decision accepted it.
 */
import type { BreakerSettings } from "../decide/risk/limits";
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
} from "./types";

export interface JournalPort {
  recordBlock(block: BlockRecord): Promise<void>;
  /** Records an opportunity (once per idempotency key) and returns its key. */
  recordOpportunity(op: OpportunityRecord): Promise<string>;
  /** Records a gate decision; committed when this resolves (write before act). */
  recordDecision(key: string, decision: DecisionRecord): Promise<void>;
  recordSimulation(key: string, sim: SimulationRecord): Promise<void>;
  /**
   * Claims the right to submit `key` for `targetBlock`: false when it was already claimed. Throws
   * when the opportunity's latest decision is not an acceptance.
   */
  claimSubmission(key: string, targetBlock: bigint): Promise<boolean>;
  /** One row per attempt (per relay); returns its id for updateSubmission. */
  recordSubmission(sub: SubmissionRecord): Promise<number>;
  updateSubmission(
    id: number,
    state: SubmissionState,
    update?: { bundleHash?: string; error?: string },
  ): Promise<void>;
  recordOutcome(outcome: OutcomeRecord): Promise<void>;
  /** Quarantines a pool or token, until `untilMs` (Unix ms) or until lifted by hand. */
  quarantine(kind: QuarantineKind, address: string, reason: string, untilMs?: number): Promise<void>;
  liftQuarantine(kind: QuarantineKind, address: string): Promise<void>;
  /** Quarantines in force at `nowMs` (default: now). */
  quarantines(nowMs?: number): Promise<Quarantine[]>;
  /** The breaker (replayed from outcomes), quarantines and today's losses at `nowMs`. */
  riskState(nowMs: number, breaker: BreakerSettings): Promise<JournalRiskState>;
  status(options: StatusOptions): Promise<JournalStatus>;
  report(options?: ReportOptions): Promise<JournalReport>;
  close(): Promise<void>;
}
