import { OmniArbError } from "../core/errors";

/** What the keeper needs of a block header to follow the chain. */
export interface BlockRef {
  readonly number: number;
  readonly hash: string;
  readonly parentHash: string;
}

/**
 * What a new head means for the keeper:
 * - `extend`: the head's parent is our tip; apply it.
 * - `gap`: blocks are missing between our tip and the head; fetch and apply `from..to` first.
 * - `reorg`: the head does not descend from our tip; undo our blocks above `ancestor` (the last
 *   block both chains share, found by walking back) and re-apply the new branch from there.
 * - `known`: we already have this exact block.
 */
export type HeadChange =
  | { kind: "extend"; block: BlockRef }
  | { kind: "gap"; from: number; to: number }
  | { kind: "reorg"; ancestor: number; dropped: BlockRef[] }
  | { kind: "known" };

export class ReorgTooDeepError extends OmniArbError {
  override readonly name = "ReorgTooDeepError";
}

/**
 * Keeps the last `depth` canonical blocks and classifies each new head by parent-hash. Pure: the
 * caller fetches headers and applies or undoes state; this only remembers hashes.
 */
export class BlockTracker {
  private readonly chain: BlockRef[] = [];

  constructor(private readonly depth: number = 64) {}

  get tip(): BlockRef | undefined {
    return this.chain[this.chain.length - 1];
  }

  /** The hash we hold for `number`, if it is still in the window. */
  hashAt(number: number): string | undefined {
    const tip = this.tip;
    if (!tip) return undefined;
    const i = this.chain.length - 1 - (tip.number - number);
    return i >= 0 && i < this.chain.length ? this.chain[i].hash : undefined;
  }

  /** Classifies `head` against what we hold. Does not change anything. */
  classify(head: BlockRef): HeadChange {
    const tip = this.tip;
    if (!tip) return { kind: "extend", block: head };
    if (this.hashAt(head.number) === head.hash) return { kind: "known" };
    if (head.number === tip.number + 1 && head.parentHash === tip.hash)
      return { kind: "extend", block: head };
    if (head.number > tip.number + 1) return { kind: "gap", from: tip.number + 1, to: head.number };
    // Same height or lower, or a child of something other than our tip: a reorg. The caller walks
    // back with `commonAncestor` using the new chain's hashes.
    return { kind: "reorg", ancestor: -1, dropped: [] };
  }

  /** The blocks held above `number`, highest first (what a rollback to `number` would drop). */
  blocksAbove(number: number): BlockRef[] {
    return this.chain.filter((b) => b.number > number).reverse();
  }

  /** Records a block that extends the tip (after the caller applied it). */
  push(block: BlockRef): void {
    const tip = this.tip;
    if (tip && (block.number !== tip.number + 1 || block.parentHash !== tip.hash)) {
      throw new OmniArbError("BLOCK_NOT_CHILD", "block does not extend the tracked tip", {
        details: { tip: tip.number, block: block.number },
      });
    }
    this.chain.push(block);
    if (this.chain.length > this.depth) this.chain.shift();
  }

  /**
   * Given the new chain's hash at each height (looked up by the caller), finds the highest block
   * we hold that the new chain also has, and drops everything above it. Returns the ancestor and
   * the dropped blocks, highest first (the order in which their state must be undone).
   */
  rollbackTo(newChainHashAt: (number: number) => string | undefined): {
    ancestor: number;
    dropped: BlockRef[];
  } {
    const dropped: BlockRef[] = [];
    while (this.chain.length > 0) {
      const b = this.chain[this.chain.length - 1];
      if (newChainHashAt(b.number) === b.hash) return { ancestor: b.number, dropped };
      dropped.push(b);
      this.chain.pop();
    }
    throw new ReorgTooDeepError(
      "REORG_TOO_DEEP",
      "reorg deeper than the tracked window: resync from scratch",
      {
        details: { depth: this.depth, dropped: dropped.length },
      },
    );
  }
}
