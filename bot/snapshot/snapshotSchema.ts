import { z } from "zod";

/**
 * The wire schema of a pool-state snapshot (docs/snapshot-format.md): JSON with integers as
 * decimal strings so that no reader loses precision. Structure only; the semantic checks (ranges
 * the chain enforces, consistency of V3 ticks and liquidity) live in parseSnapshot.
 */

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 20-byte 0x-hex address");
const uint = z.string().regex(/^(0|[1-9][0-9]*)$/, "expected a non-negative integer as a decimal string");
const int = z.string().regex(/^(0|-?[1-9][0-9]*)$/, "expected an integer as a decimal string");

export const tokenSchema = z.strictObject({
  address,
  symbol: z.string().min(1, "expected a non-empty symbol"),
  decimals: z.number().int().min(0).max(255),
});

export const v2PoolSchema = z.strictObject({
  kind: z.literal("uniswap-v2"),
  address,
  token0: address,
  token1: address,
  reserve0: uint,
  reserve1: uint,
  feeBps: z.number().int().min(0).max(9_999),
});

export const v3TickSchema = z.strictObject({
  index: z.number().int(),
  liquidityNet: int,
});

export const v3PoolSchema = z.strictObject({
  kind: z.literal("uniswap-v3"),
  address,
  token0: address,
  token1: address,
  fee: z.number().int().min(0).max(999_999),
  tickSpacing: z.number().int().min(1).max(16_383),
  sqrtPriceX96: uint,
  liquidity: uint,
  tick: z.number().int(),
  ticks: z.array(v3TickSchema),
});

export const KNOWN_POOL_KINDS = ["uniswap-v2", "uniswap-v3"] as const;

export const snapshotHeaderSchema = z.object({
  chainId: z.number().int().positive(),
  block: z.union([z.number().int().nonnegative(), uint]),
  tokens: z.array(tokenSchema),
  pools: z.array(z.unknown()),
});

export type SnapshotToken = z.infer<typeof tokenSchema>;
export type V2PoolJson = z.infer<typeof v2PoolSchema>;
export type V3PoolJson = z.infer<typeof v3PoolSchema>;
