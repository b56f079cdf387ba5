import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { getTickAtSqrtRatio } from "../../bot/venues/uniswap-v3/math/tickMath";
import type { Hop } from "../../bot/strategies/cycle-arb/hop";
import { quotePath } from "../../bot/strategies/cycle-arb/hop";

/** A deterministic 20-byte address for test pool/token number n. */
export function addr(n: number, prefix = "a"): string {
  return "0x" + prefix + n.toString(16).padStart(39, "0");
}

export function v2(
  n: number,
  token0: string,
  token1: string,
  r0: bigint,
  r1: bigint,
  feeBps = 30,
): UniswapV2Pool {
  return new UniswapV2Pool({ address: addr(n, "b"), token0, token1, reserve0: r0, reserve1: r1, feeBps });
}

/** Profit at every integer input in [1, max]: the ground truth for small pools. */
export function exhaustiveBest(hops: readonly Hop[], max: bigint): { x: bigint; profit: bigint } {
  let best = { x: 0n, profit: 0n };
  for (let x = 1n; x <= max; x++) {
    const q = quotePath(hops, x);
    if (q === undefined) continue;
    const p = q[q.length - 1] - x;
    if (p > best.profit) best = { x, profit: p };
  }
  return best;
}

/**
 * A dense search over integer inputs for large pools: a geometric sweep, then two successively
 * finer linear grids around the best point. Independent of the engine's own seed.
 */
export function denseBest(hops: readonly Hop[], points = 400): { x: bigint; profit: bigint } {
  const profit = (x: bigint): bigint => {
    const q = quotePath(hops, x);
    return q === undefined ? -1n : q[q.length - 1] - x;
  };
  let best = { x: 0n, profit: 0n };
  const consider = (x: bigint): void => {
    if (x <= 0n) return;
    const p = profit(x);
    if (p > best.profit) best = { x, profit: p };
  };
  for (let x = 1n; x < 1n << 120n; x = (x * 9n) / 8n + 1n) consider(x);
  for (const width of [4n, 64n]) {
    if (best.x === 0n) break;
    const lo = best.x - best.x / width;
    const span = (2n * best.x) / width;
    for (let i = 0n; i <= BigInt(points); i++) consider(lo + (span * i) / BigInt(points));
  }
  return best;
}

/** A V3 position: liquidity between two ticks (multiples of the spacing). */
export interface TestPosition {
  lower: number;
  upper: number;
  liquidity: bigint;
}

/**
 * A V3 pool at sqrt price `sqrtPriceX96` holding the given positions: the initialised ticks and
 * the active liquidity follow from them exactly as the pool's own bookkeeping would.
 */
export function v3(
  n: number,
  token0: string,
  token1: string,
  sqrtPriceX96: bigint,
  positions: readonly TestPosition[],
  fee = 3000,
  tickSpacing = 60,
): UniswapV3Pool {
  const tick = getTickAtSqrtRatio(sqrtPriceX96);
  const net = new Map<number, bigint>();
  const gross = new Map<number, bigint>();
  let liquidity = 0n;
  for (const p of positions) {
    net.set(p.lower, (net.get(p.lower) ?? 0n) + p.liquidity);
    net.set(p.upper, (net.get(p.upper) ?? 0n) - p.liquidity);
    gross.set(p.lower, (gross.get(p.lower) ?? 0n) + p.liquidity);
    gross.set(p.upper, (gross.get(p.upper) ?? 0n) + p.liquidity);
    if (p.lower <= tick && tick < p.upper) liquidity += p.liquidity;
  }
  const ticks = [...net.keys()]
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      liquidityNet: net.get(index) as bigint,
      liquidityGross: gross.get(index) as bigint,
    }));
  return new UniswapV3Pool({
    address: addr(n, "c"),
    token0,
    token1,
    fee,
    tickSpacing,
    sqrtPriceX96,
    tick,
    liquidity,
    ticks,
  });
}

/** sqrt(price) * 2^96 for a float price (token1 per token0, raw units): test set-up only. */
export function sqrtX96(price: number): bigint {
  return BigInt(Math.floor(Math.sqrt(price) * 2 ** 48)) << 48n;
}
