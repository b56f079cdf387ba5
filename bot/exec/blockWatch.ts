import type { Provider } from "ethers";
import { SubmissionError } from "./submissionError";

export interface BlockWatchOptions {
  /** Milliseconds between head polls. */
  readonly pollMs: number;
  /** Give up after this long without reaching the block. */
  readonly timeoutMs: number;
}

/**
 * Resolves with the head once the chain has block `n`. Polling, not subscriptions: it works over
 * any HTTP endpoint, and the submitter only needs to know that a block exists, not to see it first.
 */
export async function waitForBlock(provider: Provider, n: bigint, opts: BlockWatchOptions): Promise<bigint> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const head = BigInt(await provider.getBlockNumber());
    if (head >= n) return head;
    if (Date.now() > deadline) {
      throw new SubmissionError("SUBMIT_NO_BLOCK", `block ${n} did not arrive within ${opts.timeoutMs} ms`, {
        details: { block: n, head },
      });
    }
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}
