/** Checks that the trade is worth it: net profit (token and USD floors) and gross profit over gas. */
import { BPS } from "../limits";
import { formatRatio, formatUsd } from "../format";
import { reject } from "../types";
import type { CostBreakdown } from "../../../chains/costModel";
import type { RiskCandidate, RiskContext, RiskRejection } from "../types";

export function checkNetProfit(
  candidate: RiskCandidate,
  ctx: RiskContext,
  costs: CostBreakdown,
): RiskRejection | undefined {
  const token = candidate.opportunity.profitToken.toLowerCase();
  const tokenFloor = ctx.limits.minNetProfit.get(token) ?? 1n;
  const parts = `gross ${candidate.opportunity.profit} - gas ${costs.gasCost} - builder ${costs.builderPayment} - flash fee ${costs.flashFee}`;
  if (costs.netProfit < tokenFloor) {
    return reject(
      "NET_PROFIT_TOO_LOW",
      `net profit ${costs.netProfit} of ${token} (${parts}) is below the minimum of ${tokenFloor}`,
      { token, netProfit: costs.netProfit, minNetProfit: tokenFloor },
    );
  }
  if (costs.netProfitUsd < ctx.limits.minNetProfitUsd) {
    return reject(
      "NET_PROFIT_USD_TOO_LOW",
      `net profit worth ${formatUsd(costs.netProfitUsd)} is below the minimum of ${formatUsd(ctx.limits.minNetProfitUsd)}`,
      { netProfitUsd: costs.netProfitUsd, minNetProfitUsd: ctx.limits.minNetProfitUsd },
    );
  }
  return undefined;
}

export function checkGasReturn(
  candidate: RiskCandidate,
  ctx: RiskContext,
  costs: CostBreakdown,
): RiskRejection | undefined {
  const profit = candidate.opportunity.profit;
  const min = ctx.limits.minGasReturnBps;
  if (profit * BPS >= costs.gasCost * min) return undefined;
  const actual = costs.gasCost === 0n ? 0n : (profit * BPS) / costs.gasCost;
  return reject(
    "GAS_RETURN_TOO_LOW",
    `gross profit is ${formatRatio(actual)} the gas cost; at least ${formatRatio(min)} is required`,
    { profit, gasCost: costs.gasCost, minGasReturnBps: min },
  );
}
