import type { Provider } from "ethers";
import { SubmissionError } from "./submissionError";

export interface BlockWatchOptions {
  /** Milliseconds between head polls. */
  readonly pollMs: number;
  /** Give up after this long without reaching the block. */
  readonly timeoutMs: number;
}

/**
 * Resolves with the head once the chain has block `n` and it stayed put for one poll: the same
 * hash at block n a poll apart. Polling, not subscriptions: it works over any HTTP endpoint, and
 * the submitter only needs to know that a block exists, not to see it first. The second look
 * costs one poll interval and keeps a block that is shown and then undone from being taken as
 * final: the devnet relay simulates bundles by mining blocks in snapshots of its node and
 * reverting them (docs/relay.md), and on a real chain it is the cheapest guard against a block
 * replaced right away.
 */
export async function waitForBlock(provider: Provider, n: bigint, opts: BlockWatchOptions): Promise<bigint> {
  const deadline = Date.now() + opts.timeoutMs;
  const sleep = () => new Promise((r) => setTimeout(r, opts.pollMs));
  for (;;) {
    const head = BigInt(await provider.getBlockNumber());
    if (Date.now() > deadline) {
      throw new SubmissionError("SUBMIT_NO_BLOCK", `block ${n} was not final within ${opts.timeoutMs} ms`, {
        details: { block: n, head },
      });
    }
    if (head >= n) {
      const first = await provider.getBlock(Number(n)).catch(() => null);
      await sleep();
      const again = await provider.getBlock(Number(n)).catch(() => null);
      if (first !== null && again !== null && first.hash === again.hash) return head;
      continue;
    }
    await sleep();
  }
}
