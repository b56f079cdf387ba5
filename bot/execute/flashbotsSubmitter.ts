import type { Interface, Provider, Wallet } from "ethers";
import type { CostModel } from "../chains/costModel";
import { costModelFor } from "../chains/registry";
import type { Address } from "../core/address";
import { urlOrigin } from "../config/redact";
import { describeRevert } from "./describeRevert";
import type { SubmissionAttempt, SubmissionOutcome, SubmissionRequest, Submitter } from "./submitter";
import { waitForBlock } from "./blockWatch";
import { executorWeth } from "./executorWeth";
import { explainMiss, type LiveBundle } from "./explainMiss";
import { signExecutorTx, type SignedExecutorTx } from "./executorTx";
import { measureInclusion } from "./measureInclusion";
import { RelayConnection, type SendAnswer } from "./relayConnection";
import { SubmissionError, errorText } from "./submissionError";

/**
 * Bundles of one transaction, the executor call, sent to Flashbots-protocol relays block by block
 * until it lands, loses, or the plan's deadline passes. See docs/submission.md.
 *
 * Why re-sending cannot land twice: the transaction is signed once, with the operator's next
 * nonce, before the first send, and every bundle for every block and every relay carries those
 * same bytes. An account's nonce can be used by one transaction only, so however many of these
 * bundles are live at once (a send that timed out may have reached the relay; a second relay has
 * its own copy; the bundle for N+1 goes out before we know N's fate), at most one can ever be
 * mined. Re-signing for a retry (a new nonce, a new fee) would break this, so nothing here does.
 */

export interface FlashbotsSubmitterOptions {
  /** The chain's node: heads, receipts, nonces, balances. */
  readonly provider: Provider;
  /** Signs the executor transaction; must be one of the executor's operators. */
  readonly operator: Wallet;
  /** Signs relay requests (X-Flashbots-Signature): the searcher identity, never holds funds. */
  readonly reputationSigner: Wallet;
  readonly relays: readonly string[];
  readonly chainId: bigint;
  /** Reads what an included transaction cost (default: the chain id's cost model). */
  readonly costModel?: Pick<CostModel, "realisedCostWei">;
  /** Per relay request; a slower answer counts as an error (default 2,000 ms). */
  readonly relayTimeoutMs?: number;
  /** Head polling interval (default 250 ms). */
  readonly pollMs?: number;
  /** How long to wait for one block before giving up on the chain (default 60,000 ms). */
  readonly blockTimeoutMs?: number;
  /**
   * Resolves once block n is final. Default: polling the provider's head until block n keeps its
   * hash for a poll (blockWatch.ts), which also copes with the phantom heads of a devnet relay
   * running without a simulation node. Tests that build blocks themselves pass their own.
   */
  readonly waitForBlock?: (n: bigint) => Promise<void>;
  /** The executor's ABI, to name its custom errors in revert reasons. */
  readonly errors?: Interface;
}

export class FlashbotsSubmitter implements Submitter {
  readonly kind = "flashbots" as const;
  private readonly weth = new Map<Address, Promise<Address | undefined>>();
  private readonly costModel: Pick<CostModel, "realisedCostWei">;

  private constructor(
    private readonly opts: FlashbotsSubmitterOptions,
    private readonly relays: readonly RelayConnection[],
  ) {
    this.costModel = opts.costModel ?? costModelFor(Number(opts.chainId));
  }

  static async create(opts: FlashbotsSubmitterOptions): Promise<FlashbotsSubmitter> {
    if (opts.relays.length === 0) {
      throw new SubmissionError("SUBMIT_NO_RELAY", "flashbots submission needs at least one relay URL");
    }
    const timeout = opts.relayTimeoutMs ?? 2_000;
    const relays = await Promise.all(
      opts.relays.map((url) =>
        RelayConnection.open(opts.provider, opts.reputationSigner, url, opts.chainId, timeout),
      ),
    );
    return new FlashbotsSubmitter(opts, relays);
  }

  private async sign(request: SubmissionRequest): Promise<SignedExecutorTx> {
    const nonce = await this.opts.provider.getTransactionCount(this.opts.operator.address, "latest");
    return await signExecutorTx(this.opts.operator, request, this.opts.chainId, nonce);
  }

  /**
   * eth_callBundle at the first relay that answers: the transaction as it would run at the top of
   * the target block. `profit` is execute()'s return word (what the executor kept) when it returns
   * one. Throws a SubmissionError when no relay can simulate.
   */
  async simulate(
    request: SubmissionRequest,
  ): Promise<{ ok: boolean; profit?: bigint; gasUsed?: bigint; error?: string }> {
    const tx = await this.sign(request);
    const failures: string[] = [];
    for (const relay of this.relays) {
      try {
        const r = await relay.callBundle(tx.raw, request.targetBlock);
        if (!r.ok) return { ok: false, error: describeRevert(r.revert, this.opts.errors) || r.error };
        const profit = r.value.length >= 66 ? BigInt(r.value.slice(0, 66)) : undefined;
        return { ok: true, profit, gasUsed: r.gasUsed };
      } catch (err) {
        failures.push(`${relay.url}: ${errorText(err)}`);
      }
    }
    throw new SubmissionError(
      "SUBMIT_SIMULATE_UNAVAILABLE",
      `no relay could simulate: ${failures.join("; ")}`,
      {
        details: { key: request.idempotencyKey },
      },
    );
  }

  async submit(
    request: SubmissionRequest,
    onAttempt: (attempt: SubmissionAttempt) => void | Promise<void>,
  ): Promise<SubmissionOutcome> {
    const { provider } = this.opts;
    const deadline = request.plan.deadlineBlock;
    const head = BigInt(await provider.getBlockNumber());
    let block = request.targetBlock > head ? request.targetBlock : head + 1n;
    if (block > deadline) {
      return {
        kind: "not-included",
        reason: "expired",
        lastTargetBlock: head,
        detail: "deadline passed before sending",
      };
    }
    // Signed once: see the comment at the top of the file.
    const tx = await this.sign(request);
    let everLive = false;
    let lastDetail = "";
    const errors: string[] = [];
    while (block <= deadline) {
      const answers = await Promise.all(this.relays.map((r) => r.send(tx.raw, block)));
      const sent: LiveBundle[] = [];
      for (const [i, a] of answers.entries()) {
        await onAttempt(this.attempt(request, block, this.relays[i].url, a, tx.hash));
        if (a.state === "sent") sent.push({ relay: this.relays[i], bundleHash: a.bundleHash });
        else errors.push(`block ${block} ${this.relays[i].url}: ${a.error}`);
      }
      if (sent.length === 0 && answers.every((a) => a.state === "rejected")) {
        // Every relay refused outright: nothing of ours is live for this block, earlier blocks
        // are already settled, and the same bundle would be refused again.
        return { kind: "failed", reason: "rejected", detail: errors.slice(-this.relays.length).join("; ") };
      }
      everLive ||= sent.length > 0;
      // A send that errored may still have reached its relay, so the block is awaited and the
      // chain checked whatever the answers were.
      try {
        if (this.opts.waitForBlock) await this.opts.waitForBlock(block);
        else {
          await waitForBlock(provider, block, {
            pollMs: this.opts.pollMs ?? 250,
            timeoutMs: this.opts.blockTimeoutMs ?? 60_000,
          });
        }
      } catch (err) {
        return {
          kind: "failed",
          reason: "error",
          detail: `${errorText(err)}; a bundle for it may still land (once: same signed transaction)`,
        };
      }
      const settled = await this.settled(request, tx, block);
      if (settled) return settled;
      if (sent.length > 0) {
        const miss = await explainMiss(provider, this.opts.errors, request, tx, sent, block);
        if (miss.final) {
          return { kind: "not-included", reason: miss.reason, lastTargetBlock: block, detail: miss.detail };
        }
        lastDetail = miss.detail;
      }
      const now = BigInt(await provider.getBlockNumber());
      block = now + 1n > block + 1n ? now + 1n : block + 1n;
    }
    if (!everLive) {
      return {
        kind: "failed",
        reason: "error",
        detail: `no relay took the bundle: ${errors.slice(-3).join("; ")}`,
      };
    }
    return {
      kind: "not-included",
      reason: "expired",
      lastTargetBlock: deadline,
      detail: lastDetail || undefined,
    };
  }

  private attempt(
    request: SubmissionRequest,
    block: bigint,
    relay: string,
    a: SendAnswer,
    txHash: string,
  ): SubmissionAttempt {
    const base = {
      idempotencyKey: request.idempotencyKey,
      targetBlock: request.targetBlock,
      block,
      relay: urlOrigin(relay),
      txHash,
    };
    return a.state === "sent"
      ? { ...base, state: "sent", bundleHash: a.bundleHash }
      : { ...base, state: a.state, error: a.error };
  }

  /** The transaction was mined (an outcome), or its nonce went to another transaction (it never can be). */
  private async settled(
    request: SubmissionRequest,
    tx: SignedExecutorTx,
    block: bigint,
  ): Promise<SubmissionOutcome | undefined> {
    const { provider } = this.opts;
    const receipt = await provider.getTransactionReceipt(tx.hash);
    if (receipt) {
      return await measureInclusion(
        provider,
        receipt,
        request.to,
        request.plan.token,
        await this.wethOf(request.to),
        this.costModel,
      );
    }
    const nonce = await provider.getTransactionCount(tx.from, Number(block));
    if (nonce > tx.nonce) {
      return {
        kind: "not-included",
        reason: "state-moved",
        lastTargetBlock: block,
        detail: `operator nonce ${tx.nonce} was used by another transaction`,
      };
    }
    return undefined;
  }

  private wethOf(executor: Address): Promise<Address | undefined> {
    let p = this.weth.get(executor);
    if (!p) {
      p = executorWeth(this.opts.provider, executor);
      this.weth.set(executor, p);
    }
    return p;
  }
}
