import type { ChainRpc } from "../chain/chainRpc";
import { venueOf } from "../venues/registry";
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from "../venues/common/syncLimits";
import type { PoolDescriptor, ReadContext } from "../venues/common/venue";
import type { PoolStore } from "./poolStore";

export interface SyncResult {
  readonly loaded: number;
  /** Pools whose state could not be read (no code, not a pool, not initialised): left out of the store. */
  readonly unreadable: PoolDescriptor[];
  /** How the V3-style pools' ticks were found: from Mint logs, or by walking the bitmap. */
  readonly v3Ticks: { readonly fromMintLogs: number; readonly fromBitmap: number };
}

/** What a venue's reader may use of a client. */
export function readContextOf(rpc: ChainRpc, limits: SyncLimits): ReadContext {
  return {
    call: (req) => rpc.call(req),
    logsInRange: (from, to, topics, addresses) => rpc.logsInRange(from, to, topics, addresses),
    limits,
  };
}

/**
 * Reads the state of `pools` at block `blockTag` into `store`: each venue's batched reader
 * (bot/venues/<kind>/reader.ts) reads its own pools, all venues at once, so a batching transport
 * sends few requests.
 */
export async function syncPools(
  rpc: ChainRpc,
  store: PoolStore,
  pools: readonly PoolDescriptor[],
  blockTag: number,
  limits: SyncLimits = DEFAULT_SYNC_LIMITS,
): Promise<SyncResult> {
  const ctx = readContextOf(rpc, limits);
  const byKind = new Map<string, PoolDescriptor[]>();
  for (const p of pools) {
    const list = byKind.get(p.kind);
    if (list) list.push(p);
    else byKind.set(p.kind, [p]);
  }
  const groups = [...byKind];
  const results = await Promise.all(groups.map(([kind, group]) => venueOf(kind).read(ctx, group, blockTag)));
  const unreadable: PoolDescriptor[] = [];
  const counts = new Map<string, number>();
  let loaded = 0;
  groups.forEach(([, group], g) => {
    const r = results[g];
    group.forEach((d, i) => {
      const model = r.models[i];
      if (model === null) unreadable.push(d);
      else {
        store.set(d, model);
        loaded++;
      }
    });
    for (const [k, n] of Object.entries(r.counts ?? {})) counts.set(k, (counts.get(k) ?? 0) + n);
  });
  return {
    loaded,
    unreadable,
    v3Ticks: {
      fromMintLogs: counts.get("v3TicksFromMintLogs") ?? 0,
      fromBitmap: counts.get("v3TicksFromBitmap") ?? 0,
    },
  };
}
