import { PoolRevertError } from "../../common/errors";

const MAX_UINT128 = (1n << 128n) - 1n;

/** LiquidityMath.addDelta: uint128 x plus int128 y, reverting ('LS'/'LA') on under- or overflow. */
export function addDelta(x: bigint, y: bigint): bigint {
  const z = x + y;
  if (z < 0n)
    throw new PoolRevertError("V3_LIQUIDITY_SUB", "LiquidityMath.addDelta: LS", { details: { x, y } });
  if (z > MAX_UINT128)
    throw new PoolRevertError("V3_LIQUIDITY_ADD", "LiquidityMath.addDelta: LA", { details: { x, y } });
  return z;
}
