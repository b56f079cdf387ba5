/**
 * Nets an opportunity's gross profit: gas cost (converted to the profit token at on-chain prices,
 * rounded up), the builder's coinbase share, and the flash-loan fee on the borrowed input. Returns
 * a rejection when a needed price is missing: an unpriced cost is never assumed to be zero.
 */
import { BPS } from "./limits";
import { reject } from "./types";
import type { CostBreakdown, RiskCandidate, RiskContext, RiskRejection } from "./types";

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export function computeCosts(candidate: RiskCandidate, ctx: RiskContext): CostBreakdown | RiskRejection {
  const op = candidate.opportunity;
  const token = op.profitToken.toLowerCase();
  const startToken = (op.path[0]?.tokenIn ?? op.profitToken).toLowerCase();
  const gasCostWei = op.gas * candidate.gasPriceWei;
  const gasCost = ctx.prices.nativeIn(token, gasCostWei);
  if (gasCost === undefined) {
    return reject("UNPRICED_TOKEN", `no on-chain price to value gas in ${token}`, { token });
  }
  const builderPayment =
    candidate.builderPayment.kind === "coinbase-share"
      ? ceilDiv(op.profit * BigInt(candidate.builderPayment.bps), BPS)
      : 0n;
  const borrowed = candidate.funding.kind !== "inventory";
  const flashFee = borrowed ? ceilDiv(op.amountIn * BigInt(candidate.funding.feeBps), BPS) : 0n;
  if (flashFee > 0n && startToken !== token) {
    return reject(
      "UNPRICED_TOKEN",
      `flash fee in ${startToken} cannot be netted against profit in ${token}`,
      {
        token: startToken,
      },
    );
  }
  const netProfit = op.profit - gasCost - builderPayment - flashFee;
  const netProfitUsd = ctx.prices.usdValue(token, netProfit);
  const gasCostUsd = ctx.prices.usdValue(token, gasCost);
  if (netProfitUsd === undefined || gasCostUsd === undefined) {
    return reject("UNPRICED_TOKEN", `no on-chain USD price for ${token}`, { token });
  }
  return {
    gasCostWei,
    gasCost,
    builderPayment,
    flashFee,
    netProfit,
    netProfitUsd,
    worstCaseLossUsd: candidate.submissionKind === "direct" ? gasCostUsd : 0n,
  };
}
