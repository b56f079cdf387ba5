import type { Address } from "../core/address";
import type { Prices } from "./priceTable";
import { PriceTable } from "./priceTable";
import type { PoolModel } from "../venues/common/poolModel";

/**
 * USD values from the chain itself, never an outside feed: each token is priced through its
 * deepest pool against an already-priced token, starting from a USD stablecoin. Floats are fine
 * here: prices only value amounts for limits and ranking, never size or settle a trade.
 */

export interface PoolPrices {
  readonly prices: Prices;
  /** USD per raw unit, for display and statistics. */
  readonly usdPerRaw: ReadonlyMap<Address, number>;
  /** Raw units of each token worth 1e18 wei of native currency, for ranking net of gas. */
  readonly tokenPerNative: ReadonlyMap<Address, bigint>;
}

export function poolPrices(
  pools: Iterable<PoolModel>,
  usdAnchor: { token: Address; decimals: number },
  wrappedNative: Address,
): PoolPrices {
  const usdPerRaw = new Map<Address, number>([[usdAnchor.token, 10 ** -usdAnchor.decimals]]);
  const all = [...pools].map((p) => ({ p, m: p.spot() })).filter((x) => x.m !== undefined);
  // Each round prices every token reachable in one hop from a priced one, by the deepest pool
  // (depth valued in USD on the priced side); three rounds reach tokens two hops from the anchor.
  for (let round = 0; round < 3; round++) {
    const best = new Map<Address, { usd: number; depthUsd: number }>();
    for (const { p, m } of all) {
      const u0 = usdPerRaw.get(p.token0);
      const u1 = usdPerRaw.get(p.token1);
      if (u0 !== undefined && u1 === undefined) {
        const depthUsd = m!.depth0 * u0;
        const usd = u0 / m!.price;
        if ((best.get(p.token1)?.depthUsd ?? -1) < depthUsd) best.set(p.token1, { usd, depthUsd });
      } else if (u1 !== undefined && u0 === undefined) {
        const depthUsd = m!.depth1 * u1;
        const usd = u1 * m!.price;
        if ((best.get(p.token0)?.depthUsd ?? -1) < depthUsd) best.set(p.token0, { usd, depthUsd });
      }
    }
    if (best.size === 0) break;
    for (const [t, b] of best) if (Number.isFinite(b.usd) && b.usd > 0) usdPerRaw.set(t, b.usd);
  }
  // PriceTable wants USD (18 decimals) per whole token: price every token per 1e18 raw units,
  // whatever its decimals, so tiny raw units keep their precision.
  const table = [...usdPerRaw].map(([token, usd]) => ({
    token,
    decimals: 18,
    usdPerToken: BigInt(Math.round(usd * 1e36)),
  }));
  const nativeUsd = usdPerRaw.get(wrappedNative);
  const tokenPerNative = new Map<Address, bigint>();
  if (nativeUsd !== undefined) {
    for (const [token, usd] of usdPerRaw)
      tokenPerNative.set(token, BigInt(Math.round((nativeUsd * 1e18) / usd)));
  }
  return { prices: new PriceTable(table, wrappedNative), usdPerRaw, tokenPerNative };
}
