import type { Address } from "../venues/poolModel";
import type { ChainRpc, LogWithBlock } from "../chain/chainRpc";
import type { PoolDescriptor } from "./poolDescriptor";
import { decodePoolEvent, TOPICS } from "./poolEvents";
import {
  bitmapWordRange,
  readV2Reserves,
  readV3States,
  readV3StatesAtTicks,
  type EthCall,
  type V3PoolState,
} from "./poolStateReader";
import type { PoolStore } from "./poolStore";

export interface SyncLimits {
  /** Pairs per V2 reader call (each costs one `getReserves`, about 5k gas). */
  readonly v2PerCall: number;
  /** Tick-bitmap words per V3StateReader call (about 2.6k gas each, plus 5k per initialised tick). */
  readonly v3WordsPerCall: number;
  /** Listed ticks per V3TickReader call (about 5k gas each, plus 10k per pool). */
  readonly v3TicksPerCall: number;
  /**
   * A V3 pool whose creation block is known (discovery found it) and at most this many blocks old
   * has its ticks found from its `Mint` logs (V3TickReader: one call per minted tick) instead of a
   * walk of its whole tick bitmap (one call per word: 6,932 for tick spacing 1, 116 for 60). The
   * log read is one eth_getLogs per `logSpan` blocks; an old pool's history is long, so it walks
   * the bitmap. 0 always walks the bitmap.
   */
  readonly v3MintLogBlocks: number;
  /** Block span of one eth_getLogs request (providers cap ranges). */
  readonly logSpan: number;
  /** Pool addresses per eth_getLogs request. */
  readonly logAddresses: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  v2PerCall: 500,
  v3WordsPerCall: 2_000,
  v3TicksPerCall: 2_000,
  v3MintLogBlocks: 100_000,
  logSpan: 100_000,
  logAddresses: 500,
};

export interface SyncResult {
  readonly loaded: number;
  /** Pools whose state could not be read (no code, not a pool): left out of the store. */
  readonly unreadable: PoolDescriptor[];
  /** How the V3 pools' ticks were found: from Mint logs, or by walking the bitmap. */
  readonly v3Ticks: { readonly fromMintLogs: number; readonly fromBitmap: number };
}

type V3Descriptor = Extract<PoolDescriptor, { kind: "uniswap-v3" }>;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Packs items of a given weight into groups of at most `max` total weight (an item heavier than
 * `max` gets a group of its own), keeping their order.
 */
function pack<T>(items: readonly T[], weight: (t: T) => number, max: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length > 0 && total + w > max) {
      out.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += w;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Reads the state of `pools` at block `blockTag` into `store` with a handful of deployless
 * `eth_call`s: V2 pairs in groups; V3 pools either at the ticks their Mint logs name (young pools,
 * see SyncLimits.v3MintLogBlocks) or by walking their tick bitmap, split into segments packed into
 * calls of bounded gas. Everything that can go at once does, so a batching transport sends few
 * requests: the V2 reads, the bitmap walks and the Mint logs together, then the listed ticks.
 */
export async function syncPools(
  rpc: ChainRpc,
  store: PoolStore,
  pools: readonly PoolDescriptor[],
  blockTag: number,
  limits: SyncLimits = DEFAULT_SYNC_LIMITS,
): Promise<SyncResult> {
  const call: EthCall = (req) => rpc.call(req);
  const v2 = pools.filter(
    (p): p is Extract<PoolDescriptor, { kind: "uniswap-v2" }> => p.kind === "uniswap-v2",
  );
  const v3 = pools.filter((p): p is V3Descriptor => p.kind === "uniswap-v3");
  const young = v3.filter(
    (p) => p.createdAt !== undefined && blockTag - p.createdAt < limits.v3MintLogBlocks,
  );
  const youngSet = new Set(young);
  const old = v3.filter((p) => !youngSet.has(p));

  const [v2Results, oldStates, youngRead] = await Promise.all([
    Promise.all(
      chunk(v2, limits.v2PerCall).map((c) =>
        readV2Reserves(
          call,
          c.map((p) => p.address),
          blockTag,
        ),
      ),
    ),
    readByBitmap(call, old, blockTag, limits),
    readByMintLogs(rpc, call, young, blockTag, limits),
  ]);
  // A young pool whose logs could not be read, or whose listed ticks do not add up to its
  // liquidity (a log source behind the state), walks the bitmap after all.
  const recheck = young.filter((_, i) => youngRead[i] === undefined);
  const rechecked = await readByBitmap(call, recheck, blockTag, limits);

  const unreadable: PoolDescriptor[] = [];
  let loaded = 0;
  v2Results.flat().forEach((r, i) => {
    if (r === null) unreadable.push(v2[i]);
    else {
      store.setV2(v2[i], r);
      loaded++;
    }
  });
  const setV3 = (d: V3Descriptor, s: V3PoolState | null) => {
    // An uninitialised pool has a zero price: nothing to trade against yet.
    if (s === null || s.sqrtPriceX96 === 0n) unreadable.push(d);
    else {
      store.setV3(d, s);
      loaded++;
    }
  };
  old.forEach((d, i) => setV3(d, oldStates[i]));
  let k = 0;
  young.forEach((d, i) => {
    const r = youngRead[i];
    setV3(d, r === undefined ? rechecked[k++] : r);
  });
  return {
    loaded,
    unreadable,
    v3Ticks: { fromMintLogs: young.length - recheck.length, fromBitmap: old.length + recheck.length },
  };
}

/** Each pool's state by walking its whole tick bitmap, segments merged back per pool. */
async function readByBitmap(
  call: EthCall,
  pools: readonly V3Descriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<(V3PoolState | null)[]> {
  const segments: { pool: number; wordLo: number; wordHi: number }[] = [];
  pools.forEach((p, i) => {
    const { wordLo, wordHi } = bitmapWordRange(p.tickSpacing);
    for (let lo = wordLo; lo <= wordHi; lo += limits.v3WordsPerCall) {
      segments.push({ pool: i, wordLo: lo, wordHi: Math.min(wordHi, lo + limits.v3WordsPerCall - 1) });
    }
  });
  const calls = pack(segments, (s) => s.wordHi - s.wordLo + 1, limits.v3WordsPerCall);
  const results = await Promise.all(
    calls.map((c) =>
      readV3States(
        call,
        c.map((s) => ({
          pool: pools[s.pool].address,
          tickSpacing: pools[s.pool].tickSpacing,
          wordLo: s.wordLo,
          wordHi: s.wordHi,
        })),
        blockTag,
      ),
    ),
  );
  return merge(pools.length, calls, results);
}

/**
 * Each pool's state at the ticks its Mint logs name, from its creation to `blockTag`; undefined
 * for a pool to read by bitmap instead (its logs failed, or its ticks do not account for its
 * liquidity).
 */
async function readByMintLogs(
  rpc: ChainRpc,
  call: EthCall,
  pools: readonly V3Descriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<(V3PoolState | null | undefined)[]> {
  if (pools.length === 0) return [];
  const ticks = await mintedTicks(rpc, pools, blockTag, limits).catch(() => undefined);
  if (ticks === undefined) return pools.map(() => undefined);
  const segments: { pool: number; ticks: number[] }[] = [];
  pools.forEach((p, i) => {
    const list = [...(ticks.get(p.address.toLowerCase()) ?? [])].sort((a, b) => a - b);
    if (list.length === 0) segments.push({ pool: i, ticks: [] });
    for (let at = 0; at < list.length; at += limits.v3TicksPerCall) {
      segments.push({ pool: i, ticks: list.slice(at, at + limits.v3TicksPerCall) });
    }
  });
  const calls = pack(segments, (s) => s.ticks.length, limits.v3TicksPerCall);
  const results = await Promise.all(
    calls.map((c) =>
      readV3StatesAtTicks(
        call,
        c.map((s) => ({ pool: pools[s.pool].address, ticks: s.ticks })),
        blockTag,
      ),
    ),
  );
  return merge(pools.length, calls, results).map((s) =>
    s === null || accountsForLiquidity(s) ? s : undefined,
  );
}

/** Every tickLower / tickUpper each pool's Mint logs name, from its creation to `blockTag`. */
async function mintedTicks(
  rpc: ChainRpc,
  pools: readonly V3Descriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<Map<Address, Set<number>>> {
  const from = pools.reduce((m, p) => Math.min(m, p.createdAt!), Infinity);
  const requests: Promise<LogWithBlock[]>[] = [];
  for (const group of chunk(pools, limits.logAddresses)) {
    const addresses = group.map((p) => p.address);
    for (let lo = from; lo <= blockTag; lo += limits.logSpan) {
      requests.push(
        rpc.logsInRange(lo, Math.min(blockTag, lo + limits.logSpan - 1), [TOPICS.v3Mint], addresses),
      );
    }
  }
  const out = new Map<Address, Set<number>>();
  for (const log of (await Promise.all(requests)).flat()) {
    const e = decodePoolEvent(log);
    if (e?.kind !== "v3-mint") continue;
    let set = out.get(e.pool);
    if (!set) out.set(e.pool, (set = new Set()));
    set.add(e.tickLower).add(e.tickUpper);
  }
  return out;
}

/**
 * Whether a pool's ticks account for its state: liquidityNet sums to zero over all ticks, and over
 * the ticks at or below the current one to the active liquidity. A log source that missed a mint
 * in range fails this; one that missed a position wholly out of range would not, which the exact
 * simulation before every submission still catches.
 */
function accountsForLiquidity(s: V3PoolState): boolean {
  let total = 0n;
  let below = 0n;
  for (const t of s.ticks) {
    total += t.liquidityNet;
    if (t.index <= s.tick) below += t.liquidityNet;
  }
  return total === 0n && below === s.liquidity;
}

/** Merges each pool's segments: the scalars agree (same block), the ticks concatenate in order. */
function merge(
  count: number,
  calls: readonly (readonly { pool: number }[])[],
  results: readonly (readonly (V3PoolState | null)[])[],
): (V3PoolState | null)[] {
  const merged: (V3PoolState | null | undefined)[] = new Array(count);
  calls.forEach((c, k) =>
    c.forEach((s, j) => {
      const r = results[k][j];
      const prev = merged[s.pool];
      if (r === null || prev === null) merged[s.pool] = null;
      else
        merged[s.pool] =
          prev === undefined ? { ...r, ticks: [...r.ticks] } : { ...prev, ticks: prev.ticks.concat(r.ticks) };
    }),
  );
  return merged.map((s) => s ?? null);
}
