import type { Address } from "../core/address";
import { UsageError } from "../core/errors";
import type { PoolModel } from "../venues/common/poolModel";
import { VENUE_KINDS, venueOf } from "../venues/registry";
import { describeIssue } from "../venues/common/snapshotFields";
import { snapshotHeaderSchema } from "./snapshotSchema";

export interface TokenInfo {
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
}

/** A snapshot turned into the engine's own types: lower-case addresses, bigint amounts, models. */
export interface Snapshot {
  readonly chainId: number;
  readonly block: bigint;
  readonly tokens: readonly TokenInfo[];
  readonly pools: readonly PoolModel[];
}

/**
 * Validates a parsed JSON value as a snapshot and builds the pool models. Any problem is a
 * UsageError with a one-line message naming where it is: the pool (index and address) and the
 * field, and what is wrong with it. `source` names the file in messages.
 */
export function parseSnapshot(json: unknown, source = "snapshot"): Snapshot {
  const header = snapshotHeaderSchema.safeParse(json);
  if (!header.success) throw usage(source, describeIssue(header.error));
  const tokens = header.data.tokens.map((t, i) => {
    const address = t.address.toLowerCase();
    return { address, symbol: t.symbol, decimals: t.decimals, index: i };
  });
  const known = new Map<Address, number>();
  for (const t of tokens) {
    if (known.has(t.address)) throw usage(source, `tokens[${t.index}].address: ${t.address} is listed twice`);
    known.set(t.address, t.index);
  }

  const seen = new Set<Address>();
  const pools = header.data.pools.map((raw, i) => {
    const where = poolLabel(raw, i);
    const pool = parsePool(raw, (msg) => usage(source, `${where}: ${msg}`));
    if (seen.has(pool.address)) throw usage(source, `${where}: address: the pool is listed twice`);
    seen.add(pool.address);
    for (const field of ["token0", "token1"] as const) {
      if (!known.has(pool[field])) throw usage(source, `${where}: ${field}: ${pool[field]} is not in tokens`);
    }
    if (pool.token0 === pool.token1) throw usage(source, `${where}: token1: equals token0`);
    return pool;
  });
  return {
    chainId: header.data.chainId,
    block: BigInt(header.data.block),
    tokens: tokens.map(({ address, symbol, decimals }) => ({ address, symbol, decimals })),
    pools,
  };
}

function usage(source: string, message: string): UsageError {
  return new UsageError("SNAPSHOT_INVALID", `${source}: ${message}`);
}

function poolLabel(raw: unknown, i: number): string {
  const a = typeof raw === "object" && raw !== null ? (raw as { address?: unknown }).address : undefined;
  return typeof a === "string" ? `pool ${i} (${a})` : `pool ${i}`;
}

function parsePool(raw: unknown, fail: (msg: string) => UsageError): PoolModel {
  const kind = typeof raw === "object" && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !VENUE_KINDS.includes(kind)) {
    throw fail(`kind: expected one of ${VENUE_KINDS.join(", ")}, got ${JSON.stringify(kind)}`);
  }
  return venueOf(kind).snapshot.parse(raw, fail);
}
