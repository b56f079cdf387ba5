import type { ChainRpc } from "../chain/chainRpc";
import type { PoolDescriptor } from "./poolDescriptor";
import {
  bitmapWordRange,
  readV2Reserves,
  readV3States,
  type V3PoolState,
  type V3ReadRequest,
} from "./poolStateReader";
import type { PoolStore } from "./poolStore";

export interface SyncLimits {
  /** Pairs per V2 reader call (each costs one `getReserves`, about 5k gas). */
  readonly v2PerCall: number;
  /** Tick-bitmap words per V3 reader call (about 2.6k gas each, plus 5k per initialised tick). */
  readonly v3WordsPerCall: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = { v2PerCall: 500, v3WordsPerCall: 2_000 };

export interface SyncResult {
  readonly loaded: number;
  /** Pools whose state could not be read (no code, not a pool): left out of the store. */
  readonly unreadable: PoolDescriptor[];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads the state of `pools` at block `blockTag` into `store` with a handful of deployless
 * `eth_call`s: V2 pairs in groups, V3 pools split into bitmap-word segments packed into calls of
 * bounded gas. All calls are issued at once so a batching transport sends them together.
 */
export async function syncPools(
  rpc: ChainRpc,
  store: PoolStore,
  pools: readonly PoolDescriptor[],
  blockTag: number,
  limits: SyncLimits = DEFAULT_SYNC_LIMITS,
): Promise<SyncResult> {
  const call = (req: { data: string; blockTag?: string | number }) => rpc.call(req);
  const v2 = pools.filter(
    (p): p is Extract<PoolDescriptor, { kind: "uniswap-v2" }> => p.kind === "uniswap-v2",
  );
  const v3 = pools.filter(
    (p): p is Extract<PoolDescriptor, { kind: "uniswap-v3" }> => p.kind === "uniswap-v3",
  );

  // V3: one request segment per (pool, word range), segments packed into calls by word count.
  const segments: { pool: number; req: V3ReadRequest; words: number }[] = [];
  v3.forEach((p, i) => {
    const { wordLo, wordHi } = bitmapWordRange(p.tickSpacing);
    for (let lo = wordLo; lo <= wordHi; lo += limits.v3WordsPerCall) {
      const hi = Math.min(wordHi, lo + limits.v3WordsPerCall - 1);
      segments.push({
        pool: i,
        req: { pool: p.address, tickSpacing: p.tickSpacing, wordLo: lo, wordHi: hi },
        words: hi - lo + 1,
      });
    }
  });
  const v3Calls: (typeof segments)[] = [];
  let current: typeof segments = [];
  let words = 0;
  for (const s of segments) {
    if (current.length > 0 && words + s.words > limits.v3WordsPerCall) {
      v3Calls.push(current);
      current = [];
      words = 0;
    }
    current.push(s);
    words += s.words;
  }
  if (current.length > 0) v3Calls.push(current);

  const [v2Results, v3Results] = await Promise.all([
    Promise.all(
      chunk(v2, limits.v2PerCall).map((c) =>
        readV2Reserves(
          call,
          c.map((p) => p.address),
          blockTag,
        ),
      ),
    ),
    Promise.all(
      v3Calls.map((c) =>
        readV3States(
          call,
          c.map((s) => s.req),
          blockTag,
        ),
      ),
    ),
  ]);

  const unreadable: PoolDescriptor[] = [];
  let loaded = 0;
  v2Results.flat().forEach((r, i) => {
    if (r === null) unreadable.push(v2[i]);
    else {
      store.setV2(v2[i], r);
      loaded++;
    }
  });

  // Merge each V3 pool's segments: the scalars agree (same block), the ticks concatenate.
  const merged: (V3PoolState | null | undefined)[] = new Array(v3.length);
  v3Calls.forEach((c, k) =>
    c.forEach((s, j) => {
      const r = v3Results[k][j];
      const prev = merged[s.pool];
      // An uninitialised pool has a zero price: nothing to trade against yet.
      if (r === null || r.sqrtPriceX96 === 0n || prev === null) merged[s.pool] = null;
      else
        merged[s.pool] =
          prev === undefined ? { ...r, ticks: [...r.ticks] } : { ...prev, ticks: prev.ticks.concat(r.ticks) };
    }),
  );
  merged.forEach((s, i) => {
    if (!s) unreadable.push(v3[i]);
    else {
      store.setV3(v3[i], s);
      loaded++;
    }
  });
  return { loaded, unreadable };
}
