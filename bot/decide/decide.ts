import type { Address } from "../core/address";
import { encodeExecute } from "../execute/planEncoding";
import type { Journal } from "../journal/Journal";
import type { JournalHop } from "../journal/types";
import { evaluateRisk } from "./risk/riskGate";
import type { RiskCandidate, RiskContext } from "./risk/types";
import type { Opportunity } from "../strategies/opportunity";
import type { KeeperEvents } from "../pipeline/events";
import { FUNDING_GAS_OVERHEAD, TIP_GAS_OVERHEAD } from "../chains/fundingGas";
import {
  buildPlan,
  chooseFunding,
  type BuilderPayment,
  type BuiltPlan,
  type FundingSources,
  type PlanContext,
} from "./planBuilder";
import type { SimulationRequest, Simulator } from "./simulator";
import type { SubmissionRequest } from "../execute/submitter";

/**
 * One opportunity through the gates, in order, each step journaled before the next acts:
 * funding -> risk gate -> plan -> exact simulation -> risk gate again on the simulated gas (when it
 * is above the model's) -> claim. Returns the submission request to
 * hand to the submitter, or undefined when a gate stopped it (the reason is in the journal and
 * in a `decision` event).
 */

export interface BlockContext {
  readonly chainId: number;
  /** The block the state (and so the opportunity) is from. */
  readonly block: number;
  readonly targetBlock: bigint;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  readonly risk: RiskContext;
  readonly plan: PlanContext;
  readonly funding: FundingSources;
  readonly submissionKind: "flashbots" | "direct";
  readonly executor: Address;
  readonly operator: Address;
  /** Base tokens are trusted: a failed simulation quarantines the cycle's other tokens and its pools. */
  readonly bases: ReadonlySet<Address>;
  venueOf(pool: Address): string | undefined;
  usd(token: Address, amount: bigint): number | undefined;
  /** Gas limit = simulated gas x this, in basis points. */
  readonly gasMarginBps: bigint;
}

export interface DecideDeps {
  readonly journal: Journal;
  readonly simulator: Simulator;
  readonly events: KeeperEvents;
  readonly now: () => number;
}

export async function decide(
  op: Opportunity,
  ctx: BlockContext,
  deps: DecideDeps,
): Promise<{ request: SubmissionRequest; built: BuiltPlan } | undefined> {
  const { journal, events } = deps;
  const funding = chooseFunding(op, ctx.funding);
  const path: JournalHop[] = op.path.map((h) => ({ ...h, venue: ctx.venueOf(h.pool) }));
  const key = journal.recordOpportunity({
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
  const reject = (code: string, message: string) => {
    journal.recordDecision(key, { accepted: false, code, message });
    emit(false, code, message);
    return undefined;
  };

  if (!funding) return reject("NO_FUNDING", "no funding source can carry this cycle");
  // The executor pays block.coinbase by unwrapping WETH profit; a cycle that ends in another token
  // pays the builder through its priority fee instead.
  const builderPayment = builderPaymentOf(op, ctx);
  const planCtx = { ...ctx.plan, builderPayment };
  const tipGas = builderPayment.kind === "coinbase-share" ? TIP_GAS_OVERHEAD : 0n;
  const candidate: RiskCandidate = {
    opportunity: { ...op, gas: op.gas + FUNDING_GAS_OVERHEAD[funding.kind] + tipGas },
    gasPriceWei: ctx.maxFeePerGas,
    funding,
    builderPayment,
    submissionKind: ctx.submissionKind,
  };
  const t0 = deps.now();
  const decision = evaluateRisk(candidate, ctx.risk);
  events.emit("stage", { stage: "risk", ms: deps.now() - t0 });
  if (!decision.accepted) return reject(decision.code, decision.message);

  let built: BuiltPlan;
  try {
    built = buildPlan(op, funding, planCtx);
  } catch (err) {
    return reject("PLAN_INVALID", err instanceof Error ? err.message : String(err));
  }
  journal.recordDecision(key, {
    accepted: true,
    message: decision.message,
    netProfit: decision.costs.netProfit,
    netProfitUsd: decision.costs.netProfitUsd,
  });

  const calldata = encodeExecute(built.plan);
  const t1 = deps.now();
  const sim = await deps.simulator.simulate({
    from: ctx.operator,
    to: ctx.executor,
    data: calldata,
    blockTag: ctx.block,
    ...routeKeys(op, funding.kind, builderPayment.kind),
    expectedKept: built.keptProfit,
    modelGas: candidate.opportunity.gas,
  });
  events.emit("stage", { stage: "simulate", ms: deps.now() - t1 });
  journal.recordSimulation(key, {
    ok: sim.ok && sim.kept === built.keptProfit,
    predictedProfit: built.keptProfit,
    simulatedProfit: sim.ok ? sim.kept : undefined,
    gasUsed: sim.ok ? sim.gasUsed : undefined,
    error: sim.ok ? undefined : sim.error,
  });
  if (!sim.ok || sim.kept !== built.keptProfit) {
    // The engine mirrors the pools exactly, so a difference is a token or pool the models do not
    // describe (fee on transfer, rebasing, a honeypot): never trade this cycle's unknowns again.
    const why = sim.ok
      ? `simulated profit ${sim.kept} differs from predicted ${built.keptProfit}`
      : `simulation reverted: ${sim.error}`;
    for (const h of op.path) quarantine(deps, "pool", h.pool, why);
    for (const t of new Set(op.path.map((h) => h.tokenOut)))
      if (!ctx.bases.has(t)) quarantine(deps, "token", t, why);
    emit(false, sim.ok ? "SIM_MISMATCH" : "SIM_REVERT", why);
    return undefined;
  }
  // The gate priced gas from the model; the simulation measured it (tick crossings, cold storage,
  // the funding source). When it measured more, the same limits decide again on the measurement.
  if (sim.gasUsed > candidate.opportunity.gas) {
    const measured = evaluateRisk(
      { ...candidate, opportunity: { ...candidate.opportunity, gas: sim.gasUsed } },
      ctx.risk,
    );
    const note = `with the simulated gas ${sim.gasUsed} (estimated ${candidate.opportunity.gas})`;
    if (!measured.accepted) return reject(measured.code, `${measured.message} ${note}`);
    journal.recordDecision(key, {
      accepted: true,
      message: `${measured.message} ${note}`,
      netProfit: measured.costs.netProfit,
      netProfitUsd: measured.costs.netProfitUsd,
    });
  }
  if (!journal.claimSubmission(key, ctx.targetBlock)) {
    emit(false, "ALREADY_CLAIMED", "already submitted for this block (restart or duplicate)");
    return undefined;
  }
  emit(true, "ACCEPTED", decision.message);
  const request: SubmissionRequest = {
    idempotencyKey: key,
    opportunity: op,
    plan: built.plan,
    calldata,
    to: ctx.executor,
    gasLimit: (sim.gasUsed * ctx.gasMarginBps) / 10_000n,
    targetBlock: ctx.targetBlock,
    maxFeePerGas: ctx.maxFeePerGas,
    maxPriorityFeePerGas: ctx.maxPriorityFeePerGas,
    predictedProfit: built.keptProfit,
    builderPayment: built.builderPayment,
  };
  return { request, built };
}

function builderPaymentOf(op: Opportunity, ctx: BlockContext): BuilderPayment {
  return op.profitToken === ctx.plan.wrappedNative ? ctx.plan.builderPayment : { kind: "priority-fee" };
}

/**
 * What the simulator keeps gas figures by: the route (its pools, funding and builder payment) and
 * the route's shape (the same with hop kinds instead of pools).
 */
function routeKeys(
  op: Opportunity,
  funding: string,
  builderPayment: string,
): { route: string; shape: string } {
  const tail = `|${funding}|${builderPayment}`;
  return {
    route: op.path.map((h) => h.pool).join(",") + tail,
    shape: op.path.map((h) => h.kind).join(",") + tail,
  };
}

/**
 * The simulation request decide() would make for `op` at this block, without the gates or the
 * journal: for the simulator to learn a route's gas in idle time (Simulator.prepare). undefined
 * when no funding source or plan fits.
 */
export function simulationRequestOf(op: Opportunity, ctx: BlockContext): SimulationRequest | undefined {
  const funding = chooseFunding(op, ctx.funding);
  if (!funding) return undefined;
  const builderPayment = builderPaymentOf(op, ctx);
  let built: BuiltPlan;
  try {
    built = buildPlan(op, funding, { ...ctx.plan, builderPayment });
  } catch {
    return undefined;
  }
  return {
    from: ctx.operator,
    to: ctx.executor,
    data: encodeExecute(built.plan),
    blockTag: ctx.block,
    ...routeKeys(op, funding.kind, builderPayment.kind),
    expectedKept: built.keptProfit,
    modelGas: op.gas,
  };
}

function quarantine(deps: DecideDeps, kind: "pool" | "token", address: Address, reason: string): void {
  deps.journal.quarantine(kind, address, reason);
  deps.events.emit("quarantine", { kind, address, reason });
}
