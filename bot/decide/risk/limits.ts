/**
 * The risk settings the gate enforces, in engine units: amounts are bigint, USD values are fixed
 * point with USD_DECIMALS places, ratios are basis points. bot/config builds them from the config
 * file's `limits` section; DEFAULT_LIMITS are documented in docs/risk.md.
 */
import type { Address } from "../../core/address";

/** USD values are integers with this many decimals (1 USD = 10n ** 18n). */
export const USD_DECIMALS = 18;
export const ONE_USD = 10n ** BigInt(USD_DECIMALS);
export const BPS = 10_000n;

export interface BreakerSettings {
  /** Trip after this many failed outcomes in a row. */
  readonly maxConsecutiveFailures: number;
  /** Number of most recent decisive outcomes (included or failed) the success rate is taken over. */
  readonly window: number;
  /** Trip when the success rate over the window falls below this, in basis points (8000 = 80 %). */
  readonly minSuccessRateBps: number;
  /** The rate rule applies only once the window holds at least this many outcomes. */
  readonly minSamples: number;
  /** A tripped breaker closes again (and forgets its history) after this long. */
  readonly coolDownMs: number;
}

export interface RiskLimits {
  /** Minimum net profit after gas, builder payment and flash fee, valued in USD. */
  readonly minNetProfitUsd: bigint;
  /** Optional per start token minimum net profit in raw token units (lower-case address keys). */
  readonly minNetProfit: ReadonlyMap<Address, bigint>;
  /** Gross profit must be at least gas cost times this ratio, in basis points (50000 = 5x). */
  readonly minGasReturnBps: bigint;
  /** Largest trade input, valued in USD. */
  readonly maxTradeUsd: bigint;
  /** Optional per token caps on trade input, raw units. */
  readonly maxTrade: ReadonlyMap<Address, bigint>;
  /** Optional per token caps on a flash loan, raw units. */
  readonly maxLoan: ReadonlyMap<Address, bigint>;
  /** Refuse to trade when the gas price (CostModel.fees' decision price) is above this, in wei. */
  readonly maxGasPriceWei: bigint;
  /** When set, every token on the path must be in it. */
  readonly allowTokens: ReadonlySet<Address> | undefined;
  /** No token on the path may be in it. */
  readonly denyTokens: ReadonlySet<Address>;
  /** Losses (failed transactions' gas and negative outcomes) allowed per UTC day, in USD. */
  readonly dailyLossBudgetUsd: bigint;
  /** Largest loss one submission may risk when it can cost gas on failure, in USD. */
  readonly perTradeLossCapUsd: bigint;
  readonly breaker: BreakerSettings;
  /** A file whose presence stops all submission. */
  readonly killSwitchFile: string;
  /**
   * How long a pool or token stays quarantined after a failed simulation (it comes back to be
   * tried again after that, and is quarantined again if it still fails).
   */
  readonly quarantineMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  maxConsecutiveFailures: 5,
  window: 20,
  minSuccessRateBps: 8_000,
  minSamples: 10,
  coolDownMs: 10 * 60_000,
};

export const DEFAULT_LIMITS: RiskLimits = {
  minNetProfitUsd: ONE_USD,
  minNetProfit: new Map(),
  minGasReturnBps: 5n * BPS,
  maxTradeUsd: 100_000n * ONE_USD,
  maxTrade: new Map(),
  maxLoan: new Map(),
  maxGasPriceWei: 500n * 10n ** 9n,
  allowTokens: undefined,
  denyTokens: new Set(),
  dailyLossBudgetUsd: 50n * ONE_USD,
  perTradeLossCapUsd: 5n * ONE_USD,
  breaker: DEFAULT_BREAKER,
  killSwitchFile: "./data/KILL",
  quarantineMs: 60 * 60_000,
};
