import type { Address } from "../core/address";
import type { Plan } from "../plan/planEncoding";
import type { Opportunity } from "../strategies/opportunity";

/**
 * The seam between the keeper and the ways of getting a transaction on chain. The keeper hands a
 * simulated, risk-checked, journaled opportunity to a Submitter; the Submitter signs, sends,
 * retries within its target window and reports what happened. Implementations: Flashbots-style
 * bundles to one or more relays (bot/execute/flashbotsSubmitter.ts), and a direct transaction for
 * sequencer-ordered chains (bot/execute/directSubmitter.ts). Which one a chain uses is configuration.
 */

export interface SubmissionRequest {
  /** One opportunity, one target block: the journal's idempotency key. */
  readonly idempotencyKey: string;
  readonly opportunity: Opportunity;
  /** The executor plan and its calldata (`encodeExecute(plan)`). */
  readonly plan: Plan;
  readonly calldata: string;
  /** The ArbExecutor address. */
  readonly to: Address;
  /** From the simulation, with a margin. */
  readonly gasLimit: bigint;
  /** The first block the transaction may land in; the plan's deadline bounds the last. */
  readonly targetBlock: bigint;
  /** Fee fields from the chain's base fee and the builder-payment policy. */
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  /** Profit the executor keeps after the builder payment, in the profit token (exact). */
  readonly predictedProfit: bigint;
  /** Wei the executor pays block.coinbase (0 when the policy is a priority fee). */
  readonly builderPayment: bigint;
}

/** One attempt to send (a bundle to one relay for one block, or one raw transaction). */
export interface SubmissionAttempt {
  readonly idempotencyKey: string;
  /** The request's target block (the journal's claim), also on retries for later blocks. */
  readonly targetBlock: bigint;
  /** The block this send aims at: targetBlock, or a later one when it is a retry. */
  readonly block?: bigint;
  /** Relay URL or "direct". */
  readonly relay: string;
  readonly state: "sent" | "rejected" | "error";
  readonly bundleHash?: string;
  readonly txHash?: string;
  readonly error?: string;
}

export type SubmissionOutcome =
  | {
      readonly kind: "included";
      readonly blockNumber: bigint;
      readonly txHash: string;
      readonly gasUsed: bigint;
      /** Wei paid for gas (gasUsed x effective gas price). */
      readonly gasCostWei: bigint;
      /** Measured on chain: the executor's profit-token balance change across the block. */
      readonly realisedProfit: bigint;
      /** Measured on chain: what block.coinbase received from the executor. */
      readonly builderPayment: bigint;
    }
  | {
      readonly kind: "not-included";
      /** outbid: the target block was built without it; state-moved: it would now revert; expired: past the deadline. */
      readonly reason: "outbid" | "state-moved" | "expired";
      readonly lastTargetBlock: bigint;
      readonly detail?: string;
    }
  | {
      readonly kind: "failed";
      /** rejected by every relay, or a direct transaction that reverted on chain (and paid gas). */
      readonly reason: "rejected" | "reverted" | "error";
      readonly detail: string;
      readonly blockNumber?: bigint;
      readonly gasCostWei?: bigint;
    };

export interface Submitter {
  readonly kind: "flashbots" | "direct";
  /**
   * The final simulation on the submission path where it exists (eth_callBundle at a relay):
   * the profit the executor would keep, or why it would revert. `undefined` when not offered.
   */
  simulate?(
    request: SubmissionRequest,
  ): Promise<{ ok: boolean; profit?: bigint; gasUsed?: bigint; error?: string }>;
  /**
   * Sends the request and follows it to an outcome. `onAttempt` is called for every attempt
   * BEFORE its result is acted on (and awaited: the journal write has committed), so the journal holds every attempt even after a crash.
   * Never leaves two live submissions for one idempotency key.
   */
  submit(
    request: SubmissionRequest,
    onAttempt: (attempt: SubmissionAttempt) => void | Promise<void>,
  ): Promise<SubmissionOutcome>;
}
