import { z } from "zod";
import { OmniArbError } from "../../core/errors";
import { addressField, buildOrFail, describeIssue, intField, uintField } from "../common/snapshotFields";
import type { SnapshotCodec } from "../common/venue";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
} from "./math/tickMath";
import { UniswapV3Pool } from "./pool";

const MAX_UINT128 = (1n << 128n) - 1n;

export const v3TickSchema = z.strictObject({
  index: z.number().int(),
  liquidityNet: intField,
});

/** A Uniswap-V3-style pool in a snapshot (`kind` is the venue's: uniswap-v3, pancakeswap-v3). */
export function concentratedPoolSchema<K extends string>(kind: K) {
  return z.strictObject({
    kind: z.literal(kind),
    address: addressField,
    token0: addressField,
    token1: addressField,
    fee: z.number().int().min(0).max(999_999),
    tickSpacing: z.number().int().min(1).max(16_383),
    sqrtPriceX96: uintField,
    liquidity: uintField,
    tick: z.number().int(),
    ticks: z.array(v3TickSchema),
  });
}

export const v3PoolSchema = concentratedPoolSchema("uniswap-v3");
export type V3PoolJson = z.infer<typeof v3PoolSchema>;

/**
 * The snapshot codec of a Uniswap-V3-style kind: the schema, then what the chain enforces (price
 * and tick in range and consistent, ticks ascending on the spacing, liquidityNet summing to zero
 * and to the active liquidity at or below the current tick), then the model.
 */
export function concentratedSnapshot(kind: string): SnapshotCodec<UniswapV3Pool> {
  const schema = concentratedPoolSchema(kind);
  return {
    parse(raw, fail) {
      const r = schema.safeParse(raw);
      if (!r.success) throw fail(describeIssue(r.error));
      const p = r.data;
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
        throw fail(
          `liquidity: ${liquidity} differs from the sum of liquidityNet at or below tick (${below})`,
        );
      }
      return buildOrFail(
        () => new UniswapV3Pool({ ...p, sqrtPriceX96, liquidity, ticks }, kind),
        fail,
        (e) => e instanceof OmniArbError,
      );
    },
  };
}
