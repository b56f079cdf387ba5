/**
 * Loss limits for submissions that pay gas even when they fail (direct transactions, e.g. on the
 * L2 sequencers): the gas one submission can burn is capped, and so is the day's total loss.
 * Bundles (flashbots) are not included when they would revert, so they risk nothing here.
 */
import { formatUsd } from "../format";
import { reject } from "../types";
import type { CostBreakdown } from "../../../chains/costModel";
import type { RiskContext, RiskRejection } from "../types";

export function checkLossLimits(ctx: RiskContext, costs: CostBreakdown): RiskRejection | undefined {
  const risk = costs.worstCaseLossUsd;
  if (risk === 0n) return undefined;
  if (risk > ctx.limits.perTradeLossCapUsd) {
    return reject(
      "TRADE_LOSS_CAP",
      `a failed submission would burn ${formatUsd(risk)} of gas, above the per-trade cap of ${formatUsd(ctx.limits.perTradeLossCapUsd)}`,
      { worstCaseLossUsd: risk, perTradeLossCapUsd: ctx.limits.perTradeLossCapUsd },
    );
  }
  if (ctx.lossTodayUsd + risk > ctx.limits.dailyLossBudgetUsd) {
    return reject(
      "DAILY_LOSS_BUDGET",
      `today's losses ${formatUsd(ctx.lossTodayUsd)} plus this submission's risk ${formatUsd(risk)} exceed the daily budget of ${formatUsd(ctx.limits.dailyLossBudgetUsd)}`,
      {
        lossTodayUsd: ctx.lossTodayUsd,
        worstCaseLossUsd: risk,
        dailyLossBudgetUsd: ctx.limits.dailyLossBudgetUsd,
      },
    );
  }
  return undefined;
}
