import type { BlockRef } from "../chain/blockTracker";
import { BlockTracker, ReorgTooDeepError } from "../chain/blockTracker";
import type { BlockHeader, ChainRpc } from "../chain/chainRpc";
import type { LogWithBlock } from "../chain/log";
import { OmniArbError } from "../core/errors";
import type { Address } from "../core/address";
import type { PoolModel } from "../venues/common/poolModel";
import { stateTopics, venueOf } from "../venues/registry";
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from "../venues/common/syncLimits";
import type { PoolDescriptor } from "../venues/common/venue";
import type { FactoryIndex } from "./factoryIndex";
import { syncPools, type SyncResult } from "./initialSync";
import { PoolStore } from "./poolStore";

/**
 * Decides from their freshly read state which pools are not worth watching (e.g. below a minimum
 * liquidity). Applied once per pool, when it is first read: at start and when discovered live.
 */
export interface PoolAdmission {
  /** Of `candidates`, the pools to leave out; `watched` are those already watched (e.g. for prices). */
  rejects(candidates: readonly PoolModel[], watched: readonly PoolModel[]): ReadonlySet<Address>;
}

/** What one call to `advance` did. */
export interface Advance {
  /** Blocks applied, oldest first (several after a gap or a reorg). */
  readonly applied: BlockHeader[];
  /** Pools whose state changed: re-evaluate their cycles. */
  readonly changed: Set<Address>;
  /** Pools added by discovery. */
  readonly added: PoolDescriptor[];
  /** Set when blocks we had applied were orphaned. */
  readonly reorg?: { ancestor: number; dropped: BlockRef[] };
}

export class StateSyncError extends OmniArbError {
  override readonly name = "StateSyncError";
}

/**
 * Keeps a PoolStore exactly equal to the canonical chain, block by block, from logs alone:
 * apply each new block's pool logs in order; after missed blocks, fetch and apply them first;
 * on a reorg, re-read the pools the orphaned blocks touched at the common ancestor, then apply
 * the new branch. Nothing is decided until `advance` returns, so no decision sees orphaned state.
 */
export class StateSync {
  readonly store = new PoolStore();
  private readonly tracker: BlockTracker;
  /** Pools touched by each block in the tracker's window, for reorg repair. */
  private readonly touched = new Map<number, Set<Address>>();
  private readonly topics: string[];
  /** Pools the admission rule left out, and pools that could not be read: watched for a comeback. */
  private readonly left = new Map<Address, PoolDescriptor>();
  private readonly unread = new Map<Address, PoolDescriptor>();

  constructor(
    private readonly rpc: ChainRpc,
    private readonly options: {
      depth?: number;
      limits?: SyncLimits;
      /** The configured factories: pools they create while the keeper runs are read and watched. */
      discovery?: FactoryIndex;
      /** Which freshly read pools to leave out (default: none). */
      admission?: PoolAdmission;
    } = {},
  ) {
    this.tracker = new BlockTracker(options.depth ?? 64);
    this.topics = options.discovery ? [...stateTopics(), ...options.discovery.topics] : stateTopics();
  }

  get tip(): BlockRef | undefined {
    return this.tracker.tip;
  }

  /**
   * Pools the admission rule left out (at start, when discovered, or when they came back) and that
   * have not been admitted since, in the order they were left out.
   */
  get leftOut(): PoolDescriptor[] {
    return [...this.left.values()];
  }

  /**
   * Reads every pool at the current head (or `at`), leaves out those the admission rule rejects,
   * and starts following the chain from there.
   */
  async start(
    pools: readonly PoolDescriptor[],
    at?: BlockHeader,
  ): Promise<{
    head: BlockHeader;
    unreadable: PoolDescriptor[];
    leftOut: PoolDescriptor[];
    v3Ticks: SyncResult["v3Ticks"];
  }> {
    const head = at ?? (await this.rpc.headerByNumber("latest"));
    const { unreadable, v3Ticks } = await syncPools(this.rpc, this.store, pools, head.number, this.limits);
    for (const u of unreadable) this.unread.set(u.address, u);
    const leftOut = this.admit(this.store, []);
    this.tracker.push(head);
    return { head, unreadable, leftOut, v3Ticks };
  }

  /** Removes from `store` the pools the admission rule rejects, and remembers them. */
  private admit(store: PoolStore, watched: readonly PoolModel[]): PoolDescriptor[] {
    const rule = this.options.admission;
    if (!rule || store.size === 0) return [];
    const rejected = rule.rejects([...store.all()], watched);
    const out: PoolDescriptor[] = [];
    for (const a of rejected) {
      const d = store.descriptor(a);
      if (!d) continue;
      store.remove(a);
      out.push(d);
    }
    for (const d of out) this.left.set(d.address, d);
    return out;
  }

  private get limits(): SyncLimits {
    return this.options.limits ?? DEFAULT_SYNC_LIMITS;
  }

  /**
   * Brings the state to `head` (a header from a head stream, or the latest block when polling).
   * Idempotent for a head already applied.
   */
  async advance(head: BlockRef): Promise<Advance> {
    const tip = this.tracker.tip;
    if (!tip) throw new StateSyncError("SYNC_NOT_STARTED", "advance() before start()");
    const result: Advance = { applied: [], changed: new Set(), added: [] };
    if (this.tracker.hashAt(head.number) === head.hash) return result;

    // Walk back from the head through parent hashes until we reach a block we hold: the blocks
    // walked are the new branch, and the block reached is the common ancestor.
    const branch: BlockHeader[] = [];
    let cur = await this.header(head.hash);
    branch.push(cur);
    while (this.tracker.hashAt(cur.number - 1) !== cur.parentHash) {
      if (cur.number - 1 < tip.number - this.depth() + 1 || cur.number <= 0) {
        throw new ReorgTooDeepError(
          "REORG_TOO_DEEP",
          "the new chain shares no block with the tracked window: resync",
          {
            details: { head: head.number, tip: tip.number },
          },
        );
      }
      cur = await this.header(cur.parentHash);
      branch.unshift(cur);
    }
    const ancestor = cur.number - 1;

    let reorg: Advance["reorg"];
    if (ancestor < tip.number) {
      const orphaned = this.tracker.blocksAbove(ancestor);
      const stale = new Set<Address>();
      for (const b of orphaned) for (const a of this.touched.get(b.number) ?? []) stale.add(a);
      // Logs are deltas (Mint/Burn) as well as levels: undoing them is re-reading the pools the
      // orphaned blocks touched, at the ancestor both chains share. Read first, change after, so
      // a failed read leaves everything as it was.
      const repaired = new PoolStore();
      const descriptors = [...stale]
        .map((a) => this.store.descriptor(a))
        .filter((d): d is PoolDescriptor => !!d);
      await syncPools(this.rpc, repaired, descriptors, ancestor, this.limits);
      const newHashes = new Map(branch.map((b) => [b.number, b.hash]));
      const { dropped } = this.tracker.rollbackTo((n) =>
        n <= ancestor ? this.tracker.hashAt(n) : newHashes.get(n),
      );
      for (const b of dropped) this.touched.delete(b.number);
      this.store.adopt(repaired);
      for (const a of stale) result.changed.add(a);
      reorg = { ancestor, dropped };
    }

    for (const block of branch) await this.applyBlock(block, result);
    return reorg ? { ...result, reorg } : result;
  }

  private depth(): number {
    return this.options.depth ?? 64;
  }

  private async header(hash: string): Promise<BlockHeader> {
    const h = await this.rpc.headerByHash(hash);
    if (!h)
      throw new StateSyncError("SYNC_BLOCK_GONE", "a block announced by the node is no longer known to it", {
        details: { hash },
      });
    return h;
  }

  private async applyBlock(block: BlockHeader, result: Advance): Promise<void> {
    // Everything that can fail (reads) happens before anything changes, so a failed block leaves
    // the store and the tracker as they were and the next head simply tries again.
    const logs = (await this.rpc.logsOfBlock(block.hash, this.topics)).filter((l) => !l.removed);
    logs.sort((a, b) => a.logIndex - b.logIndex);
    const created: PoolDescriptor[] = [];
    const discovery = this.options.discovery;
    if (discovery) {
      for (const log of logs) {
        const d = discovery.describe(log);
        if (d !== undefined && !this.store.has(d.address)) created.push(d);
      }
    }
    const revisited = await this.revisit(logs, block.number);
    const discovered = await this.discover(created, block.number);

    const touched = new Set<Address>();
    for (const log of logs) {
      const changed = this.store.apply(log);
      if (changed) touched.add(changed);
    }
    // Read at the end of this block, the new pools already include its logs.
    this.store.adopt(discovered.store);
    for (const d of discovered.added) touched.add(d.address);
    this.store.adopt(revisited);
    for (const pool of revisited.all()) {
      const d = revisited.descriptor(pool.address)!;
      this.left.delete(d.address);
      this.unread.delete(d.address);
      touched.add(d.address);
      discovered.added.push(d);
    }
    this.tracker.push(block);
    this.touched.set(block.number, touched);
    this.touched.delete(block.number - this.depth());
    for (const a of touched) result.changed.add(a);
    result.applied.push(block);
    result.added.push(...discovered.added);
  }

  /** New pools from watched factories, read at the block that created them (so later logs apply). */
  private async discover(
    wanted: PoolDescriptor[],
    blockNumber: number,
  ): Promise<{ store: PoolStore; added: PoolDescriptor[] }> {
    const store = new PoolStore();
    if (wanted.length === 0) return { store, added: [] };
    // A pool created and initialised in the same block reads fine at that block; one created but
    // not yet initialised (V3 price 0) is unreadable, and one the admission rule rejects (too thin
    // at creation) is left out: both are watched for a comeback (revisit).
    const { unreadable } = await syncPools(this.rpc, store, wanted, blockNumber, this.limits);
    for (const u of unreadable) this.unread.set(u.address, u);
    this.admit(store, [...this.store.all()]);
    return { store, added: wanted.filter((w) => store.has(w.address)) };
  }

  /**
   * Pools left out or unreadable that this block's logs show alive again, read at the end of the
   * block and admitted if the rule now takes them. Each pool's venue makes a model from the block's
   * logs alone (Venue.fromEvents): complete for a V2 pair (its last Sync is its whole state), so it
   * costs no request; a probe for a V3 pool (its last Swap's price and active liquidity, what the
   * liquidity rule looks at), read in full only when the probe passes. Mints and burns alone do not
   * bring a pool back: its next swap does.
   */
  private async revisit(logs: readonly LogWithBlock[], blockNumber: number): Promise<PoolStore> {
    const store = new PoolStore();
    if (this.left.size === 0 && this.unread.size === 0) return store;
    const eventsOf = new Map<Address, unknown[]>();
    for (const log of logs) {
      const address = log.address.toLowerCase();
      const d = this.left.get(address) ?? this.unread.get(address);
      if (d === undefined) continue;
      const e = venueOf(d.kind).decode(log);
      if (e === undefined) continue;
      const list = eventsOf.get(address);
      if (list) list.push(e);
      else eventsOf.set(address, [e]);
    }
    const probe = new PoolStore();
    const complete = new Set<Address>();
    for (const [address, events] of eventsOf) {
      const d = this.left.get(address) ?? this.unread.get(address)!;
      const made = venueOf(d.kind).fromEvents(d, events);
      if (made === undefined) continue;
      probe.set(d, made.model);
      if (made.complete) complete.add(address);
    }
    if (probe.size === 0) return store;
    const rule = this.options.admission;
    const rejected = rule ? rule.rejects([...probe.all()], [...this.store.all()]) : new Set<Address>();
    const toRead: PoolDescriptor[] = [];
    for (const pool of probe.all()) {
      const d = probe.descriptor(pool.address)!;
      if (rejected.has(d.address)) continue;
      if (complete.has(d.address)) store.set(d, pool);
      else toRead.push(d);
    }
    // Still unreadable (e.g. a failed read) stays dormant until its next swap.
    if (toRead.length > 0) {
      await syncPools(this.rpc, store, toRead, blockNumber, this.limits);
      // Judged again on the full read: a mint or burn after the swap may have moved the liquidity.
      this.admit(store, [...this.store.all()]);
    }
    return store;
  }
}
