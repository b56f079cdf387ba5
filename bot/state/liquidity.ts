import type { Address } from "../venues/poolModel";
import { UniswapV2Pool } from "../venues/uniswap-v2/pool";
import type { Prices } from "../decide/risk/prices";
import type { LivePool } from "./poolStore";

const Q96 = 1n << 96n;

/**
 * The token amounts a pool offers around its current price, in raw units: a V2 pair's reserves; for
 * V3, the virtual reserves of the active liquidity L at the current price (L / sqrtP of token0,
 * L * sqrtP of token1), i.e. the reserves of a V2 pair with the same depth at this price. Liquidity
 * outside the current range does not count: it is not what the next trade meets.
 */
export function depthAtPrice(pool: LivePool): { amount0: bigint; amount1: bigint } {
  if (pool instanceof UniswapV2Pool) return { amount0: pool.reserve0, amount1: pool.reserve1 };
  if (pool.sqrtPriceX96 === 0n) return { amount0: 0n, amount1: 0n };
  return {
    amount0: (pool.liquidity * Q96) / pool.sqrtPriceX96,
    amount1: (pool.liquidity * pool.sqrtPriceX96) / Q96,
  };
}

/**
 * A pool's liquidity in USD (18 decimals): twice the smaller of the USD values of its two sides
 * (depthAtPrice). At the pool's own price both sides are worth the same, so this is its total value
 * when the pool agrees with the market, and no more than twice its poorer side when it does not (a
 * dislocated thin pool is not made deep by one inflated side). With one token unpriced, twice the
 * priced side; undefined when neither token has a price.
 */
export function poolLiquidityUsd(pool: LivePool, prices: Prices): bigint | undefined {
  const { amount0, amount1 } = depthAtPrice(pool);
  const v0 = prices.usdValue(pool.token0, amount0);
  const v1 = prices.usdValue(pool.token1, amount1);
  if (v0 === undefined) return v1 === undefined ? undefined : 2n * v1;
  if (v1 === undefined) return 2n * v0;
  return 2n * (v0 < v1 ? v0 : v1);
}

/**
 * The pools below `minUsd` of liquidity (poolLiquidityUsd). A pool neither of whose tokens has a
 * price cannot be valued and counts as below (it cannot be risk-checked either). `minUsd` 0 keeps
 * every pool.
 */
export function poolsBelow(pools: Iterable<LivePool>, prices: Prices, minUsd: bigint): Set<Address> {
  const out = new Set<Address>();
  if (minUsd <= 0n) return out;
  for (const p of pools) {
    const usd = poolLiquidityUsd(p, prices);
    if (usd === undefined || usd < minUsd) out.add(p.address);
  }
  return out;
}
