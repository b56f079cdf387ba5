import type { BlockRef } from "../chain/blockTracker";
import { BlockTracker, ReorgTooDeepError } from "../chain/blockTracker";
import type { BlockHeader, ChainRpc } from "../chain/chainRpc";
import { OmniArbError } from "../core/errors";
import type { Address } from "../venues/poolModel";
import { syncPools, DEFAULT_SYNC_LIMITS, type SyncLimits, type SyncResult } from "./initialSync";
import type { PoolDescriptor } from "./poolDescriptor";
import { decodePoolEvent, POOL_STATE_TOPICS, TOPICS, type PoolEvent } from "./poolEvents";
import { PoolStore, type LivePool } from "./poolStore";
import type { V2Reserves } from "./poolStateReader";

/** Decides whether a newly created pool is watched, and how it charges. */
export interface Discovery {
  /** V2 factories by lower-case address: venue name and fee. */
  readonly v2Factories: ReadonlyMap<Address, { venue: string; feeBps: number }>;
  /** V3 factories by lower-case address: venue name. */
  readonly v3Factories: ReadonlyMap<Address, { venue: string }>;
  /** Token filter (allow lists, deny lists). */
  accept(token0: Address, token1: Address): boolean;
}

/**
 * Decides from their freshly read state which pools are not worth watching (e.g. below a minimum
 * liquidity). Applied once per pool, when it is first read: at start and when discovered live.
 */
export interface PoolAdmission {
  /** Of `candidates`, the pools to leave out; `watched` are those already watched (e.g. for prices). */
  rejects(candidates: readonly LivePool[], watched: readonly LivePool[]): ReadonlySet<Address>;
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
      discovery?: Discovery;
      /** Which freshly read pools to leave out (default: none). */
      admission?: PoolAdmission;
    } = {},
  ) {
    this.tracker = new BlockTracker(options.depth ?? 64);
    this.topics = options.discovery
      ? [...POOL_STATE_TOPICS, TOPICS.v2PairCreated, TOPICS.v3PoolCreated]
      : [...POOL_STATE_TOPICS];
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
  private admit(store: PoolStore, watched: readonly LivePool[]): PoolDescriptor[] {
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
    const logs = await this.rpc.logsOfBlock(block.hash, this.topics);
    logs.sort((a, b) => a.logIndex - b.logIndex);
    const events: PoolEvent[] = [];
    const created: PoolEvent[] = [];
    for (const log of logs) {
      if (log.removed) continue;
      const e = decodePoolEvent(log);
      if (!e) continue;
      if (e.kind === "v2-pair-created" || e.kind === "v3-pool-created") created.push(e);
      else events.push(e);
    }
    const revisited = await this.revisit(events, block.number);
    const discovered = await this.discover(created, block.number);

    const touched = new Set<Address>();
    for (const e of events) {
      const changed = this.store.apply(e);
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
    created: PoolEvent[],
    blockNumber: number,
  ): Promise<{ store: PoolStore; added: PoolDescriptor[] }> {
    const store = new PoolStore();
    const d = this.options.discovery;
    if (!d || created.length === 0) return { store, added: [] };
    const wanted: PoolDescriptor[] = [];
    for (const e of created) {
      if (e.kind === "v2-pair-created") {
        const f = d.v2Factories.get(e.factory);
        if (f && d.accept(e.token0, e.token1) && !this.store.has(e.pool)) {
          wanted.push({
            kind: "uniswap-v2",
            address: e.pool,
            token0: e.token0,
            token1: e.token1,
            feeBps: f.feeBps,
            venue: f.venue,
          });
        }
      } else if (e.kind === "v3-pool-created") {
        const f = d.v3Factories.get(e.factory);
        if (f && d.accept(e.token0, e.token1) && !this.store.has(e.pool)) {
          wanted.push({
            kind: "uniswap-v3",
            address: e.pool,
            token0: e.token0,
            token1: e.token1,
            fee: e.fee,
            tickSpacing: e.tickSpacing,
            venue: f.venue,
            createdAt: blockNumber,
          });
        }
      }
    }
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
   * block and admitted if the rule now takes them. A V2 pair's last Sync is its whole state, so it
   * costs no request; a V3 pool is judged first on its last Swap's price and active liquidity (what
   * the liquidity rule looks at) and read in full only when that passes. Mints and burns alone do
   * not bring a pool back: its next swap does.
   */
  private async revisit(events: readonly PoolEvent[], blockNumber: number): Promise<PoolStore> {
    const store = new PoolStore();
    if (this.left.size === 0 && this.unread.size === 0) return store;
    const dormant = (a: Address) => this.left.get(a) ?? this.unread.get(a);
    const probe = new PoolStore();
    const lastSync = new Map<Address, V2Reserves>();
    for (const e of events) {
      if (e.kind !== "v2-sync" && e.kind !== "v3-swap") continue;
      const d = dormant(e.pool);
      if (d?.kind === "uniswap-v2" && e.kind === "v2-sync") {
        probe.setV2(d, e);
        lastSync.set(e.pool, e);
      } else if (d?.kind === "uniswap-v3" && e.kind === "v3-swap") probe.setV3(d, { ...e, ticks: [] });
    }
    if (probe.size === 0) return store;
    const rule = this.options.admission;
    const rejected = rule ? rule.rejects([...probe.all()], [...this.store.all()]) : new Set<Address>();
    const v3: PoolDescriptor[] = [];
    for (const pool of probe.all()) {
      const d = probe.descriptor(pool.address)!;
      if (rejected.has(d.address)) continue;
      if (d.kind === "uniswap-v2") store.setV2(d, lastSync.get(d.address)!);
      else v3.push(d);
    }
    // Still unreadable (e.g. a failed read) stays dormant until its next swap.
    if (v3.length > 0) {
      await syncPools(this.rpc, store, v3, blockNumber, this.limits);
      // Judged again on the full read: a mint or burn after the swap may have moved the liquidity.
      this.admit(store, [...this.store.all()]);
    }
    return store;
  }
}
