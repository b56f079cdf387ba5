import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../../bot/venues/uniswap-v3/math/tickMath";
import type { PoolModel } from "../../bot/venues/common/poolModel";
import { prefixSums, Prng } from "./prng";

export interface UniverseToken {
  address: string;
  symbol: string;
  decimals: number;
  usd: number;
}

export interface Universe {
  tokens: UniverseToken[];
  pools: PoolModel[];
  /** Pool TVL in USD, the weight with which blocks touch pools. */
  tvlUsd: Float64Array;
  /** Standard deviation of each pool's log price around the reference (stale small pools: more). */
  sigma: Float64Array;
  /** The token of each pool's token0 and token1, as indices into `tokens`. */
  poolTokens: Int32Array;
  bases: string[];
}

export interface UniverseOptions {
  seed: number;
  v2Pools: number;
  v3Pools: number;
  tokens: number;
}

const BASES: Omit<UniverseToken, "address">[] = [
  { symbol: "WETH", decimals: 18, usd: 3000 },
  { symbol: "USDC", decimals: 6, usd: 1 },
  { symbol: "USDT", decimals: 6, usd: 1 },
  { symbol: "DAI", decimals: 18, usd: 1 },
];
/** Which base a base-paired pool uses: WETH pairs dominate, then the dollars. */
const BASE_WEIGHTS = prefixSums([0.5, 0.28, 0.14, 0.08]);
/** Share of pools that pair a base with another token (the rest pair two non-base tokens). */
const BASE_PAIR_SHARE = 0.8;
/**
 * Venues times fee tiers: mainnet's busiest pair, WETH/USDC, has about this many pools (Uniswap
 * V2, SushiSwap, four Uniswap V3 tiers). Without a cap, Zipf popularity would pile hundreds of
 * pools onto the top pairs, which no chain has.
 */
const MAX_POOLS_PER_PAIR = 6;
/** Zipf exponent of token popularity. */
const ZIPF_S = 1.1;

const V3_TIERS = [
  { fee: 100, spacing: 1 },
  { fee: 500, spacing: 10 },
  { fee: 3000, spacing: 60 },
  { fee: 10000, spacing: 200 },
];
const V3_TIER_WEIGHTS = prefixSums([0.1, 0.35, 0.45, 0.1]);
const V2_FEES = [30, 30, 30, 25, 20, 100];

function hexAddress(tag: number, n: number): string {
  return "0x" + tag.toString(16).padStart(2, "0") + n.toString(16).padStart(38, "0");
}

/**
 * A synthetic DEX universe from a fixed seed: token popularity is Zipf-distributed, most pools
 * pair a base token with another token, TVL is Pareto-distributed (heavy tail, a few pools hold
 * most liquidity), prices follow one USD reference per token with noise that is larger in
 * small pools (which arbitrage leaves stale), and V3 liquidity sits in positions clustered
 * around the price with log-uniform widths, plus a wide base position.
 */
export function generateUniverse(o: UniverseOptions): Universe {
  const rng = new Prng(o.seed);
  const tokens: UniverseToken[] = BASES.map((b, i) => ({ ...b, address: hexAddress(0xee, i + 1) }));
  for (let i = tokens.length; i < o.tokens; i++) {
    tokens.push({
      address: hexAddress(0xaa, i + 1),
      symbol: `T${i}`,
      decimals: rng.next() < 0.75 ? 18 : rng.int(6, 12),
      usd: rng.logUniform(1e-4, 2e3),
    });
  }
  const nb = BASES.length;
  const popularity = new Float64Array(o.tokens - nb);
  for (let i = 0; i < popularity.length; i++) popularity[i] = 1 / Math.pow(i + 1, ZIPF_S);
  const popularPrefix = prefixSums(popularity);
  const drawOther = (): number => nb + rng.weighted(popularPrefix);

  const pools: PoolModel[] = [];
  const tvl: number[] = [];
  const perPair = new Map<number, number>();
  const sigmas: number[] = [];
  const poolTokens = new Int32Array(2 * (o.v2Pools + o.v3Pools));
  const total = o.v2Pools + o.v3Pools;
  for (let i = 0; i < total; i++) {
    let a: number;
    let b: number;
    do {
      if (rng.next() < BASE_PAIR_SHARE) {
        a = rng.weighted(BASE_WEIGHTS);
        b = rng.next() < 0.04 ? rng.int(0, nb - 1) : drawOther();
      } else {
        a = drawOther();
        b = drawOther();
      }
    } while (a === b || (perPair.get(Math.min(a, b) * o.tokens + Math.max(a, b)) ?? 0) >= MAX_POOLS_PER_PAIR);
    const pairKey = Math.min(a, b) * o.tokens + Math.max(a, b);
    perPair.set(pairKey, (perPair.get(pairKey) ?? 0) + 1);
    // Bigger pools for more popular tokens, Pareto-tailed on top.
    const rank = Math.min(a < nb ? 0 : a - nb, b < nb ? 0 : b - nb);
    const poolTvl = Math.min(5e8, rng.pareto(2e4, 1.1) * (1 + 50 / (1 + rank)));
    // Small pools are stale more often and by more: noise in log price.
    const sigma = poolSigma(poolTvl);
    const skew = Math.exp(sigma * rng.normal());
    const [i0, i1] = tokens[a].address < tokens[b].address ? [a, b] : [b, a];
    const [t0, t1] = [tokens[i0], tokens[i1]];
    poolTokens[2 * i] = i0;
    poolTokens[2 * i + 1] = i1;
    sigmas.push(sigma);
    const address = hexAddress(i < o.v2Pools ? 0x22 : 0x33, i + 1);
    // Raw token1 per raw token0.
    const price = referencePrice(t0, t1) * skew;
    const reserve0 = (poolTvl / 2 / t0.usd) * 10 ** t0.decimals;
    if (i < o.v2Pools) {
      pools.push(
        new UniswapV2Pool({
          address,
          token0: t0.address,
          token1: t1.address,
          reserve0: BigInt(Math.floor(reserve0)),
          reserve1: BigInt(Math.floor(reserve0 * price)),
          feeBps: V2_FEES[rng.int(0, V2_FEES.length - 1)],
        }),
      );
    } else {
      pools.push(v3Pool(rng, address, t0.address, t1.address, price, reserve0));
    }
    tvl.push(poolTvl);
  }
  return {
    tokens,
    pools,
    tvlUsd: Float64Array.from(tvl),
    sigma: Float64Array.from(sigmas),
    poolTokens,
    bases: tokens.slice(0, nb).map((t) => t.address),
  };
}

/** Log-price noise of a pool of this TVL: 8 bps at $1M, more for smaller pools, at most 3 %. */
export function poolSigma(tvlUsd: number): number {
  return Math.min(0.03, 0.0008 * Math.pow(1e6 / tvlUsd, 0.35));
}

/** Raw token1 per raw token0 at the tokens' reference prices. */
export function referencePrice(t0: UniverseToken, t1: UniverseToken): number {
  return t0.usd / 10 ** t0.decimals / (t1.usd / 10 ** t1.decimals);
}

function v3Pool(
  rng: Prng,
  address: string,
  token0: string,
  token1: string,
  price: number,
  reserve0: number,
): UniswapV3Pool {
  const tier = V3_TIERS[rng.weighted(V3_TIER_WEIGHTS)];
  const sqrtPriceX96 = BigInt(Math.floor(Math.sqrt(price) * 2 ** 96));
  const tick = getTickAtSqrtRatio(sqrtPriceX96);
  const s = tier.spacing;
  const minT = Math.ceil(MIN_TICK / s) * s;
  const maxT = Math.floor(MAX_TICK / s) * s;
  // L of a full-range pool with this depth: x = L/sqrtP, so L = x * sqrtP.
  const lFull = reserve0 * Math.sqrt(price);
  const net = new Map<number, bigint>();
  const gross = new Map<number, bigint>();
  let active = 0n;
  const add = (lower: number, upper: number, l: bigint): void => {
    lower = Math.max(minT, Math.min(maxT - s, lower));
    upper = Math.max(lower + s, Math.min(maxT, upper));
    net.set(lower, (net.get(lower) ?? 0n) + l);
    net.set(upper, (net.get(upper) ?? 0n) - l);
    gross.set(lower, (gross.get(lower) ?? 0n) + l);
    gross.set(upper, (gross.get(upper) ?? 0n) + l);
    if (lower <= tick && tick < upper) active += l;
  };
  const center = Math.floor(tick / s) * s;
  // A wide base position (a fifth of the depth), then concentrated ones.
  add(center - 4000 * s, center + 4000 * s, BigInt(Math.floor(lFull * 0.2)) + 1n);
  const positions = Math.min(80, Math.floor(rng.pareto(4, 1.3)));
  for (let k = 0; k < positions; k++) {
    const width = Math.max(1, Math.round(rng.logUniform(1, 600)));
    const offset = Math.round(rng.normal() * Math.max(2, width / 2));
    const lower = center + (offset - Math.floor(width / 2)) * s;
    // Narrow positions carry more liquidity per unit of capital.
    const l = lFull * (0.8 / positions) * Math.sqrt(600 / width) * rng.logUniform(0.3, 3);
    add(lower, lower + width * s, BigInt(Math.floor(l)) + 1n);
  }
  const ticks = [...net.keys()]
    .sort((x, y) => x - y)
    .map((index) => ({
      index,
      liquidityNet: net.get(index) as bigint,
      liquidityGross: gross.get(index) as bigint,
    }));
  return new UniswapV3Pool({
    address,
    token0,
    token1,
    fee: tier.fee,
    tickSpacing: s,
    sqrtPriceX96,
    tick,
    liquidity: active,
    ticks,
  });
}
