import type { Bundle } from "./bundle";
import type { BundleStats } from "./wire";

/** Lifecycle timestamps of one bundle for its target block. */
interface Entry {
  bundle: Bundle;
  cancelled: boolean;
  simulatedAt?: Date;
  consideredAt?: Date;
  sealedAt?: Date;
  includedInBlock?: bigint;
}

/** How many blocks behind the head a bundle's stats are kept for flashbots_getBundleStatsV2. */
const KEEP_STATS_BLOCKS = 256n;

const key = (bundleHash: string, block: bigint) => `${bundleHash.toLowerCase()}@${block}`;
const uuidKey = (signer: string, uuid: string) => `${signer.toLowerCase()}/${uuid}`;

/**
 * The bundles the relay holds, by target block, and what happened to each. A replacementUuid is
 * scoped to the signer of the request, so nobody can cancel or replace another searcher's bundle.
 */
export class BundlePool {
  private readonly records = new Map<string, Entry>();
  private readonly byUuid = new Map<string, string>();

  constructor(readonly builderPubkey: string) {}

  /** Adds a bundle; one sent with the replacementUuid of a live bundle replaces it. */
  add(bundle: Bundle): { replaced?: string } {
    let replaced: string | undefined;
    if (bundle.replacementUuid !== undefined) {
      const uk = uuidKey(bundle.signer, bundle.replacementUuid);
      const previous = this.byUuid.get(uk);
      if (previous !== undefined) {
        const rec = this.records.get(previous);
        if (rec && rec.sealedAt === undefined) {
          rec.cancelled = true;
          replaced = rec.bundle.bundleHash;
        }
      }
      this.byUuid.set(uk, key(bundle.bundleHash, bundle.blockNumber));
    }
    const k = key(bundle.bundleHash, bundle.blockNumber);
    const existing = this.records.get(k);
    // Re-sending the same bundle for the same block is a no-op apart from un-cancelling it.
    if (existing) existing.cancelled = false;
    else this.records.set(k, { bundle, cancelled: false });
    return { replaced };
  }

  /** Cancels the live bundle sent by `signer` with `uuid`; returns the hashes cancelled. */
  cancel(signer: string, uuid: string): string[] {
    const k = this.byUuid.get(uuidKey(signer, uuid));
    const rec = k === undefined ? undefined : this.records.get(k);
    if (!rec || rec.cancelled || rec.sealedAt !== undefined) return [];
    rec.cancelled = true;
    return [rec.bundle.bundleHash];
  }

  /** Live bundles targeting `block`, in arrival order. */
  forBlock(block: bigint): Bundle[] {
    const out: Bundle[] = [];
    for (const rec of this.records.values()) {
      if (!rec.cancelled && rec.bundle.blockNumber === block) out.push(rec.bundle);
    }
    return out.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }

  markSimulated(b: Bundle, at: Date): void {
    const rec = this.records.get(key(b.bundleHash, b.blockNumber));
    if (rec && rec.simulatedAt === undefined) rec.simulatedAt = at;
  }

  markConsidered(b: Bundle, at: Date): void {
    const rec = this.records.get(key(b.bundleHash, b.blockNumber));
    if (rec && rec.consideredAt === undefined) rec.consideredAt = at;
  }

  markSealed(b: Bundle, block: bigint, at: Date): void {
    const rec = this.records.get(key(b.bundleHash, b.blockNumber));
    if (rec) {
      rec.sealedAt = at;
      rec.includedInBlock = block;
    }
  }

  stats(bundleHash: string, block: bigint): BundleStats {
    const rec = this.records.get(key(bundleHash, block));
    if (!rec) return { known: false, builderPubkey: this.builderPubkey };
    return {
      known: true,
      receivedAt: rec.bundle.receivedAt,
      simulatedAt: rec.simulatedAt,
      consideredAt: rec.consideredAt,
      sealedAt: rec.sealedAt,
      includedInBlock: rec.includedInBlock,
      builderPubkey: this.builderPubkey,
    };
  }

  /** Forgets bundles whose target block is long past. */
  prune(head: bigint): void {
    for (const [k, rec] of this.records) {
      if (rec.bundle.blockNumber + KEEP_STATS_BLOCKS < head) this.records.delete(k);
    }
    for (const [uk, k] of this.byUuid) if (!this.records.has(k)) this.byUuid.delete(uk);
  }
}
