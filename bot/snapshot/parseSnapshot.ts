import type { z } from "zod";
import { UniswapV2Pool, MAX_UINT112 } from "../venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../venues/uniswap-v3/pool";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "../venues/uniswap-v3/math/tickMath";
import type { Address, PoolModel } from "../venues/poolModel";
import { OmniArbError, UsageError } from "../core/errors";
import {
  KNOWN_POOL_KINDS,
  snapshotHeaderSchema,
  v2PoolSchema,
  v3PoolSchema,
  type V2PoolJson,
  type V3PoolJson,
} from "./snapshotSchema";

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

const MAX_UINT128 = (1n << 128n) - 1n;

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

/** "field.path: message" for the first issue, the one a person fixes first. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path.replace(/^\./, "") || "(top level)"}: ${issue.message}`;
}

function parsePool(raw: unknown, fail: (msg: string) => UsageError): PoolModel {
  const kind = typeof raw === "object" && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  if (kind === "uniswap-v2") {
    const r = v2PoolSchema.safeParse(raw);
    if (!r.success) throw fail(describeIssue(r.error));
    return buildV2(r.data, fail);
  }
  if (kind === "uniswap-v3") {
    const r = v3PoolSchema.safeParse(raw);
    if (!r.success) throw fail(describeIssue(r.error));
    return buildV3(r.data, fail);
  }
  throw fail(`kind: expected one of ${KNOWN_POOL_KINDS.join(", ")}, got ${JSON.stringify(kind)}`);
}

function buildV2(p: V2PoolJson, fail: (msg: string) => UsageError): PoolModel {
  const reserve0 = BigInt(p.reserve0);
  const reserve1 = BigInt(p.reserve1);
  if (reserve0 > MAX_UINT112) throw fail("reserve0: exceeds uint112, the pair's reserve type");
  if (reserve1 > MAX_UINT112) throw fail("reserve1: exceeds uint112, the pair's reserve type");
  return wrapModelError(() => new UniswapV2Pool({ ...p, reserve0, reserve1 }), fail);
}

function buildV3(p: V3PoolJson, fail: (msg: string) => UsageError): PoolModel {
  const sqrtPriceX96 = BigInt(p.sqrtPriceX96);
  const liquidity = BigInt(p.liquidity);
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw fail("sqrtPriceX96: outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)");
  }
  if (liquidity > MAX_UINT128) throw fail("liquidity: exceeds uint128");
  if (p.tick < MIN_TICK || p.tick > MAX_TICK) throw fail(`tick: outside [${MIN_TICK}, ${MAX_TICK}]`);
  // slot0.tick is the tick of the price, or one below when a downward swap stopped exactly on a tick.
  const priceTick = getTickAtSqrtRatio(sqrtPriceX96);
  const onBoundary = getSqrtRatioAtTick(priceTick) === sqrtPriceX96;
  if (p.tick !== priceTick && !(onBoundary && p.tick === priceTick - 1)) {
    throw fail(`tick: ${p.tick} does not match sqrtPriceX96 (whose tick is ${priceTick})`);
  }
  let below = 0n;
  let sum = 0n;
  let previous = -Infinity;
  const ticks = p.ticks.map((t, j) => {
    if (t.index <= previous) throw fail(`ticks[${j}].index: ticks must be strictly ascending`);
    if (t.index % p.tickSpacing !== 0)
      throw fail(`ticks[${j}].index: not a multiple of tickSpacing ${p.tickSpacing}`);
    if (t.index < MIN_TICK || t.index > MAX_TICK)
      throw fail(`ticks[${j}].index: outside [${MIN_TICK}, ${MAX_TICK}]`);
    previous = t.index;
    const liquidityNet = BigInt(t.liquidityNet);
    sum += liquidityNet;
    if (t.index <= p.tick) below += liquidityNet;
    // liquidityGross only tells the pool the tick is initialised; quotes never read its value.
    const gross = liquidityNet < 0n ? -liquidityNet : liquidityNet;
    return { index: t.index, liquidityNet, liquidityGross: gross === 0n ? 1n : gross };
  });
  if (sum !== 0n) throw fail("ticks: liquidityNet does not sum to 0 (a tick is missing)");
  if (below !== liquidity) {
    throw fail(`liquidity: ${liquidity} differs from the sum of liquidityNet at or below tick (${below})`);
  }
  return wrapModelError(() => new UniswapV3Pool({ ...p, sqrtPriceX96, liquidity, ticks }), fail);
}

/** The models validate too; anything they still refuse is reported against the same pool. */
function wrapModelError(build: () => PoolModel, fail: (msg: string) => UsageError): PoolModel {
  try {
    return build();
  } catch (e) {
    if (e instanceof OmniArbError) throw fail(e.message);
    throw e;
  }
}
