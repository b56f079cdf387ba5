/**
 * What `seedMarket` deploys, decided from the seed alone (no chain): new tokens with a realistic
 * mix of decimals and prices, and pools for them on both V2 venues and on Uniswap V3 (several fee
 * tiers, several positions across ticks), each venue priced at the reference price bent by a small
 * per-pool dislocation.
 */
import type { V2VenueName } from "./addresses";
import { DemoError } from "./demoError";
import { Prng } from "../../core/prng";

/** A token of the demo market: reference price and how it moves per block. */
export interface TokenSpec {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  /** Reference price, USD per whole token. */
  readonly priceUsd: number;
  /** Standard deviation of the log price per block. */
  readonly volatility: number;
  /** Mean change of the log price per block. */
  readonly drift: number;
}

export interface V2PoolSpec {
  readonly venue: V2VenueName;
  readonly a: string;
  readonly b: string;
  /** USD value deposited on each side. */
  readonly depthUsd: bigint;
  /** The pool's price of a in b is the reference price times (1 + dislocation). */
  readonly dislocation: number;
}

export interface V3PositionSpec {
  /** Range ends in tick spacings around the spacing-aligned current tick; null: full range. */
  readonly range: readonly [number, number] | null;
  readonly usd: bigint;
}

export interface V3PoolSpec {
  readonly a: string;
  readonly b: string;
  readonly fee: number;
  readonly dislocation: number;
  readonly positions: ReadonlyArray<V3PositionSpec>;
}

export interface SeedPlan {
  readonly tokens: ReadonlyArray<TokenSpec>;
  readonly v2: ReadonlyArray<V2PoolSpec>;
  readonly v3: ReadonlyArray<V3PoolSpec>;
}

export interface SeedPlanOptions {
  readonly seed: number;
  readonly tokenCount: number;
  /** Largest |dislocation| of a seeded pool against the reference price (default 0.002). */
  readonly maxDislocation?: number;
  /** Symbols of the devnet tokens already there; WETH is required, USDC used when present. */
  readonly baseSymbols: ReadonlyArray<string>;
}

const NAMES: ReadonlyArray<readonly [string, string]> = [
  ["AAVE", "Aave"],
  ["UNI", "Uniswap"],
  ["MKR", "Maker"],
  ["CRV", "Curve DAO"],
  ["SNX", "Synthetix"],
  ["COMP", "Compound"],
  ["LDO", "Lido DAO"],
  ["ARB", "Arbitrum"],
  ["OP", "Optimism"],
  ["PEPE", "Pepe"],
  ["GRT", "The Graph"],
  ["ENS", "Ethereum Name Service"],
  ["RPL", "Rocket Pool"],
  ["BAL", "Balancer"],
  ["SUSHI", "SushiSwap"],
  ["YFI", "yearn.finance"],
  ["APE", "ApeCoin"],
  ["FXS", "Frax Share"],
  ["GNO", "Gnosis"],
  ["SHIB", "Shiba Inu"],
];

/** Most ERC-20s have 18 decimals; stablecoins 6, bridged bitcoin 8, a few oddities 9 or 12. */
const DECIMALS_MIX = [18, 18, 18, 18, 6, 8, 9, 12];
const V3_TIERS = [500, 3000, 10000];
/** V3 positions as [share of the pool's USD in percent, range in spacings or null = full]. */
const V3_LAYOUT: ReadonlyArray<readonly [bigint, readonly [number, number] | null]> = [
  [40n, null],
  [10n, [-1, 1]],
  [10n, [-4, 4]],
  [10n, [-12, 12]],
  [10n, [-30, 30]],
  [10n, [1, 6]],
  [10n, [-6, -1]],
];

export const MAX_DEMO_TOKENS = NAMES.length;

export function planSeed(options: SeedPlanOptions): SeedPlan {
  const { seed, tokenCount, baseSymbols } = options;
  const maxDislocation = options.maxDislocation ?? 0.002;
  if (!Number.isInteger(tokenCount) || tokenCount < 0 || tokenCount > MAX_DEMO_TOKENS) {
    throw new DemoError("DEMO_SEED_PLAN", `tokenCount must be 0..${MAX_DEMO_TOKENS}`, {
      details: { tokenCount },
    });
  }
  if (!baseSymbols.includes("WETH")) {
    throw new DemoError("DEMO_SEED_PLAN", "the base tokens must include WETH");
  }
  const root = new Prng(seed);
  const names = NAMES.filter(([symbol]) => !baseSymbols.includes(symbol));
  const tokenRng = root.fork("tokens");
  const tokens: TokenSpec[] = names.slice(0, tokenCount).map(([symbol, name]) => ({
    symbol,
    name: `${name} (demo)`,
    decimals: tokenRng.pick(DECIMALS_MIX),
    priceUsd: Number(tokenRng.logUniform(0.01, 2000).toPrecision(6)),
    volatility: tokenRng.logUniform(0.002, 0.006),
    drift: tokenRng.normal() * 0.0003,
  }));

  const poolRng = root.fork("pools");
  const dislocation = () => (poolRng.next() * 2 - 1) * maxDislocation;
  const v2: V2PoolSpec[] = [];
  const v3: V3PoolSpec[] = [];
  const bothV2 = (a: string, b: string) => {
    const uniUsd = BigInt(Math.round(poolRng.logUniform(1e6, 4e6)));
    const sushiUsd = (uniUsd * BigInt(poolRng.int(30, 70))) / 100n;
    v2.push({ venue: "uni", a, b, depthUsd: uniUsd, dislocation: dislocation() });
    v2.push({ venue: "sushi", a, b, depthUsd: sushiUsd, dislocation: dislocation() });
  };
  const v3Pool = (a: string, b: string, fee: number) => {
    const total = BigInt(Math.round(poolRng.logUniform(1e6, 3e6)));
    const positions = V3_LAYOUT.map(([percent, range]) => ({ range, usd: (total * percent) / 100n }));
    v3.push({ a, b, fee, dislocation: dislocation(), positions });
  };
  const hasUsdc = baseSymbols.includes("USDC");
  tokens.forEach((token, i) => {
    bothV2(token.symbol, "WETH");
    const first = poolRng.pick(V3_TIERS);
    v3Pool(token.symbol, "WETH", first);
    if (poolRng.next() < 0.5) v3Pool(token.symbol, "WETH", poolRng.pick(V3_TIERS.filter((t) => t !== first)));
    if (hasUsdc && i % 3 === 0) {
      bothV2(token.symbol, "USDC");
      v3Pool(token.symbol, "USDC", 3000);
    }
    const next = tokens[i + 1];
    if (i % 4 === 1 && next !== undefined) bothV2(token.symbol, next.symbol);
  });
  return { tokens, v2, v3 };
}
