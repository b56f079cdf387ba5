import type { MarketPool } from "./marketPools";
import { readPool } from "./poolState";
import type { RpcProvider } from "./rawSender";

/** Two pools of the same token pair and how far apart their prices are. */
export interface PriceGap {
  readonly token0: string;
  readonly token1: string;
  readonly a: MarketPool;
  readonly b: MarketPool;
  /** |ln(price_a / price_b)|: 0.006 is about 0.6 %. */
  readonly gap: number;
}

/**
 * Every pair of pools that trade the same two tokens, with the gap between their prices, widest
 * first. A gap wider than both pools' fees together is an arbitrage before gas.
 */
export async function priceGaps(
  provider: RpcProvider,
  pools: ReadonlyArray<MarketPool>,
  decimals: (token: string) => number,
): Promise<PriceGap[]> {
  const prices = new Map<string, number>();
  for (const pool of pools) prices.set(pool.address, (await readPool(provider, pool, decimals)).price);
  const gaps: PriceGap[] = [];
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const [a, b] = [pools[i]!, pools[j]!];
      if (a.token0 !== b.token0 || a.token1 !== b.token1) continue;
      const [pa, pb] = [prices.get(a.address)!, prices.get(b.address)!];
      if (pa > 0 && pb > 0)
        gaps.push({ token0: a.token0, token1: a.token1, a, b, gap: Math.abs(Math.log(pa / pb)) });
    }
  }
  return gaps.sort((x, y) => y.gap - x.gap);
}
