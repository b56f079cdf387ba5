import type { ChainRpc } from "../chain/chainRpc";
import { DEFAULT_LOG_RANGE, logsOverRange } from "../chain/logsOverRange";
import type { Address } from "../core/address";
import type { PoolDescriptor } from "../venues/common/venue";
import type { FactoryIndex } from "./factoryIndex";

export interface DiscoveryOptions {
  readonly fromBlock: number;
  readonly toBlock: number;
  /** Block span of one eth_getLogs request (providers cap ranges; one refused as too large is split). */
  readonly span: number;
  /** eth_getLogs requests in flight at once (default DEFAULT_LOG_RANGE.concurrency). */
  readonly concurrency?: number;
}

/**
 * Every pool the factories created, from their creation logs (requests of `span` blocks, a few in
 * flight at once: bot/chain/logsOverRange.ts), each log turned into a descriptor by its factory's
 * venue (FactoryIndex), tokens filtered. Liquidity filters need state, so they apply after the
 * initial sync.
 */
export async function discoverPools(
  rpc: ChainRpc,
  factories: FactoryIndex,
  options: DiscoveryOptions,
): Promise<PoolDescriptor[]> {
  if (factories.size === 0) return [];
  const logs = await logsOverRange(
    rpc,
    options.fromBlock,
    options.toBlock,
    factories.topics,
    factories.addresses,
    {
      span: options.span,
      concurrency: options.concurrency ?? DEFAULT_LOG_RANGE.concurrency,
    },
  );
  const out: PoolDescriptor[] = [];
  const seen = new Set<Address>();
  for (const log of logs) {
    const d = factories.describe(log);
    if (d === undefined || seen.has(d.address)) continue;
    seen.add(d.address);
    out.push(d);
  }
  return out;
}
