import type { Address } from "../core/address";
import type { Prices } from "../prices/priceTable";
import type { PoolModel } from "../venues/common/poolModel";

/**
 * A pool's liquidity in USD (18 decimals): twice the smaller of the USD values of its two sides
 * (PoolModel.depthAtPrice). At the pool's own price both sides are worth the same, so this is its total value
 * when the pool agrees with the market, and no more than twice its poorer side when it does not (a
 * dislocated thin pool is not made deep by one inflated side). With one token unpriced, twice the
 * priced side; undefined when neither token has a price.
 */
export function poolLiquidityUsd(pool: PoolModel, prices: Prices): bigint | undefined {
  const { amount0, amount1 } = pool.depthAtPrice();
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
export function poolsBelow(pools: Iterable<PoolModel>, prices: Prices, minUsd: bigint): Set<Address> {
  const out = new Set<Address>();
  if (minUsd <= 0n) return out;
  for (const p of pools) {
    const usd = poolLiquidityUsd(p, prices);
    if (usd === undefined || usd < minUsd) out.add(p.address);
  }
  return out;
}
