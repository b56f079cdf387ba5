/**
 * Prometheus metrics for the keeper, fed only by its events (bot/events/keeperEvents.ts). Names and
 * meanings are listed in docs/dashboard.md. Amount counters are exact bigint sums rounded once
 * per scrape (see exactCounter.ts): exact to the unit below 2^53, a float64 approximation above.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Address } from "../core/address";
import type { TokenInfo } from "../config/types";
import type { KeeperEvents } from "../events/keeperEvents";
import { exactCounter } from "./exactCounter";
import { listenSafely, type TelemetryErrorHandler } from "./listen";
import type { StatusSource } from "./status";

export interface KeeperMetricsOptions {
  /** Known tokens: their symbols become the `symbol` label of amount counters. */
  readonly tokens?: readonly TokenInfo[];
  /** Asked at every scrape for the breaker, kill switch and quarantine gauges. */
  readonly statusSnapshot?: StatusSource;
  /** Node process metrics (CPU, memory, event loop lag, GC) under the omni_arb_ prefix. Default true. */
  readonly defaultMetrics?: boolean;
  readonly onError?: TelemetryErrorHandler;
}

export interface KeeperMetrics {
  readonly registry: Registry;
  /** Stops listening to the keeper's events (the registry keeps its values). */
  detach(): void;
}

/** Seconds. Stages run from well under a millisecond (risk) to seconds (a slow sync). */
export const STAGE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Seconds. Block header to bundle handed off: the whole budget is one block time or less. */
export const HANDOFF_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10,
];

export function createKeeperMetrics(events: KeeperEvents, options: KeeperMetricsOptions = {}): KeeperMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "omni_arb_" });
  const registers = [registry];
  const symbols = new Map((options.tokens ?? []).map((t) => [t.address.toLowerCase(), t.symbol]));
  const tokenLabels = (token: Address) => ({
    token: token.toLowerCase(),
    symbol: symbols.get(token.toLowerCase()) ?? "",
  });

  const stageSeconds = new Histogram({
    name: "omni_arb_stage_seconds",
    help: "Time spent in one keeper stage (sync, evaluate, risk, simulate, submit), seconds",
    labelNames: ["stage"],
    buckets: STAGE_BUCKETS,
    registers,
  });
  const blockToBundle = new Histogram({
    name: "omni_arb_block_to_bundle_seconds",
    help: "From block header received to the opportunity handed to the submitter, seconds",
    buckets: HANDOFF_BUCKETS,
    registers,
  });
  const blocks = new Counter({ name: "omni_arb_blocks_total", help: "Blocks applied", registers });
  const reorgs = new Counter({
    name: "omni_arb_reorgs_total",
    help: "Blocks that arrived after a reorg was repaired",
    registers,
  });
  const opportunities = new Counter({
    name: "omni_arb_opportunities_total",
    help: "Profitable cycles found by the engine, before risk",
    registers,
  });
  const decisions = new Counter({
    name: "omni_arb_decisions_total",
    help: "Opportunities through the risk gate and simulation, by reason code (ACCEPTED or why not)",
    labelNames: ["code"],
    registers,
  });
  const attempts = new Counter({
    name: "omni_arb_submission_attempts_total",
    help: "Attempts to send (one bundle to one relay for one block, or one transaction), by state",
    labelNames: ["state"],
    registers,
  });
  const bundles = new Counter({
    name: "omni_arb_bundles_total",
    help: "Submissions followed to an outcome: included, not-included or failed, with the reason",
    labelNames: ["outcome", "reason"],
    registers,
  });
  const realisedProfit = exactCounter(
    registry,
    "omni_arb_realised_profit_wei_total",
    "Realised profit of included submissions, raw integer units of the profit token (float64 of an exact sum)",
    ["token", "symbol"],
  );
  const realisedLoss = exactCounter(
    registry,
    "omni_arb_realised_loss_wei_total",
    "Included submissions whose measured balance change was negative, raw units of the profit token",
    ["token", "symbol"],
  );
  const gasCost = exactCounter(
    registry,
    "omni_arb_gas_cost_wei_total",
    "Wei paid for gas by included submissions and by reverted direct transactions",
    [],
  );
  const builderPaid = exactCounter(
    registry,
    "omni_arb_builder_payment_wei_total",
    "Wei paid to block builders (coinbase) by included submissions",
    [],
  );
  const profitUsd = new Gauge({
    name: "omni_arb_realised_profit_usd",
    help: "Realised profit since start, USD (outcomes priced by the keeper; may fall with losses)",
    registers,
  });
  const lastBlock = new Gauge({ name: "omni_arb_last_block", help: "Last block applied", registers });
  const lastBlockTime = new Gauge({
    name: "omni_arb_last_block_received_seconds",
    help: "When the last block was received, unix seconds",
    registers,
  });

  const gate = { breakerOpen: false, killSwitch: false };
  const quarantined = { pool: new Set<string>(), token: new Set<string>() };
  new Gauge({
    name: "omni_arb_breaker_open",
    help: "1 while the circuit breaker is open (no submissions), else 0",
    registers,
    collect() {
      this.set(Number(options.statusSnapshot?.().breakerOpen ?? gate.breakerOpen));
    },
  });
  new Gauge({
    name: "omni_arb_kill_switch",
    help: "1 while the kill switch is engaged, else 0",
    registers,
    collect() {
      this.set(Number(options.statusSnapshot?.().killSwitch ?? gate.killSwitch));
    },
  });
  new Gauge({
    name: "omni_arb_quarantined",
    help: "Quarantined pools and tokens, by kind",
    labelNames: ["kind"],
    registers,
    collect() {
      const listed = options.statusSnapshot?.().quarantined;
      for (const kind of ["pool", "token"] as const) {
        const count =
          listed === undefined ? quarantined[kind].size : listed.filter((q) => q.kind === kind).length;
        this.set({ kind }, count);
      }
    },
  });

  const detach = listenSafely(
    events,
    {
      block(block) {
        blocks.inc();
        if (block.reorgDepth > 0) reorgs.inc();
        lastBlock.set(block.number);
        lastBlockTime.set(block.receivedAtMs / 1000);
      },
      opportunities(found) {
        opportunities.inc(found.count);
      },
      decision(decision) {
        decisions.inc({ code: decision.code });
      },
      stage(stage) {
        stageSeconds.observe({ stage: stage.stage }, stage.ms / 1000);
      },
      handedOff(handoff) {
        blockToBundle.observe(handoff.ms / 1000);
      },
      attempt(attempt) {
        attempts.inc({ state: attempt.state });
      },
      outcome(result) {
        const outcome = result.outcome;
        bundles.inc({ outcome: outcome.kind, reason: outcome.kind === "included" ? "none" : outcome.reason });
        if (outcome.kind === "included") {
          const labels = tokenLabels(result.profitToken);
          if (outcome.realisedProfit >= 0n) realisedProfit.add(labels, outcome.realisedProfit);
          else realisedLoss.add(labels, -outcome.realisedProfit);
          gasCost.add({}, outcome.gasCostWei);
          builderPaid.add({}, outcome.builderPayment);
        } else if (outcome.kind === "failed" && outcome.gasCostWei !== undefined) {
          gasCost.add({}, outcome.gasCostWei);
        }
        if (result.realisedProfitUsd !== undefined) profitUsd.inc(result.realisedProfitUsd);
      },
      quarantine(entry) {
        quarantined[entry.kind].add(entry.address.toLowerCase());
      },
      gate(state) {
        gate.breakerOpen = state.breakerOpen;
        gate.killSwitch = state.killSwitch;
      },
    },
    options.onError,
  );
  return { registry, detach };
}
