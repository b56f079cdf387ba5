import type { Address } from "../amm/types";
import { OmniArbError } from "../errors";
import { HopKind, type FundingSpec, type Hop, type Plan, type Tip } from "../exec/planEncoding";
import type { FundingKind } from "../risk/types";
import type { Opportunity, OpportunityHop } from "../strategy/opportunity";

/**
 * Turns a sized opportunity into the executor plan that realises exactly its amounts, and predicts
 * to the wei what the executor keeps: the cycle's profit, less the flash-loan fee, less the builder
 * payment (computed as the contract computes it). Pure.
 */

export interface FundingChoice {
  readonly kind: FundingKind;
  /** The lender's fee in basis points (Aave), 0 otherwise. */
  readonly feeBps: number;
}

export interface FundingSources {
  /** The executor's balance of a token (its inventory). */
  inventory(token: Address): bigint;
  readonly balancerVault?: Address;
  /** What the Vault holds of a token, when known (undefined: unknown, assume enough). */
  balancerLiquidity?(token: Address): bigint | undefined;
  readonly aavePool?: Address;
  readonly aaveFeeBps: number;
  /** Funding kinds the operator allows, in order of preference after inventory. */
  readonly allowed: readonly FundingKind[];
}

export type BuilderPayment = { kind: "coinbase-share"; bps: number } | { kind: "priority-fee" };

export interface PlanContext {
  readonly deadlineBlock: bigint;
  readonly wrappedNative: Address;
  readonly builderPayment: BuilderPayment;
  /** The flash-swap callback selector a V2 pair calls (forks rename uniswapV2Call). */
  v2Callback(pair: Address): string;
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

/** Aave's PercentageMath.percentMul: half-up rounding over 10,000. */
export function aavePremium(amount: bigint, feeBps: number): bigint {
  return (amount * BigInt(feeBps) + 5_000n) / 10_000n;
}

/** The cheapest funding that can carry this opportunity (gas: inventory < V2 flash < V3 flash < Balancer < Aave). */
export function chooseFunding(op: Opportunity, sources: FundingSources): FundingChoice | undefined {
  const token = op.profitToken;
  if (sources.inventory(token) >= op.amountIn) return { kind: "inventory", feeBps: 0 };
  const first = op.path[0];
  const last = op.path[op.path.length - 1];
  for (const kind of sources.allowed) {
    if (kind === "v2-flash-swap" && last.kind === "uniswap-v2") return { kind, feeBps: 0 };
    if (kind === "v3-flash" && first.kind === "uniswap-v3") return { kind, feeBps: 0 };
    if (kind === "balancer" && sources.balancerVault) {
      const available = sources.balancerLiquidity?.(token);
      if (available === undefined || available >= op.amountIn) return { kind, feeBps: 0 };
    }
    if (kind === "aave" && sources.aavePool) return { kind, feeBps: sources.aaveFeeBps };
  }
  return undefined;
}

function hopFor(h: OpportunityHop): Hop {
  const zeroForOne = BigInt(h.tokenIn) < BigInt(h.tokenOut);
  switch (h.kind) {
    case "uniswap-v2":
      // V2 hops carry the exact output the keeper computed: cheaper than recomputing on chain, and
      // any change of the pair's reserves makes the swap revert instead of trading at a worse price.
      return { kind: HopKind.UniswapV2, pair: h.pool, zeroForOne, amountOut: h.amountOut };
    case "uniswap-v3":
      return { kind: HopKind.UniswapV3, pool: h.pool, zeroForOne };
  }
}

export function buildPlan(op: Opportunity, funding: FundingChoice, ctx: PlanContext): BuiltPlan {
  const flashFee = funding.kind === "aave" ? aavePremium(op.amountIn, funding.feeBps) : 0n;
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
