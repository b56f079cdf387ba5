import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import {
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
} from "../../bot/venues/uniswap-v3/math/tickMath";
import type { PoolModel } from "../../bot/venues/common/poolModel";
import { prefixSums, type Prng } from "./prng";
import { referencePrice, type Universe } from "./universe";

/**
 * One synthetic block: `count` pools drawn in proportion to their TVL (busy pools trade more).
 * Each drawn pool is traded to a new price around its tokens' reference price, with the pool's
 * own noise: prices stay spread around the market, as arbitrage keeps them on chain, instead of
 * random-walking into ever larger dislocations (with 100 of 20,000 pools touched a block and no
 * arbitrageur in the loop, a moving reference or a random walk makes nearly every pool stale). V2: the reserves a trade along
 * x*y=k leaves (the Sync log). V3: the new price, tick and active liquidity (the Swap log), and
 * one pool in ten also gains or loses a position near the price (Mint or Burn).
 */
export class BlockMoves {
  private readonly weights: Float64Array;
  /** Positions minted by the benchmark per V3 pool, so that burns remove only what exists. */
  private readonly minted = new Map<UniswapV3Pool, { lower: number; upper: number; l: bigint }[]>();

  private readonly pools: readonly PoolModel[];

  constructor(
    private readonly universe: Universe,
    private readonly rng: Prng,
  ) {
    this.pools = universe.pools;
    this.weights = prefixSums(universe.tvlUsd);
  }

  next(count: number): string[] {
    const changed = new Set<string>();
    while (changed.size < count) {
      const p = this.rng.weighted(this.weights);
      const pool = this.pools[p];
      if (changed.has(pool.address)) continue;
      const { tokens, poolTokens, sigma } = this.universe;
      const target =
        referencePrice(tokens[poolTokens[2 * p]], tokens[poolTokens[2 * p + 1]]) *
        Math.exp(sigma[p] * this.rng.normal());
      if (pool instanceof UniswapV2Pool) this.moveV2(pool, target);
      else if (pool instanceof UniswapV3Pool) this.moveV3(pool, target);
      changed.add(pool.address);
    }
    return [...changed];
  }

  /** Reserves on the same x*y = k at price `target` (token1 per token0). */
  private moveV2(pool: UniswapV2Pool, target: number): void {
    const k = Number(pool.reserve0) * Number(pool.reserve1);
    const r0 = Math.sqrt(k / target);
    pool.applySync(BigInt(Math.floor(r0)) + 1n, BigInt(Math.floor(r0 * target)) + 1n);
  }

  private moveV3(pool: UniswapV3Pool, target: number): void {
    let sqrtP = BigInt(Math.floor(Math.sqrt(target) * 2 ** 96));
    if (sqrtP <= MIN_SQRT_RATIO) sqrtP = MIN_SQRT_RATIO + 1n;
    if (sqrtP >= MAX_SQRT_RATIO) sqrtP = MAX_SQRT_RATIO - 1n;
    const tick = getTickAtSqrtRatio(sqrtP);
    pool.applySwap(sqrtP, activeLiquidity(pool, tick), tick);
    if (this.rng.next() < 0.1) this.mintOrBurn(pool);
  }

  private mintOrBurn(pool: UniswapV3Pool): void {
    const mine = this.minted.get(pool) ?? [];
    if (mine.length > 0 && this.rng.next() < 0.5) {
      const p = mine.pop() as { lower: number; upper: number; l: bigint };
      pool.applyBurn(p.lower, p.upper, p.l);
    } else {
      const s = pool.tickSpacing;
      const center = Math.floor(pool.tick / s) * s;
      const width = this.rng.int(1, 50);
      const lower = center - this.rng.int(0, width) * s;
      const upper = lower + width * s;
      const l = pool.liquidity / 10n + 1n;
      pool.applyMint(lower, upper, l);
      mine.push({ lower, upper, l });
      this.minted.set(pool, mine);
    }
  }
}

/** The pool's active liquidity at `tick`: liquidityNet summed over initialised ticks <= tick. */
function activeLiquidity(pool: UniswapV3Pool, tick: number): bigint {
  const t = pool.ticks;
  let l = 0n;
  for (let i = 0; i < t.length && t.index[i] <= tick; i++) l += t.liquidityNet[i];
  return l;
}
