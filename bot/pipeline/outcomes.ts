import type { Address } from "../core/address";
import type { JournalPort } from "../journal/port";
import type { KeeperEvents } from "../events/keeperEvents";
import type { SubmissionOutcome, SubmissionRequest } from "../execute/submitter";

/** Journals a submission's outcome (realised profit signed: a reverted direct tx is a gas loss) and announces it. */
export async function recordOutcome(
  journal: JournalPort,
  events: KeeperEvents,
  request: SubmissionRequest,
  outcome: SubmissionOutcome,
  usd: (token: Address, amount: bigint) => number | undefined,
  wrappedNative: Address,
): Promise<void> {
  const token = request.opportunity.profitToken;
  const realised = outcome.kind === "included" ? outcome.realisedProfit : 0n;
  // A transaction that reverted on chain still paid for its gas: that is the loss the daily
  // budget counts. Bundles that did not land cost nothing.
  const gasLossUsd =
    outcome.kind === "failed" && outcome.gasCostWei !== undefined
      ? usd(wrappedNative, outcome.gasCostWei)
      : 0;
  const profitUsd = usd(token, realised);
  const realisedUsd =
    profitUsd === undefined || gasLossUsd === undefined ? undefined : profitUsd - gasLossUsd;
  await journal.recordOutcome({
    idempotencyKey: request.idempotencyKey,
    targetBlock: request.targetBlock,
    status: outcome.kind,
    blockNumber:
      outcome.kind === "included"
        ? outcome.blockNumber
        : outcome.kind === "failed"
          ? outcome.blockNumber
          : undefined,
    gasUsed: outcome.kind === "included" ? outcome.gasUsed : undefined,
    gasCostWei: outcome.kind === "included" || outcome.kind === "failed" ? outcome.gasCostWei : undefined,
    realisedProfit: realised,
    profitToken: token,
    realisedProfitUsd: realisedUsd === undefined ? undefined : BigInt(Math.round(realisedUsd * 1e18)),
  });
  events.emit("outcome", {
    key: request.idempotencyKey,
    targetBlock: request.targetBlock,
    outcome,
    predictedProfit: request.predictedProfit,
    profitToken: token,
    realisedProfitUsd: realisedUsd,
  });
}
