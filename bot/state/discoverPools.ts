import type { Address } from "../venues/poolModel";
import type { ChainRpc } from "../chain/chainRpc";
import { DEFAULT_LOG_RANGE, logsOverRange } from "../chain/logsOverRange";
import type { PoolDescriptor } from "./poolDescriptor";
import { decodePoolEvent, TOPICS } from "./poolEvents";

export interface VenueFactory {
  readonly venue: string;
  readonly factory: Address;
  readonly kind: "uniswap-v2" | "uniswap-v3";
  /** V2 fee in basis points (V3 fees come from each PoolCreated log). */
  readonly feeBps?: number;
}

export interface DiscoveryOptions {
  readonly fromBlock: number;
  readonly toBlock: number;
  /** Block span of one eth_getLogs request (providers cap ranges; one refused as too large is split). */
  readonly span: number;
  /** eth_getLogs requests in flight at once (default DEFAULT_LOG_RANGE.concurrency). */
  readonly concurrency?: number;
  /** Keep a pool only when both its tokens pass. */
  accept(token0: Address, token1: Address): boolean;
}

/**
 * Every pool the venues' factories created, from their PairCreated / PoolCreated logs (requests of
 * `span` blocks, a few in flight at once: bot/chain/logsOverRange.ts), filtered by token.
 * Liquidity filters need state, so they apply after the initial sync.
 */
export async function discoverPools(
  rpc: ChainRpc,
  venues: readonly VenueFactory[],
  options: DiscoveryOptions,
): Promise<PoolDescriptor[]> {
  const byFactory = new Map(venues.map((v) => [v.factory, v]));
  const logs = await logsOverRange(
    rpc,
    options.fromBlock,
    options.toBlock,
    [TOPICS.v2PairCreated, TOPICS.v3PoolCreated],
    venues.map((v) => v.factory),
    { span: options.span, concurrency: options.concurrency ?? DEFAULT_LOG_RANGE.concurrency },
  );
  const out: PoolDescriptor[] = [];
  const seen = new Set<Address>();
  for (const log of logs) {
    const e = decodePoolEvent(log);
    if (!e || seen.has(e.kind === "v2-pair-created" || e.kind === "v3-pool-created" ? e.pool : "")) continue;
    if (e.kind === "v2-pair-created") {
      const v = byFactory.get(e.factory);
      if (!v || v.kind !== "uniswap-v2" || !options.accept(e.token0, e.token1)) continue;
      seen.add(e.pool);
      out.push({
        kind: "uniswap-v2",
        address: e.pool,
        token0: e.token0,
        token1: e.token1,
        feeBps: v.feeBps ?? 30,
        venue: v.venue,
      });
    } else if (e.kind === "v3-pool-created") {
      const v = byFactory.get(e.factory);
      if (!v || v.kind !== "uniswap-v3" || !options.accept(e.token0, e.token1)) continue;
      seen.add(e.pool);
      out.push({
        kind: "uniswap-v3",
        address: e.pool,
        token0: e.token0,
        token1: e.token1,
        fee: e.fee,
        tickSpacing: e.tickSpacing,
        venue: v.venue,
        createdAt: log.blockNumber,
      });
    }
  }
  return out;
}
