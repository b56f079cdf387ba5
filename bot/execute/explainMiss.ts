import { isError, type Interface, type Provider } from "ethers";
import { revertDataOf } from "../chain/revertData";
import { describeRevert } from "./describeRevert";
import type { SubmissionRequest } from "./submitter";
import type { SignedExecutorTx } from "./executorTx";
import type { RelayConnection } from "./relayConnection";

/** A bundle a relay took for a block. */
export interface LiveBundle {
  readonly relay: RelayConnection;
  readonly bundleHash: string;
}

export type MissExplanation =
  | { readonly final: true; readonly reason: "outbid" | "state-moved"; readonly detail: string }
  | { readonly final: false; readonly detail: string };

/**
 * Why block `block` was built without a bundle that relays had taken, from their stats
 * (flashbots_getBundleStatsV2). Weighed for the block and left out: another bundle paid more for
 * the same state (outbid). Failed the block's simulation, confirmed by the executor call reverting
 * on the latest state: the state moved. Either is final, the opportunity is gone. Otherwise (never
 * simulated, e.g. it came too late, or sealed by a builder whose block was not chosen) the next
 * block may still take it.
 */
export async function explainMiss(
  provider: Provider,
  errors: Interface | undefined,
  request: SubmissionRequest,
  tx: SignedExecutorTx,
  live: readonly LiveBundle[],
  block: bigint,
): Promise<MissExplanation> {
  const verdicts = await Promise.all(live.map((s) => s.relay.verdict(s.bundleHash, block)));
  if (verdicts.includes("considered")) {
    return { final: true, reason: "outbid", detail: `block ${block} was built with other bundles` };
  }
  if (verdicts.includes("failed-simulation")) {
    const revert = await revertNow(provider, errors, request, tx);
    if (revert !== undefined) return { final: true, reason: "state-moved", detail: revert };
    return {
      final: false,
      detail: `block ${block}: the relay's simulation failed, but the call does not revert now`,
    };
  }
  if (verdicts.includes("sealed")) {
    return { final: false, detail: `block ${block}: sealed by a builder whose block was not chosen` };
  }
  return { final: false, detail: `block ${block}: the relay did not simulate the bundle in time` };
}

/** The revert reason of the executor call on the latest state; undefined when it succeeds or the node cannot say. */
async function revertNow(
  provider: Provider,
  errors: Interface | undefined,
  request: SubmissionRequest,
  tx: SignedExecutorTx,
): Promise<string | undefined> {
  try {
    await provider.call({
      from: tx.from,
      to: request.to,
      data: request.calldata,
      gasLimit: request.gasLimit,
      blockTag: "latest",
    });
    return undefined;
  } catch (err) {
    // Only a revert says the state moved; a node that failed to answer says nothing.
    if (!isError(err, "CALL_EXCEPTION")) return undefined;
    return describeRevert(revertDataOf(err), errors);
  }
}
