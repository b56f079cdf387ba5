import { z } from "zod";
import { addressField, uintField } from "../venues/common/snapshotFields";

/**
 * The wire schema of a pool-state snapshot's header (docs/snapshot-format.md): JSON with integers
 * as decimal strings so that no reader loses precision. Each pool entry is validated by its kind's
 * venue (bot/venues/<kind>/snapshot.ts), which also checks what the chain enforces.
 */

export const tokenSchema = z.strictObject({
  address: addressField,
  symbol: z.string().min(1, "expected a non-empty symbol"),
  decimals: z.number().int().min(0).max(255),
});

export const snapshotHeaderSchema = z.object({
  chainId: z.number().int().positive(),
  block: z.union([z.number().int().nonnegative(), uintField]),
  tokens: z.array(tokenSchema),
  pools: z.array(z.unknown()),
});

export type SnapshotToken = z.infer<typeof tokenSchema>;
