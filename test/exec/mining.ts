import type { BuiltBlock } from "../../bot/devnet/relay/blockBuilder";
import type { DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import type { SubmissionAttempt } from "../../bot/execute/submitter";

/**
 * The relay's blocks as the test makes them. The devnet relay simulates bundles by mining blocks
 * inside snapshots of its node, so polling the node's head can see a block that is then undone;
 * a block is final only when `mineNow()` has returned it. The submitter is handed `waitForBlock`,
 * which follows exactly those.
 */
export class RelayBlocks {
  private highest = 0n;
  private readonly waiters: { n: bigint; resolve: () => void }[] = [];

  constructor(private readonly relay: DevnetRelay) {}

  async mine(): Promise<BuiltBlock> {
    const built = await this.relay.mineNow();
    this.record(built.blockNumber);
    return built;
  }

  private record(block: bigint): void {
    if (block > this.highest) this.highest = block;
    for (const w of this.waiters.splice(0)) {
      if (w.n <= this.highest) w.resolve();
      else this.waiters.push(w);
    }
  }

  /** A block the relay never saw: mined on the node directly, as if another builder had won it. */
  async mineElsewhere(): Promise<bigint> {
    await this.relay.node.call("evm_mine", []);
    const head = await this.relay.node.blockNumber();
    this.record(head);
    return head;
  }

  readonly waitForBlock = (n: bigint): Promise<void> =>
    n <= this.highest ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ n, resolve }));

  /** Records the head the relay starts from (blocks made before the test took over). */
  async sync(): Promise<void> {
    const head = await this.relay.node.blockNumber();
    if (head > this.highest) this.highest = head;
  }
}

/**
 * Drives blocks from the submitter's attempts: once every relay has been tried for a block, that
 * block is built. So each round of sends is followed by exactly one block, as on a chain whose
 * next block comes after the searcher has sent, whatever the relays answered. `before` runs first
 * when given (e.g. to put a public transaction in the mempool and mine it a block earlier).
 */
export function blockPerRound(
  blocks: RelayBlocks,
  relays: number,
  before?: (attempt: SubmissionAttempt) => Promise<void>,
  mine: (round: number) => Promise<unknown> = () => blocks.mine(),
) {
  let rounds = 0;
  const counts = new Map<bigint, number>();
  const attempts: SubmissionAttempt[] = [];
  const work: Promise<unknown>[] = [];
  const onAttempt = (a: SubmissionAttempt) => {
    attempts.push(a);
    const block = a.block ?? a.targetBlock;
    const n = (counts.get(block) ?? 0) + 1;
    counts.set(block, n);
    if (n === relays) {
      work.push(
        (async () => {
          if (before) await before(a);
          await mine(rounds++);
        })(),
      );
    }
  };
  return { onAttempt, attempts, settle: () => Promise.all(work) };
}
