import { UniswapV2Pool } from "../../venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../venues/uniswap-v3/pool";
import { constantProductCurve, type FloatCurve } from "../../venues/floatCurve";
import type { Hop } from "./hop";
import { V3Curve } from "../../venues/uniswap-v3/curve";

/**
 * The float curve of a hop, from the model's own state, or undefined for a pool kind without
 * one (the sizer then falls back to an exact search on quotes alone).
 */
export function hopCurve(hop: Hop): FloatCurve | undefined {
  const pool = hop.pool;
  if (pool instanceof UniswapV2Pool) {
    const [rIn, rOut] = hop.zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
    return constantProductCurve(Number(rIn), Number(rOut), (10_000 - pool.feeBps) / 10_000);
  }
  if (pool instanceof UniswapV3Pool) return new V3Curve(pool, hop.zeroForOne);
  return undefined;
}
