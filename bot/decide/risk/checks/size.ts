/** Checks on how much is at stake: gas price, trade size (per token and in USD) and loan size. */
import { formatGwei, formatUsd } from "../format";
import { reject } from "../types";
import type { RiskCandidate, RiskContext, RiskRejection } from "../types";

export function checkGasPrice(candidate: RiskCandidate, ctx: RiskContext): RiskRejection | undefined {
  const max = ctx.limits.maxGasPriceWei;
  if (candidate.gasPriceWei <= max) return undefined;
  return reject(
    "GAS_PRICE_TOO_HIGH",
    `gas price ${formatGwei(candidate.gasPriceWei)} is above the limit of ${formatGwei(max)}`,
    { gasPriceWei: candidate.gasPriceWei, maxGasPriceWei: max },
  );
}

export function checkTradeSize(candidate: RiskCandidate, ctx: RiskContext): RiskRejection | undefined {
  const op = candidate.opportunity;
  const token = (op.path[0]?.tokenIn ?? op.profitToken).toLowerCase();
  const cap = ctx.limits.maxTrade.get(token);
  if (cap !== undefined && op.amountIn > cap) {
    return reject("TRADE_TOO_LARGE", `trade input ${op.amountIn} of ${token} is above the cap of ${cap}`, {
      token,
      amountIn: op.amountIn,
      cap,
    });
  }
  const usd = ctx.prices.usdValue(token, op.amountIn);
  if (usd === undefined) return reject("UNPRICED_TOKEN", `no on-chain USD price for ${token}`, { token });
  if (usd > ctx.limits.maxTradeUsd) {
    return reject(
      "TRADE_TOO_LARGE",
      `trade input worth ${formatUsd(usd)} is above the limit of ${formatUsd(ctx.limits.maxTradeUsd)}`,
      { token, amountInUsd: usd, maxTradeUsd: ctx.limits.maxTradeUsd },
    );
  }
  return undefined;
}

export function checkLoanSize(candidate: RiskCandidate, ctx: RiskContext): RiskRejection | undefined {
  if (candidate.funding.kind === "inventory") return undefined;
  const op = candidate.opportunity;
  const token = (op.path[0]?.tokenIn ?? op.profitToken).toLowerCase();
  const cap = ctx.limits.maxLoan.get(token);
  if (cap === undefined || op.amountIn <= cap) return undefined;
  return reject(
    "LOAN_TOO_LARGE",
    `${candidate.funding.kind} loan of ${op.amountIn} ${token} is above the cap of ${cap}`,
    { token, loan: op.amountIn, cap, funding: candidate.funding.kind },
  );
}
