import type { Address } from "../core/address";
import { OmniArbError } from "../core/errors";
import { type FundingSpec, type Hop, type Plan, type Tip } from "../plan/planEncoding";
import type { BuilderPaymentPolicy, FundingChoice } from "../chains/costModel";
import type { Opportunity, OpportunityHop } from "../strategies/opportunity";
import { venueOf } from "../venues/registry";

/**
 * Turns a sized opportunity into the executor plan that realises exactly its amounts, and predicts
 * to the wei what the executor keeps: the cycle's profit, less the flash-loan fee, less the builder
 * payment (computed as the contract computes it). Pure.
 */

export type BuilderPayment = BuilderPaymentPolicy;

export interface PlanContext {
  readonly deadlineBlock: bigint;
  readonly wrappedNative: Address;
  readonly builderPayment: BuilderPayment;
  /** The flash-swap callback selector a V2 pair calls (forks rename uniswapV2Call). */
  v2Callback(pair: Address): string;
  /** The lender's fee on borrowing `amount` (CostModel.flashFee). */
  flashFee(funding: FundingChoice, amount: bigint): bigint;
}

export interface BuiltPlan {
  readonly plan: Plan;
  readonly funding: FundingChoice;
  /** Profit after the flash fee, before the builder payment: what the contract calls gross. */
  readonly grossProfit: bigint;
  /** Wei (or WETH) paid to block.coinbase. */
  readonly builderPayment: bigint;
  /** The executor's balance increase of the profit token: the contract's minimum profit. */
  readonly keptProfit: bigint;
}

export class PlanError extends OmniArbError {
  override readonly name = "PlanError";
}

/** The executor's hop for one swap, as the pool's venue encodes it. */
function hopFor(h: OpportunityHop): Hop {
  return venueOf(h.kind).planHop(h);
}

export function buildPlan(op: Opportunity, funding: FundingChoice, ctx: PlanContext): BuiltPlan {
  const flashFee = ctx.flashFee(funding, op.amountIn);
  const grossProfit = op.profit - flashFee;
  if (grossProfit <= 0n) {
    throw new PlanError("PLAN_UNPROFITABLE", "the flash-loan fee eats the whole profit", {
      details: { profit: op.profit, flashFee },
    });
  }
  let tip: Tip = { kind: "none" };
  let builderPayment = 0n;
  if (ctx.builderPayment.kind === "coinbase-share" && ctx.builderPayment.bps > 0) {
    if (op.profitToken !== ctx.wrappedNative) {
      throw new PlanError("PLAN_TIP_TOKEN", "a coinbase share is paid from wrapped-native profit only", {
        details: { profitToken: op.profitToken },
      });
    }
    // ArbExecutor._payBuilder: tip = gross * bps / 10000, rounded down.
    builderPayment = (grossProfit * BigInt(ctx.builderPayment.bps)) / 10_000n;
    tip = { kind: "share", bps: ctx.builderPayment.bps, from: "weth" };
  }
  const keptProfit = grossProfit - builderPayment;

  let hops = op.path.map(hopFor);
  let spec: FundingSpec;
  switch (funding.kind) {
    case "inventory":
      spec = { mode: "inventory" };
      break;
    case "v2-flash-swap": {
      // The cycle's last pair lends the start token first and is repaid by the hop before it.
      const last = op.path[op.path.length - 1];
      spec = { mode: "v2flash", callbackSelector: ctx.v2Callback(last.pool) };
      hops = [hops[hops.length - 1], ...hops.slice(0, -1)];
      break;
    }
    case "v3-flash":
      spec = { mode: "v3flash" };
      break;
    case "balancer":
      spec = { mode: "balancer" };
      break;
    case "aave":
      spec = { mode: "aave" };
      break;
  }
  const plan: Plan = {
    deadlineBlock: ctx.deadlineBlock,
    funding: spec,
    token: op.profitToken,
    amountIn: op.amountIn,
    minProfit: keptProfit,
    tip,
    hops,
  };
  return { plan, funding, grossProfit, builderPayment, keptProfit };
}
