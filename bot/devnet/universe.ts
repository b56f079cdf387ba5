/**
 * What the devnet contains: tokens, venues, pairs and pools, and the prices each venue starts at.
 * Prices differ on purpose between venues so that real arbitrage cycles exist from block one.
 * Deploy scripts read this file; nothing here touches a chain.
 */

export type TokenSymbol = "WETH" | "USDC" | "USDT" | "DAI" | "WBTC" | "LINK";
/** The test tokens deployed from contracts/test/TestERC20.sol, in deployment order. */
export const TEST_TOKENS: ReadonlyArray<{
  symbol: Exclude<TokenSymbol, "WETH">;
  name: string;
  decimals: number;
}> = [
  { symbol: "USDC", name: "USD Coin (devnet)", decimals: 6 },
  { symbol: "USDT", name: "Tether USD (devnet)", decimals: 6 },
  { symbol: "DAI", name: "Dai Stablecoin (devnet)", decimals: 18 },
  { symbol: "WBTC", name: "Wrapped BTC (devnet)", decimals: 8 },
  { symbol: "LINK", name: "ChainLink Token (devnet)", decimals: 18 },
];

export const DECIMALS: Readonly<Record<TokenSymbol, number>> = {
  WETH: 18,
  USDC: 6,
  USDT: 6,
  DAI: 18,
  WBTC: 8,
  LINK: 18,
};

export type Venue = "uni" | "sushi" | "uniV3" | "balancer" | "pancakeV3";

/** Starting USD price of one whole token on each venue, in micro-dollars (6 decimals). */
export const PRICES_MICRO_USD: Readonly<Record<Venue, Readonly<Record<TokenSymbol, bigint>>>> = {
  uni: {
    WETH: 3_000_000000n,
    USDC: 1_000000n,
    USDT: 1_000000n,
    DAI: 1_000000n,
    WBTC: 60_000_000000n,
    LINK: 15_000000n,
  },
  // Sushi: WETH +1 %, DAI +0.4 %, WBTC +0.5 %, LINK -1 %, USDT -0.2 % against uni.
  sushi: {
    WETH: 3_030_000000n,
    USDC: 1_000000n,
    USDT: 998000n,
    DAI: 1_004000n,
    WBTC: 60_300_000000n,
    LINK: 14_850000n,
  },
  // V3: WETH +0.3 %, WBTC -0.2 %, LINK +0.7 %, DAI -0.1 %, USDT +0.1 %.
  uniV3: {
    WETH: 3_009_000000n,
    USDC: 1_000000n,
    USDT: 1_001000n,
    DAI: 999000n,
    WBTC: 59_880_000000n,
    LINK: 15_105000n,
  },
  // Balancer: WETH -0.5 %, WBTC +0.8 %, DAI +0.2 %.
  balancer: {
    WETH: 2_985_000000n,
    USDC: 1_000000n,
    USDT: 1_000000n,
    DAI: 1_002000n,
    WBTC: 60_480_000000n,
    LINK: 15_000000n,
  },
  // PancakeSwap V3: WETH -0.4 %, WBTC +0.3 %, LINK -0.5 %, DAI +0.1 %, USDT -0.1 %.
  pancakeV3: {
    WETH: 2_988_000000n,
    USDC: 1_000000n,
    USDT: 999000n,
    DAI: 1_001000n,
    WBTC: 60_180_000000n,
    LINK: 14_925000n,
  },
};

/** Uniswap V2 pairs created on both V2 venues, as [tokenA, tokenB] (unsorted; the factory sorts). */
export const V2_PAIRS: ReadonlyArray<readonly [TokenSymbol, TokenSymbol]> = [
  ["WETH", "USDC"],
  ["WETH", "USDT"],
  ["WETH", "DAI"],
  ["WETH", "WBTC"],
  ["WETH", "LINK"],
  ["USDC", "DAI"],
  ["USDC", "USDT"],
  ["WBTC", "USDC"],
  ["LINK", "USDC"],
];

/** USD value deposited on EACH side of every V2 pair, per venue. */
export const V2_DEPTH_USD: Readonly<Record<"uni" | "sushi", bigint>> = {
  uni: 10_000_000n,
  sushi: 4_000_000n,
};

/** Uniswap V3 pools: several fee tiers, liquidity over many tick ranges. */
export const V3_POOLS: ReadonlyArray<{ a: TokenSymbol; b: TokenSymbol; fee: number }> = [
  { a: "WETH", b: "USDC", fee: 500 },
  { a: "WETH", b: "USDC", fee: 3000 },
  { a: "WETH", b: "USDT", fee: 500 },
  { a: "WETH", b: "DAI", fee: 3000 },
  { a: "WETH", b: "WBTC", fee: 3000 },
  { a: "WETH", b: "LINK", fee: 10000 },
  { a: "USDC", b: "DAI", fee: 100 },
  { a: "USDC", b: "USDT", fee: 100 },
  { a: "WBTC", b: "USDC", fee: 3000 },
];

/**
 * PancakeSwap V3 pools, in PancakeSwap's own fee tiers (100, 500, 2500 and 10000, which its
 * factory enables itself): the same positions as the Uniswap V3 pools, at the pancakeV3 prices.
 */
export const PANCAKE_V3_POOLS: ReadonlyArray<{ a: TokenSymbol; b: TokenSymbol; fee: number }> = [
  { a: "WETH", b: "USDC", fee: 500 },
  { a: "WETH", b: "USDC", fee: 2500 },
  { a: "WETH", b: "USDT", fee: 500 },
  { a: "WETH", b: "WBTC", fee: 2500 },
  { a: "WETH", b: "DAI", fee: 10000 },
  { a: "USDC", b: "USDT", fee: 100 },
  { a: "LINK", b: "WETH", fee: 2500 },
];

/**
 * Positions minted in every V3 pool (Uniswap's and PancakeSwap's), in tick-spacing units around the tick-spacing-aligned current
 * tick: symmetric ranges of several widths, one-sided ranges above and below (so that swaps cross
 * many initialised ticks) and one full-range position so that no swap runs out of liquidity.
 */
export const V3_RANGES_IN_SPACINGS: ReadonlyArray<readonly [number, number]> = [
  [-1, 1],
  [-3, 3],
  [-7, 7],
  [-15, 15],
  [-40, 40],
  [-100, 100],
  [2, 5],
  [6, 11],
  [12, 20],
  [-5, -2],
  [-11, -6],
  [-20, -12],
];
/** USD value offered on each side of every V3 position (the position manager uses what fits). */
export const V3_POSITION_USD = 500_000n;
/** USD value on each side of the full-range position of every V3 pool. */
export const V3_FULL_RANGE_USD = 2_000_000n;

/** Balancer V2 weighted pools (weights in 1e18 units, summing to 1e18), and the USD value per pool. */
export const BALANCER_POOLS: ReadonlyArray<{
  name: string;
  tokens: ReadonlyArray<TokenSymbol>;
  weights: bigint[];
}> = [
  { name: "WETH_USDC", tokens: ["WETH", "USDC"], weights: [500000000000000000n, 500000000000000000n] },
  { name: "WBTC_WETH", tokens: ["WBTC", "WETH"], weights: [500000000000000000n, 500000000000000000n] },
  { name: "DAI_USDC", tokens: ["DAI", "USDC"], weights: [500000000000000000n, 500000000000000000n] },
  { name: "LINK_WETH", tokens: ["LINK", "WETH"], weights: [800000000000000000n, 200000000000000000n] },
];
export const BALANCER_POOL_USD = 8_000_000n;
/** 0.3 % swap fee, in 1e18 units. */
export const BALANCER_SWAP_FEE = 3000000000000000n;

/** Aave V3 reserves (every one gets flash loans at 5 bps) and the USD value supplied to each. */
export const AAVE_RESERVES: ReadonlyArray<TokenSymbol> = ["WETH", "USDC", "USDT", "DAI", "WBTC", "LINK"];
export const AAVE_SUPPLY_USD = 20_000_000n;
/** Mainnet's flash-loan premium: 5 bps, all of it to suppliers. */
export const AAVE_FLASHLOAN_PREMIUM_TOTAL = 5n;
export const AAVE_FLASHLOAN_PREMIUM_TO_PROTOCOL = 0n;

/** Raw token amount worth `usd` whole dollars at a micro-dollar price. */
export function amountForUsd(symbol: TokenSymbol, usd: bigint, priceMicroUsd: bigint): bigint {
  return (usd * 1_000000n * 10n ** BigInt(DECIMALS[symbol])) / priceMicroUsd;
}
