/**
 * The dashboard's memory of the run: bounded histories of keeper events in wire form, totals since
 * start, the cumulative realised profit per block, and the safety state. A page that connects
 * mid-run is sent `replay()` first, then every new message as it happens.
 */
import type { Address } from "../../core/address";
import type { TokenInfo } from "../../config/types";
import type { KeeperEvents } from "../../events/keeperEvents";
import { listenSafely, type TelemetryErrorHandler } from "../listen";
import type { StatusSource } from "../status";
import { Ring } from "./ring";
import {
  wireAttempt,
  wireDecision,
  wireGate,
  wireOutcome,
  wireQuarantine,
  type WireAttempt,
  type WireBlock,
  type WireDecision,
  type WireGate,
  type WireHandedOff,
  type WireOpportunities,
  type WireOutcome,
  type WireProfitPoint,
  type WireQuarantine,
  type WireStage,
  type WireTotals,
} from "./wire";

export interface HistoryLimits {
  readonly decisions: number;
  readonly profitPoints: number;
  readonly outcomes: number;
  readonly attempts: number;
  readonly handoffs: number;
  readonly blocks: number;
  readonly stages: number;
  readonly quarantined: number;
}

export const DEFAULT_LIMITS: HistoryLimits = {
  decisions: 500,
  profitPoints: 1000,
  outcomes: 500,
  attempts: 1000,
  handoffs: 1000,
  blocks: 100,
  stages: 500,
  quarantined: 1000,
};

export interface Hello {
  readonly startedAtMs: number;
  readonly serverTimeMs: number;
  readonly nativeSymbol: string;
  readonly tokens: readonly {
    readonly address: Address;
    readonly symbol: string;
    readonly decimals: number;
  }[];
  /** Display names for other addresses (pools), lower-case address to label. */
  readonly labels: Readonly<Record<Address, string>>;
  readonly limits: HistoryLimits;
}

export type DashboardMessage =
  | { readonly event: "hello"; readonly data: Hello }
  | { readonly event: "block"; readonly data: WireBlock }
  | { readonly event: "opportunities"; readonly data: WireOpportunities }
  | { readonly event: "decision"; readonly data: WireDecision }
  | { readonly event: "stage"; readonly data: WireStage }
  | { readonly event: "handedOff"; readonly data: WireHandedOff }
  | { readonly event: "attempt"; readonly data: WireAttempt }
  | { readonly event: "outcome"; readonly data: WireOutcome }
  | { readonly event: "quarantine"; readonly data: WireQuarantine }
  | { readonly event: "gate"; readonly data: WireGate }
  | { readonly event: "profit"; readonly data: WireProfitPoint }
  | { readonly event: "totals"; readonly data: WireTotals }
  /** The end of the replayed history: what follows is live. */
  | { readonly event: "ready"; readonly data: { readonly replayed: number } };

export interface HistoryOptions {
  readonly tokens?: readonly TokenInfo[];
  /** Display names for pools (or any address), e.g. "WETH/USDC 0.05% v3". */
  readonly labels?: Readonly<Record<Address, string>>;
  /** The chain's native currency, for gas costs. Default "ETH". */
  readonly nativeSymbol?: string;
  readonly limits?: Partial<HistoryLimits>;
  readonly statusSnapshot?: StatusSource;
  readonly now?: () => number;
  readonly onError?: TelemetryErrorHandler;
}

export class DashboardHistory {
  readonly limits: HistoryLimits;
  private readonly now: () => number;
  private readonly startedAtMs: number;
  private readonly subscribers = new Set<(message: DashboardMessage) => void>();
  private readonly blocks: Ring<WireBlock>;
  private readonly opportunities: Ring<WireOpportunities>;
  private readonly decisions: Ring<WireDecision>;
  private readonly stages: Ring<WireStage>;
  private readonly handoffs: Ring<WireHandedOff>;
  private readonly attempts: Ring<WireAttempt>;
  private readonly outcomes: Ring<WireOutcome>;
  private readonly profit: Ring<WireProfitPoint>;
  private readonly quarantined = new Map<Address, WireQuarantine>();
  private gate: WireGate | undefined;
  private lastBlock: { number: number; atMs: number } | undefined;
  private readonly realised = new Map<Address, bigint>();
  private realisedUsd = 0;
  private counts = { blocks: 0, opportunities: 0, decisions: 0, accepted: 0, attempts: 0 };
  private outcomeCounts = { included: 0, notIncluded: 0, failed: 0 };
  private readonly detachEvents: () => void;

  constructor(
    events: KeeperEvents,
    private readonly options: HistoryOptions = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.startedAtMs = this.now();
    this.blocks = new Ring(this.limits.blocks);
    this.opportunities = new Ring(this.limits.blocks);
    this.decisions = new Ring(this.limits.decisions);
    this.stages = new Ring(this.limits.stages);
    this.handoffs = new Ring(this.limits.handoffs);
    this.attempts = new Ring(this.limits.attempts);
    this.outcomes = new Ring(this.limits.outcomes);
    this.profit = new Ring(this.limits.profitPoints);
    this.detachEvents = listenSafely(
      events,
      {
        block: (b) => {
          const seenAtMs = this.now();
          const block: WireBlock = { ...b, seenAtMs };
          this.lastBlock = { number: b.number, atMs: seenAtMs };
          this.counts.blocks += 1;
          this.blocks.push(block);
          this.publish({ event: "block", data: block });
          this.recordProfitPoint(b.number);
          this.publishTotals();
        },
        opportunities: (o) => {
          const found: WireOpportunities = { ...o, bestProfitUsd: o.bestProfitUsd ?? null, atMs: this.now() };
          this.counts.opportunities += o.count;
          this.opportunities.push(found);
          this.publish({ event: "opportunities", data: found });
          this.publishTotals();
        },
        decision: (d) => {
          const decision = wireDecision(d, this.now());
          this.counts.decisions += 1;
          if (d.accepted) this.counts.accepted += 1;
          this.decisions.push(decision);
          this.publish({ event: "decision", data: decision });
          this.publishTotals();
        },
        stage: (s) => {
          const stage: WireStage = { ...s };
          this.stages.push(stage);
          this.publish({ event: "stage", data: stage });
        },
        handedOff: (h) => {
          const handoff: WireHandedOff = { ...h, atMs: this.now() };
          this.handoffs.push(handoff);
          this.publish({ event: "handedOff", data: handoff });
        },
        attempt: (a) => {
          const attempt = wireAttempt(a, this.now());
          this.counts.attempts += 1;
          this.attempts.push(attempt);
          this.publish({ event: "attempt", data: attempt });
          this.publishTotals();
        },
        outcome: (o) => {
          const outcome = wireOutcome(o, this.now());
          const r = o.outcome;
          if (r.kind === "included") {
            this.outcomeCounts.included += 1;
            const token = o.profitToken.toLowerCase();
            this.realised.set(token, (this.realised.get(token) ?? 0n) + r.realisedProfit);
          } else if (r.kind === "not-included") this.outcomeCounts.notIncluded += 1;
          else this.outcomeCounts.failed += 1;
          this.realisedUsd += o.realisedProfitUsd ?? 0;
          this.outcomes.push(outcome);
          this.publish({ event: "outcome", data: outcome });
          const landed = r.kind === "included" ? Number(r.blockNumber) : (this.lastBlock?.number ?? 0);
          this.recordProfitPoint(landed);
          this.publishTotals();
        },
        quarantine: (q) => {
          const entry = wireQuarantine(q, this.now());
          this.quarantined.delete(entry.address);
          this.quarantined.set(entry.address, entry);
          if (this.quarantined.size > this.limits.quarantined) {
            this.quarantined.delete(this.quarantined.keys().next().value as Address);
          }
          this.publish({ event: "quarantine", data: entry });
        },
        gate: (g) => {
          this.gate = wireGate(g, this.now());
          this.publish({ event: "gate", data: this.gate });
        },
      },
      options.onError,
    );
  }

  /** The last block seen and when (by this process's clock), if any. */
  last(): { readonly number: number; readonly atMs: number } | undefined {
    return this.lastBlock;
  }

  started(): number {
    return this.startedAtMs;
  }

  /** Breaker and kill switch as the keeper reports them now, else as the last gate event said. */
  gateState(): WireGate {
    const snapshot = this.options.statusSnapshot?.();
    if (snapshot !== undefined) {
      return {
        breakerOpen: snapshot.breakerOpen,
        killSwitch: snapshot.killSwitch,
        reason: snapshot.reason ?? null,
        atMs: this.now(),
      };
    }
    return this.gate ?? { breakerOpen: false, killSwitch: false, reason: null, atMs: this.startedAtMs };
  }

  totals(): WireTotals {
    return {
      ...this.counts,
      ...this.outcomeCounts,
      realisedUsd: this.realisedUsd,
      realised: Object.fromEntries([...this.realised].map(([token, total]) => [token, total.toString()])),
    };
  }

  /** Everything a newly connected page needs, oldest first, ending with "ready". */
  replay(): DashboardMessage[] {
    const snapshot = this.options.statusSnapshot?.();
    const quarantined = snapshot?.quarantined?.map((q) => wireQuarantine(q, this.now())) ?? [
      ...this.quarantined.values(),
    ];
    const messages: DashboardMessage[] = [
      { event: "hello", data: this.hello() },
      { event: "gate", data: this.gateState() },
      ...quarantined.map((data) => ({ event: "quarantine" as const, data })),
      ...this.blocks.toArray().map((data) => ({ event: "block" as const, data })),
      ...this.opportunities.toArray().map((data) => ({ event: "opportunities" as const, data })),
      ...this.profit.toArray().map((data) => ({ event: "profit" as const, data })),
      ...this.stages.toArray().map((data) => ({ event: "stage" as const, data })),
      ...this.handoffs.toArray().map((data) => ({ event: "handedOff" as const, data })),
      ...this.decisions.toArray().map((data) => ({ event: "decision" as const, data })),
      ...this.attempts.toArray().map((data) => ({ event: "attempt" as const, data })),
      ...this.outcomes.toArray().map((data) => ({ event: "outcome" as const, data })),
      { event: "totals", data: this.totals() },
    ];
    return [...messages, { event: "ready", data: { replayed: messages.length } }];
  }

  /** Calls `listener` with every new message; returns the unsubscribe function. */
  subscribe(listener: (message: DashboardMessage) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  detach(): void {
    this.detachEvents();
    this.subscribers.clear();
  }

  private hello(): Hello {
    return {
      startedAtMs: this.startedAtMs,
      serverTimeMs: this.now(),
      nativeSymbol: this.options.nativeSymbol ?? "ETH",
      tokens: (this.options.tokens ?? []).map((t) => ({
        address: t.address.toLowerCase(),
        symbol: t.symbol,
        decimals: t.decimals,
      })),
      labels: Object.fromEntries(
        Object.entries(this.options.labels ?? {}).map(([address, label]) => [address.toLowerCase(), label]),
      ),
      limits: this.limits,
    };
  }

  /** The cumulative profit as of `block`: a new point, or the newest one brought up to date. */
  private recordProfitPoint(block: number): void {
    const last = this.profit.last();
    const point: WireProfitPoint = {
      block: last !== undefined && last.block >= block ? last.block : block,
      usd: this.realisedUsd,
      tokens: Object.fromEntries([...this.realised].map(([token, total]) => [token, total.toString()])),
    };
    if (last !== undefined && last.block >= block) this.profit.replaceLast(point);
    else this.profit.push(point);
    this.publish({ event: "profit", data: point });
  }

  private publishTotals(): void {
    this.publish({ event: "totals", data: this.totals() });
  }

  private publish(message: DashboardMessage): void {
    for (const listener of this.subscribers) listener(message);
  }
}
