/**
 * The validated configuration of one chain, in engine units: lower-case addresses, bigint amounts.
 * Produced only by loadConfig (bot/config/loadConfig.ts); the file format is in schema.ts and
 * docs/config.md.
 */
import type { Address } from "../core/address";
import type { RiskLimits } from "../decide/risk/limits";

export type V2Callback = "uniswapV2Call" | "pancakeCall";

export interface V2Venue {
  readonly name: string;
  readonly kind: "uniswap-v2";
  readonly factory: Address;
  readonly router: Address | undefined;
  /** CREATE2 init code hash of the pair, lower-case 0x hex. */
  readonly initCodeHash: string;
  /** Swap fee in basis points (30 = 0.30 %). */
  readonly feeBps: number;
  /** The flash-swap callback the pair calls on the receiver. */
  readonly callback: V2Callback;
}

/** A venue with Uniswap V3's pool math: Uniswap V3 itself, or PancakeSwap V3 (its own Swap log and callback). */
export interface V3Venue {
  readonly name: string;
  readonly kind: "uniswap-v3" | "pancakeswap-v3";
  readonly factory: Address;
  /** The CREATE2 deployer when it is not the factory (PancakeSwap V3's PoolDeployer). */
  readonly poolDeployer: Address | undefined;
  readonly router: Address | undefined;
  readonly quoter: Address | undefined;
  readonly initCodeHash: string;
  /** Fee tiers in hundredths of a basis point (500 = 0.05 %). */
  readonly feeTiers: readonly number[];
}

export type Venue = V2Venue | V3Venue;

export interface TokenInfo {
  readonly symbol: string;
  readonly address: Address;
  readonly decimals: number;
}

export type BuilderPaymentPolicy =
  /** Pay the block builder this share of the gross profit, in native currency, via coinbase. */
  | { readonly kind: "coinbase-share"; readonly bps: number }
  /** Pay only through the transaction's priority fee. */
  | { readonly kind: "priority-fee" };

export interface SubmissionSettings {
  readonly kind: "flashbots" | "direct";
  /** Bundle relay URLs (flashbots) or extra endpoints for raw transactions (direct). */
  readonly relays: readonly string[];
  readonly builderPayment: BuilderPaymentPolicy;
  /** How many future blocks one bundle targets (1 = the next block only). */
  readonly blocksAhead: number;
}

export interface FlashSources {
  readonly aavePool: Address | undefined;
  /** Aave V3 flash-loan premium in basis points (5 on the five supported chains). */
  readonly aaveFeeBps: number;
  readonly balancerVault: Address | undefined;
}

export interface DiscoveryRules {
  /** When set, only pools whose both tokens are listed are considered. */
  readonly tokenAllowList: ReadonlySet<Address> | undefined;
  /**
   * Pools with less liquidity than this, valued in USD (18 decimals), are not watched: twice the
   * smaller side of the amounts the pool offers at its current price (bot/state/liquidity.ts).
   * 0 turns the rule off.
   */
  readonly minLiquidityUsd: bigint;
  /** First block whose factory logs are read to find pools (0: from genesis). */
  readonly fromBlock: number;
  /**
   * Blocks per eth_getLogs request, for discovery and for the initial sync's Mint logs (a request
   * the provider refuses as too large is split in discovery).
   */
  readonly logSpan: number;
}

export interface ChainConfig {
  /** The file the config came from, as given to loadConfig. */
  readonly source: string;
  readonly name: string;
  readonly chainId: number;
  readonly rpc: { readonly http: string; readonly ws: string | undefined };
  readonly venues: readonly Venue[];
  readonly baseTokens: readonly TokenInfo[];
  readonly wrappedNative: Address;
  readonly flash: FlashSources;
  readonly multicall3: Address | undefined;
  readonly executor: Address | undefined;
  readonly limits: RiskLimits;
  readonly submission: SubmissionSettings;
  readonly journalPath: string;
  readonly discovery: DiscoveryRules;
}
