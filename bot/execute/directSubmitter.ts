import { FetchRequest, JsonRpcProvider, type Provider, type Wallet } from "ethers";
import type { CostModel } from "../chains/costModel";
import { costModelFor } from "../chains/registry";
import type { Address } from "../core/address";
import { urlOrigin } from "../config/redact";
import type { SubmissionAttempt, SubmissionOutcome, SubmissionRequest, Submitter } from "./submitter";
import { executorWeth } from "./executorWeth";
import { signExecutorTx } from "./executorTx";
import { measureInclusion } from "./measureInclusion";
import { sendErrorState } from "./rawSendAnswer";
import { errorText } from "./submissionError";

/**
 * For chains without a bundle market (sequencer-ordered L2s): the executor call as one raw signed
 * transaction, sent to the chain's RPC and to any extra private endpoints. There is no "not
 * included, no cost" here: once sent, the transaction will be mined sooner or later. What keeps a
 * late or front-run one cheap is the plan itself: the executor checks the deadline block first
 * thing and the minimum profit last, so a stale transaction reverts for little gas. The outcome
 * comes from the receipt; a revert is reported as failed with its gas cost, which the risk gate
 * counts as a loss. See docs/submission.md.
 */

export interface DirectSubmitterOptions {
  /** The chain's node: receives the transaction, answers receipts. */
  readonly provider: Provider;
  readonly operator: Wallet;
  readonly chainId: bigint;
  /** Reads what an included transaction cost (default: the chain id's cost model). */
  readonly costModel?: Pick<CostModel, "realisedCostWei">;
  /** Extra endpoints that also get the raw transaction (private RPCs); best effort. */
  readonly endpoints?: readonly string[];
  /** Receipt polling interval (default 250 ms). */
  readonly pollMs?: number;
  /** Blocks past the deadline to keep looking for the receipt (default 2). */
  readonly graceBlocks?: number;
  /** How long to wait for a receipt at most (default 120,000 ms). */
  readonly receiptTimeoutMs?: number;
  /** Per request to an extra endpoint (default 2,000 ms). */
  readonly endpointTimeoutMs?: number;
}

export class DirectSubmitter implements Submitter {
  readonly kind = "direct" as const;
  private readonly extra: { url: string; provider: JsonRpcProvider }[];
  private readonly weth = new Map<Address, Promise<Address | undefined>>();
  /** Allocate-sign-send runs one submission at a time (see submit). */
  private nonceQueue: Promise<unknown> = Promise.resolve();
  private readonly costModel: Pick<CostModel, "realisedCostWei">;

  constructor(private readonly opts: DirectSubmitterOptions) {
    this.costModel = opts.costModel ?? costModelFor(Number(opts.chainId));
    this.extra = (opts.endpoints ?? []).map((url) => {
      const req = new FetchRequest(url);
      req.timeout = opts.endpointTimeoutMs ?? 2_000;
      return { url, provider: new JsonRpcProvider(req, Number(opts.chainId), { staticNetwork: true }) };
    });
  }

  /** Runs `work` after every earlier call's work has finished (the nonce critical section). */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.nonceQueue.then(work);
    this.nonceQueue = next.catch(() => undefined);
    return next;
  }

  async submit(
    request: SubmissionRequest,
    onAttempt: (attempt: SubmissionAttempt) => void | Promise<void>,
  ): Promise<SubmissionOutcome> {
    const { provider, operator } = this.opts;
    const head = BigInt(await provider.getBlockNumber());
    if (head + 1n > request.plan.deadlineBlock) {
      // Sending now could only buy a revert.
      return {
        kind: "not-included",
        reason: "expired",
        lastTargetBlock: head,
        detail: "deadline passed before sending",
      };
    }
    // Allocate, sign and send one submission at a time, so that concurrent submissions take
    // consecutive nonces and reach the node in nonce order.
    const { tx, targets, answers } = await this.serially(async () => {
      // "pending" counts our own transactions still queued, including the one the previous
      // submission sent just before it left this section.
      const nonce = await provider.getTransactionCount(operator.address, "pending");
      const tx = await signExecutorTx(operator, request, this.opts.chainId, nonce);
      const targets = [{ url: "direct", send: (raw: string) => provider.broadcastTransaction(raw) }].concat(
        this.extra.map((e) => ({ url: e.url, send: (raw: string) => e.provider.broadcastTransaction(raw) })),
      );
      // All at once: on a sequencer chain the first to arrive wins the position.
      const answers = await Promise.all(
        targets.map(async (t) => {
          try {
            await t.send(tx.raw);
            return { state: "sent" as const, error: undefined };
          } catch (err) {
            // Whatever the answer, the receipt decides below: see sendErrorState.
            return { state: sendErrorState(err), error: `${t.url}: ${errorText(err)}` };
          }
        }),
      );
      return { tx, targets, answers };
    });
    const states = answers.map((a) => a.state);
    const errors = answers.flatMap((a) => (a.error === undefined ? [] : [a.error]));
    for (const [i, a] of answers.entries()) {
      await onAttempt({
        idempotencyKey: request.idempotencyKey,
        targetBlock: request.targetBlock,
        block: head + 1n,
        relay: urlOrigin(targets[i].url),
        state: a.state,
        txHash: tx.hash,
        ...(a.error === undefined ? {} : { error: a.error }),
      });
    }
    return await this.follow(request, tx.hash, tx.nonce, head, states, errors);
  }

  /** Polls for the receipt until it exists or the deadline (plus grace) has passed without it. */
  private async follow(
    request: SubmissionRequest,
    hash: string,
    nonce: number,
    sentAtHead: bigint,
    states: readonly ("sent" | "rejected" | "error")[],
    errors: readonly string[],
  ): Promise<SubmissionOutcome> {
    const { provider } = this.opts;
    const lastBlock = request.plan.deadlineBlock + BigInt(this.opts.graceBlocks ?? 2);
    const until = Date.now() + (this.opts.receiptTimeoutMs ?? 120_000);
    for (;;) {
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt) {
        let weth = this.weth.get(request.to);
        if (!weth) this.weth.set(request.to, (weth = executorWeth(provider, request.to)));
        return await measureInclusion(
          provider,
          receipt,
          request.to,
          request.plan.token,
          await weth,
          this.costModel,
        );
      }
      const head = BigInt(await provider.getBlockNumber());
      const used = await provider.getTransactionCount(this.opts.operator.address, "latest");
      if (used > nonce) {
        return {
          kind: "not-included",
          reason: "state-moved",
          lastTargetBlock: head,
          detail: `operator nonce ${nonce} was used by another transaction`,
        };
      }
      if (!states.includes("sent")) {
        // Every endpoint refused it outright: nothing is pending anywhere.
        if (states.every((st) => st === "rejected")) {
          return { kind: "failed", reason: "rejected", detail: errors.join("; ") };
        }
        // No endpoint answered, and a block came and went without it.
        if (head > sentAtHead + 1n) return { kind: "failed", reason: "error", detail: errors.join("; ") };
      }
      if (head > lastBlock || Date.now() > until) {
        return {
          kind: "not-included",
          reason: "expired",
          lastTargetBlock: request.plan.deadlineBlock,
          detail: `not mined by block ${head}; if it still is, it reverts at the deadline check`,
        };
      }
      await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 250));
    }
  }
}
