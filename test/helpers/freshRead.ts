import type { ChainRpc } from "../../bot/chain/chainRpc";
import { syncPools } from "../../bot/state/initialSync";
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from "../../bot/venues/common/syncLimits";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { PoolStore } from "../../bot/state/poolStore";

/** Sync limits that read every V3 pool by walking its whole tick bitmap: no log history needed. */
export const BITMAP_WALK: SyncLimits = { ...DEFAULT_SYNC_LIMITS, v3MintLogBlocks: 0 };

/**
 * A fresh read of `pools` at `block`, to compare a live store with. V3 ticks come from a walk of
 * each pool's whole bitmap, so the reference does not depend on the Mint logs the live store may
 * have been built from. Throws if any pool is unreadable.
 */
export async function freshRead(
  rpc: ChainRpc,
  pools: readonly PoolDescriptor[],
  block: number,
): Promise<PoolStore> {
  const store = new PoolStore();
  const { unreadable, v3Ticks } = await syncPools(rpc, store, pools, block, BITMAP_WALK);
  if (unreadable.length > 0)
    throw new Error(`fresh read: ${unreadable.length} pools unreadable at block ${block}`);
  if (v3Ticks.fromMintLogs !== 0) throw new Error("fresh read: expected a bitmap walk");
  return store;
}
