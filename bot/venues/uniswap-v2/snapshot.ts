import { z } from "zod";
import { OmniArbError } from "../../core/errors";
import { addressField, buildOrFail, describeIssue, uintField } from "../common/snapshotFields";
import type { SnapshotCodec } from "../common/venue";
import { MAX_UINT112, UniswapV2Pool } from "./pool";

/** A Uniswap-V2-style pair in a snapshot: its reserves and fee. */
export const v2PoolSchema = z.strictObject({
  kind: z.literal("uniswap-v2"),
  address: addressField,
  token0: addressField,
  token1: addressField,
  reserve0: uintField,
  reserve1: uintField,
  feeBps: z.number().int().min(0).max(9_999),
});

export type V2PoolJson = z.infer<typeof v2PoolSchema>;

export const v2Snapshot: SnapshotCodec<UniswapV2Pool> = {
  parse(raw, fail) {
    const r = v2PoolSchema.safeParse(raw);
    if (!r.success) throw fail(describeIssue(r.error));
    const p = r.data;
    const reserve0 = BigInt(p.reserve0);
    const reserve1 = BigInt(p.reserve1);
    if (reserve0 > MAX_UINT112) throw fail("reserve0: exceeds uint112, the pair's reserve type");
    if (reserve1 > MAX_UINT112) throw fail("reserve1: exceeds uint112, the pair's reserve type");
    return buildOrFail(
      () => new UniswapV2Pool({ ...p, reserve0, reserve1 }),
      fail,
      (e) => e instanceof OmniArbError,
    );
  },
};
