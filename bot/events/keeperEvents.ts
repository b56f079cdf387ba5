import { EventEmitter } from "node:events";
import type { Address } from "../core/address";
import type { SubmissionAttempt, SubmissionOutcome } from "../execute/submitter";

/**
 * What the keeper tells the outside world as it works: telemetry (Prometheus metrics), the
 * dashboard and the terminal status line all listen here and never reach into the keeper.
 * Amounts are bigint; listeners convert for display.
 */

export type KeeperStage = "sync" | "evaluate" | "risk" | "simulate" | "submit";

export interface KeeperEventMap {
  /** A block was applied to the pool state (after any reorg repair). */
  block: [
    {
      readonly number: number;
      readonly hash: string;
      readonly changedPools: number;
      readonly reorgDepth: number;
      /** Wall-clock time (ms since the epoch) the head was received. */
      readonly receivedAtMs: number;
    },
  ];
  /**
   * The engine's profitable cycles for a block (before risk), and the best one's value. Emitted
   * once the block's decisions are made: the keeper hands off the best opportunities while the
   * engine is still sizing the others, so the count is known only then.
   */
  opportunities: [
    { readonly block: number; readonly count: number; readonly bestProfitUsd: number | undefined },
  ];
  /** One opportunity went through the risk gate and, if accepted, simulation. */
  decision: [
    {
      readonly block: number;
      readonly key: string;
      readonly path: readonly Address[];
      readonly profitToken: Address;
      readonly profit: bigint;
      readonly profitUsd: number | undefined;
      readonly accepted: boolean;
      /** Risk reason code, "SIM_MISMATCH", "SIM_REVERT", "ALREADY_CLAIMED", or "ACCEPTED". */
      readonly code: string;
      readonly message: string;
    },
  ];
  /** Time spent in one stage for one block or opportunity, in milliseconds. */
  stage: [{ readonly stage: KeeperStage; readonly ms: number }];
  /** From block header received to the opportunity handed to the submitter, in milliseconds. */
  handedOff: [{ readonly key: string; readonly block: number; readonly ms: number }];
  attempt: [SubmissionAttempt];
  outcome: [
    {
      readonly key: string;
      readonly targetBlock: bigint;
      readonly outcome: SubmissionOutcome;
      readonly predictedProfit: bigint;
      readonly profitToken: Address;
      readonly realisedProfitUsd: number | undefined;
    },
  ];
  quarantine: [{ readonly kind: "pool" | "token"; readonly address: Address; readonly reason: string }];
  /**
   * Processing a block failed (an RPC error, a block the node no longer has): nothing was
   * submitted from it, and the keeper carries on with the next head.
   */
  fault: [{ readonly block: number; readonly message: string; readonly error: unknown }];
  /** Breaker opened or closed, kill switch engaged or released. */
  gate: [{ readonly breakerOpen: boolean; readonly killSwitch: boolean; readonly reason?: string }];
}

/** A typed EventEmitter over KeeperEventMap. */
export class KeeperEvents extends EventEmitter<KeeperEventMap> {}
