import type { Interface } from "ethers";
import type { CostModel, FeeQuote, FundingChoice, FundingSources } from "../chains/costModel";
import type { Address } from "../core/address";
import { encodeExecute } from "../plan/planEncoding";
import type { SubmissionRequest } from "../execute/submitter";
import type { JournalPort } from "../journal/port";
import type { JournalHop } from "../journal/types";
import type { KeeperEvents } from "../events/keeperEvents";
import type { Opportunity } from "../strategies/opportunity";
import { fundingRouteOf, routeShapeOf } from "./funding";
import { buildPlan, type BuilderPayment, type BuiltPlan, type PlanContext } from "./planBuilder";
import { namedInRevert } from "./revertBlame";
import { evaluateRisk } from "./risk/riskGate";
import type { RiskCandidate, RiskContext } from "./risk/types";
import type { SimulationRequest, Simulator } from "./simulator";

/**
 * The gates every strategy's candidates pass, in order, each step journaled before the next acts:
 * funding (the cost model's cheapest source) -> risk gate -> plan -> exact simulation of the real
 * transaction -> risk gate again on the simulated gas (when it is above the model's) -> journal
 * claim. Returns the submission request to hand to the submitter, or undefined when a gate stopped
 * it (the reason is in the journal and in a `decision` event). A rejected gate always stops the
 * submission.
 */

/** What the gates know of the block a candidate was found in. */
export interface GateContext {
  readonly chainId: number;
  /** The block the state (and so the opportunity) is from. */
  readonly block: number;
  readonly targetBlock: bigint;
  /** The chain's cost model, and its fees for this target block. */
  readonly costModel: CostModel;
  readonly fees: FeeQuote;
  readonly risk: RiskContext;
  readonly plan: Omit<PlanContext, "flashFee">;
  readonly funding: FundingSources;
  readonly submissionKind: "flashbots" | "direct";
  readonly executor: Address;
  readonly operator: Address;
  /** Base tokens are trusted: a failed simulation never quarantines them. */
  readonly bases: ReadonlySet<Address>;
  venueOf(pool: Address): string | undefined;
  usd(token: Address, amount: bigint): number | undefined;
  /** Gas limit = simulated gas x this, in basis points. */
  readonly gasMarginBps: bigint;
  /** Wall clock (Unix ms) of the decisions: quarantines expire from it. */
  readonly nowMs: number;
}

export interface GateDeps {
  readonly journal: JournalPort;
  readonly simulator: Simulator;
  readonly events: KeeperEvents;
  readonly now: () => number;
  /** The executor's custom errors, to find what a revert names. */
  readonly errors?: Interface;
}

/** A candidate through every gate: the request to submit. */
export interface Passed {
  readonly request: SubmissionRequest;
  readonly built: BuiltPlan;
}

export async function decide(op: Opportunity, ctx: GateContext, deps: GateDeps): Promise<Passed | undefined> {
  const { journal, events } = deps;
  const builderPayment = builderPaymentOf(op, ctx);
  const funding = chooseFunding(op, ctx, builderPayment);
  const path: JournalHop[] = op.path.map((h) => ({ ...h, venue: ctx.venueOf(h.pool) }));
  const key = await journal.recordOpportunity({
    chainId: ctx.chainId,
    targetBlock: ctx.targetBlock,
    path,
    amountIn: op.amountIn,
    amountOut: op.amountOut,
    profit: op.profit,
    profitToken: op.profitToken,
    gasEstimate: op.gas,
    funding: funding?.kind,
  });
  const emit = (accepted: boolean, code: string, message: string) =>
    events.emit("decision", {
      block: ctx.block,
      key,
      path: op.path.map((h) => h.pool),
      profitToken: op.profitToken,
      profit: op.profit,
      profitUsd: ctx.usd(op.profitToken, op.profit),
      accepted,
      code,
      message,
    });
  const reject = async (code: string, message: string) => {
    await journal.recordDecision(key, { accepted: false, code, message });
    emit(false, code, message);
    return undefined;
  };

  if (!funding) return await reject("NO_FUNDING", "no funding source can carry this cycle");
  const routeGas = ctx.costModel.routeGas(routeShapeOf(op, funding, builderPayment));
  const candidate: RiskCandidate = {
    opportunity: { ...op, gas: routeGas },
    gasPriceWei: ctx.fees.gasPriceWei,
    maxFeePerGas: ctx.fees.maxFeePerGas,
    funding,
    builderPayment,
    submissionKind: ctx.submissionKind,
  };
  const t0 = deps.now();
  const decision = evaluateRisk(candidate, ctx.risk);
  events.emit("stage", { stage: "risk", ms: deps.now() - t0 });
  if (!decision.accepted) return await reject(decision.code, decision.message);

  let built: BuiltPlan;
  try {
    built = buildPlan(op, funding, planContextOf(ctx, builderPayment));
  } catch (err) {
    return await reject("PLAN_INVALID", err instanceof Error ? err.message : String(err));
  }
  await journal.recordDecision(key, {
    accepted: true,
    message: decision.message,
    netProfit: decision.costs.netProfit,
    netProfitUsd: decision.costs.netProfitUsd,
  });

  const request = simulationRequest(op, ctx, funding, builderPayment, built, routeGas);
  const t1 = deps.now();
  const sim = await deps.simulator.simulate(request);
  events.emit("stage", { stage: "simulate", ms: deps.now() - t1 });
  await journal.recordSimulation(key, {
    ok: sim.ok && sim.kept === built.keptProfit,
    predictedProfit: built.keptProfit,
    simulatedProfit: sim.ok ? sim.kept : undefined,
    gasUsed: sim.ok ? sim.gasUsed : undefined,
    error: sim.ok ? undefined : sim.error,
  });
  if (!sim.ok || sim.kept !== built.keptProfit) {
    const why = sim.ok
      ? `simulated profit ${sim.kept} differs from predicted ${built.keptProfit}`
      : `simulation reverted: ${sim.error}`;
    await quarantineAfterFailure(op, ctx, deps, why, sim.ok ? undefined : sim.revertData);
    emit(false, sim.ok ? "SIM_MISMATCH" : "SIM_REVERT", why);
    return undefined;
  }
  // The gate priced gas from the model; the simulation measured it (tick crossings, cold storage,
  // the funding source). When it measured more, the same limits decide again on the measurement.
  if (sim.gasUsed > routeGas) {
    const measured = evaluateRisk(
      { ...candidate, opportunity: { ...candidate.opportunity, gas: sim.gasUsed } },
      ctx.risk,
    );
    const note = `with the simulated gas ${sim.gasUsed} (estimated ${routeGas})`;
    if (!measured.accepted) return await reject(measured.code, `${measured.message} ${note}`);
    await journal.recordDecision(key, {
      accepted: true,
      message: `${measured.message} ${note}`,
      netProfit: measured.costs.netProfit,
      netProfitUsd: measured.costs.netProfitUsd,
    });
  }
  if (!(await journal.claimSubmission(key, ctx.targetBlock))) {
    emit(false, "ALREADY_CLAIMED", "already submitted for this block (restart or duplicate)");
    return undefined;
  }
  emit(true, "ACCEPTED", decision.message);
  return {
    request: {
      idempotencyKey: key,
      opportunity: op,
      plan: built.plan,
      calldata: request.data,
      to: ctx.executor,
      gasLimit: (sim.gasUsed * ctx.gasMarginBps) / 10_000n,
      targetBlock: ctx.targetBlock,
      maxFeePerGas: ctx.fees.maxFeePerGas,
      maxPriorityFeePerGas: ctx.fees.maxPriorityFeePerGas,
      predictedProfit: built.keptProfit,
      builderPayment: built.builderPayment,
    },
    built,
  };
}

/**
 * The simulation request decide() would make for `op` at this block, without the gates or the
 * journal: for the simulator to learn a route's gas in idle time (Simulator.prepare). undefined
 * when no funding source or plan fits.
 */
export function simulationRequestOf(op: Opportunity, ctx: GateContext): SimulationRequest | undefined {
  const builderPayment = builderPaymentOf(op, ctx);
  const funding = chooseFunding(op, ctx, builderPayment);
  if (!funding) return undefined;
  let built: BuiltPlan;
  try {
    built = buildPlan(op, funding, planContextOf(ctx, builderPayment));
  } catch {
    return undefined;
  }
  const routeGas = ctx.costModel.routeGas(routeShapeOf(op, funding, builderPayment));
  return simulationRequest(op, ctx, funding, builderPayment, built, routeGas);
}

/** The executor pays block.coinbase by unwrapping WETH profit; a cycle ending in another token pays through its priority fee. */
function builderPaymentOf(op: Opportunity, ctx: GateContext): BuilderPayment {
  return op.profitToken === ctx.plan.wrappedNative ? ctx.plan.builderPayment : { kind: "priority-fee" };
}

function chooseFunding(
  op: Opportunity,
  ctx: GateContext,
  builderPayment: BuilderPayment,
): FundingChoice | undefined {
  return ctx.costModel.chooseFunding(
    fundingRouteOf(op, builderPayment),
    ctx.funding,
    ctx.fees,
    ctx.risk.prices,
  );
}

function planContextOf(ctx: GateContext, builderPayment: BuilderPayment): PlanContext {
  return { ...ctx.plan, builderPayment, flashFee: (f, amount) => ctx.costModel.flashFee(f, amount) };
}

/**
 * The real transaction as an eth_call: from the operator, with the fees it will pay. Gas figures
 * are kept by the route (its pools, funding and builder payment) and by its shape (the same with
 * hop kinds), whose model gas (CostModel.routeGas, with the funding and the builder payment) is
 * what decide() and the idle preparation both send.
 */
function simulationRequest(
  op: Opportunity,
  ctx: GateContext,
  funding: FundingChoice,
  builderPayment: BuilderPayment,
  built: BuiltPlan,
  routeGas: bigint,
): SimulationRequest {
  const tail = `|${funding.kind}|${builderPayment.kind}`;
  return {
    from: ctx.operator,
    to: ctx.executor,
    data: encodeExecute(built.plan),
    blockTag: ctx.block,
    maxFeePerGas: ctx.fees.maxFeePerGas,
    maxPriorityFeePerGas: ctx.fees.maxPriorityFeePerGas,
    route: op.path.map((h) => h.pool).join(",") + tail,
    shape: op.path.map((h) => h.kind).join(",") + tail,
    expectedKept: built.keptProfit,
    modelGas: routeGas,
  };
}

/**
 * After a failed simulation: a revert that names an address (the executor's UnexpectedCallback,
 * PoolCallFailed or TokenCallFailed) quarantines that address alone; a revert that names nothing
 * (a pool's own require, a token that burns on transfer) or a profit that differs from the model
 * quarantines the cycle's pools and its tokens other than the base tokens. Every quarantine
 * expires (limits.quarantineMs): the pool or token is tried again then, and quarantined again if
 * it still fails.
 */
async function quarantineAfterFailure(
  op: Opportunity,
  ctx: GateContext,
  deps: GateDeps,
  reason: string,
  revertData: string | undefined,
): Promise<void> {
  const untilMs = ctx.nowMs + ctx.risk.limits.quarantineMs;
  const pools = new Set(op.path.map((h) => h.pool));
  const tokens = new Set(op.path.map((h) => h.tokenOut).filter((t) => !ctx.bases.has(t)));
  const named = namedInRevert(revertData, deps.errors);
  const targets: { kind: "pool" | "token"; address: Address }[] = [];
  if (named !== undefined) {
    if (named.role === "token" && ctx.bases.has(named.address)) return;
    targets.push({ kind: named.role, address: named.address });
  } else {
    for (const p of pools) targets.push({ kind: "pool", address: p });
    for (const t of tokens) targets.push({ kind: "token", address: t });
  }
  for (const t of targets) {
    await deps.journal.quarantine(t.kind, t.address, reason, untilMs);
    deps.events.emit("quarantine", { ...t, reason });
  }
}
