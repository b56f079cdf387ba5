import type { Interface, Provider, Wallet } from "ethers";
import type { SubmissionSettings } from "../config/types";
import type { Submitter } from "./submitter";
import { DirectSubmitter } from "./directSubmitter";
import { FlashbotsSubmitter } from "./flashbotsSubmitter";
import { SubmissionError } from "./submissionError";

export interface SubmitterDeps {
  readonly provider: Provider;
  readonly chainId: bigint;
  /** Signs the executor transaction. */
  readonly operator: Wallet;
  /** Signs relay requests; required for "flashbots", unused for "direct". */
  readonly reputationSigner?: Wallet;
  /** The executor's ABI, for readable revert reasons. */
  readonly errors?: Interface;
}

/**
 * The chain's Submitter from its configuration: "flashbots" bundles to `relays`, or "direct" raw
 * transactions to the chain's RPC plus `relays` as extra private endpoints.
 */
export async function makeSubmitter(settings: SubmissionSettings, deps: SubmitterDeps): Promise<Submitter> {
  switch (settings.kind) {
    case "flashbots":
      if (!deps.reputationSigner) {
        throw new SubmissionError(
          "SUBMIT_NO_REPUTATION_KEY",
          "flashbots submission needs a reputation key to sign relay requests",
        );
      }
      return await FlashbotsSubmitter.create({
        provider: deps.provider,
        operator: deps.operator,
        reputationSigner: deps.reputationSigner,
        relays: settings.relays,
        chainId: deps.chainId,
        errors: deps.errors,
      });
    case "direct":
      return new DirectSubmitter({
        provider: deps.provider,
        operator: deps.operator,
        chainId: deps.chainId,
        endpoints: settings.relays,
      });
  }
}
