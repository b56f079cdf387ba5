/** Shared fixture for the risk tests: a WETH -> USDC -> WETH cycle at WETH = 3000 USD, USDC = 1 USD. */
import { CLOSED_BREAKER } from "../../bot/decide/risk/breaker";
import { DEFAULT_LIMITS, ONE_USD } from "../../bot/decide/risk/limits";
import type { RiskLimits } from "../../bot/decide/risk/limits";
import { PriceTable } from "../../bot/prices/priceTable";
import { Eip1559CostModel } from "../../bot/chains/eip1559";
import type { RiskCandidate, RiskContext } from "../../bot/decide/risk/types";

export const WETH = "0x" + "ee".repeat(20);
export const USDC = "0x" + "cc".repeat(20);
export const POOL_A = "0x" + "0a".repeat(20);
export const POOL_B = "0x" + "0b".repeat(20);
export const ETHER = 10n ** 18n;
export const GWEI = 10n ** 9n;
export const T0 = Date.UTC(2026, 10, 25, 12);

export const PRICES = new PriceTable(
  [
    { token: WETH, decimals: 18, usdPerToken: 3000n * ONE_USD },
    { token: USDC, decimals: 6, usdPerToken: ONE_USD },
  ],
  WETH,
);

/**
 * 10 WETH in, 0.05 WETH gross profit (150 USD), 200k gas at 20 gwei = 0.004 WETH (12 USD), builder
 * takes 50 % of gross (0.025 WETH), Aave charges 5 bps on 10 WETH (0.005 WETH): net 0.016 WETH = 48 USD.
 */
export function candidate(overrides: Partial<RiskCandidate> = {}): RiskCandidate {
  const gasPriceWei = overrides.gasPriceWei ?? 20n * GWEI;
  return {
    opportunity: {
      path: [
        {
          pool: POOL_A,
          tokenIn: WETH,
          tokenOut: USDC,
          amountIn: 10n * ETHER,
          amountOut: 30_100n * 10n ** 6n,
        },
        {
          pool: POOL_B,
          tokenIn: USDC,
          tokenOut: WETH,
          amountIn: 30_100n * 10n ** 6n,
          amountOut: 10n * ETHER + ETHER / 20n,
        },
      ],
      amountIn: 10n * ETHER,
      amountOut: 10n * ETHER + ETHER / 20n,
      profit: ETHER / 20n,
      profitToken: WETH,
      gas: 200_000n,
    },
    gasPriceWei,
    // What a reverted direct transaction may burn: here the same price.
    maxFeePerGas: overrides.maxFeePerGas ?? gasPriceWei,
    funding: { kind: "aave", feeBps: 5 },
    builderPayment: { kind: "coinbase-share", bps: 5000 },
    submissionKind: "flashbots",
    ...overrides,
  };
}

export function context(limits: Partial<RiskLimits> = {}, overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    limits: { ...DEFAULT_LIMITS, ...limits },
    costModel: new Eip1559CostModel(),
    prices: PRICES,
    nowMs: T0,
    breaker: CLOSED_BREAKER,
    killSwitch: { engaged: false },
    quarantinedTokens: new Set(),
    quarantinedPools: new Set(),
    lossTodayUsd: 0n,
    ...overrides,
  };
}
