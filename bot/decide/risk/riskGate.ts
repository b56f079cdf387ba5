/**
 * The risk gate: every check, in a fixed order, first rejection wins. Pure: the same candidate and
 * context always give the same decision, so a decision can be journaled, replayed and tested. The
 * order puts the checks that stop everything first (kill switch, breaker), then what the cycle
 * touches, then size, then money.
 */
import { checkBreaker, checkKillSwitch } from "./checks/operational";
import { checkQuarantine, checkTokenLists } from "./checks/tokens";
import { checkGasPrice, checkLoanSize, checkTradeSize } from "./checks/size";
import { checkGasReturn, checkNetProfit } from "./checks/profit";
import { checkLossLimits } from "./checks/loss";
import { formatUsd } from "./format";
import { reject, type RiskCandidate, type RiskContext, type RiskDecision } from "./types";

export function evaluateRisk(candidate: RiskCandidate, ctx: RiskContext): RiskDecision {
  const early =
    checkKillSwitch(ctx) ??
    checkBreaker(ctx) ??
    checkQuarantine(candidate, ctx) ??
    checkTokenLists(candidate, ctx) ??
    checkGasPrice(candidate, ctx) ??
    checkTradeSize(candidate, ctx) ??
    checkLoanSize(candidate, ctx);
  if (early !== undefined) return early;
  const op = candidate.opportunity;
  const costs = ctx.costModel.costs(
    {
      amountIn: op.amountIn,
      profit: op.profit,
      profitToken: op.profitToken,
      startToken: op.path[0]?.tokenIn ?? op.profitToken,
      gas: op.gas,
      funding: candidate.funding,
      builderPayment: candidate.builderPayment,
      submissionKind: candidate.submissionKind,
    },
    candidate,
    ctx.prices,
  );
  if ("unpriced" in costs) return reject("UNPRICED_TOKEN", costs.message, { token: costs.unpriced });
  const late =
    checkNetProfit(candidate, ctx, costs) ??
    checkGasReturn(candidate, ctx, costs) ??
    checkLossLimits(ctx, costs);
  if (late !== undefined) return late;
  return { accepted: true, message: `accepted: net profit ${formatUsd(costs.netProfitUsd)}`, costs };
}
