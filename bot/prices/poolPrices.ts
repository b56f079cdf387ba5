import type { Address } from "../venues/poolModel";
import { UniswapV2Pool } from "../venues/uniswap-v2/pool";
import type { UniswapV3Pool } from "../venues/uniswap-v3/pool";
import type { Prices } from "../decide/risk/prices";
import { PriceTable } from "../decide/risk/prices";
import type { LivePool } from "../state/poolStore";

/**
 * USD values from the chain itself, never an outside feed: each token is priced through its
 * deepest pool against an already-priced token, starting from a USD stablecoin. Floats are fine
 * here: prices only value amounts for limits and ranking, never size or settle a trade.
 */

const Q96 = 2 ** 96;

/** Mid price as raw units of token1 per raw unit of token0, and each side's depth in raw units. */
function midAndDepth(p: LivePool): { price: number; depth0: number; depth1: number } | undefined {
  if (p instanceof UniswapV2Pool) {
    if (p.reserve0 === 0n || p.reserve1 === 0n) return undefined;
    const r0 = Number(p.reserve0);
    const r1 = Number(p.reserve1);
    return { price: r1 / r0, depth0: r0, depth1: r1 };
  }
  const v3 = p as UniswapV3Pool;
  if (v3.liquidity === 0n) return undefined;
  const s = Number(v3.sqrtPriceX96) / Q96;
  const l = Number(v3.liquidity);
  // Virtual reserves of the current range: x = L / sqrtP, y = L * sqrtP.
  return { price: s * s, depth0: l / s, depth1: l * s };
}

export interface PoolPrices {
  readonly prices: Prices;
  /** USD per raw unit, for display and statistics. */
  readonly usdPerRaw: ReadonlyMap<Address, number>;
  /** Raw units of each token worth 1e18 wei of native currency, for ranking net of gas. */
  readonly tokenPerNative: ReadonlyMap<Address, bigint>;
}

export function poolPrices(
  pools: Iterable<LivePool>,
  usdAnchor: { token: Address; decimals: number },
  wrappedNative: Address,
): PoolPrices {
  const usdPerRaw = new Map<Address, number>([[usdAnchor.token, 10 ** -usdAnchor.decimals]]);
  const all = [...pools].map((p) => ({ p, m: midAndDepth(p) })).filter((x) => x.m !== undefined);
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
