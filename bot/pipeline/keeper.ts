import type { Address } from "../core/address";
import type { BlockRef } from "../chain/blockTracker";
import type { BlockHeader, ChainRpc } from "../chain/chainRpc";
import type { Journal } from "../journal/Journal";
import { riskStateOf } from "../journal/riskState";
import type { RiskLimits } from "../decide/risk/limits";
import type { GasModel } from "../chains/gasModel";
import { OpportunityEngine } from "../strategies/cycle-arb/engine";
import type { Opportunity } from "../strategies/opportunity";
import type { RankedStream } from "../strategies/cycle-arb/rankedStream";
import type { PoolDescriptor } from "../venues/venue";
import type { SyncResult } from "../state/initialSync";
import type { StateSync } from "../state/stateSync";
import { decide, simulationRequestOf, type BlockContext } from "../decide/decide";
import { KeeperEvents } from "./events";
import { nextBaseFee } from "../chains/nextBaseFee";
import { recordOutcome } from "./outcomes";
import type { BuilderPayment, FundingSources } from "../decide/planBuilder";
import { poolPrices, type PoolPrices } from "../prices/poolPrices";
import type { Simulator } from "../decide/simulator";
import type { Submitter } from "../execute/submitter";

export interface KeeperSettings {
  readonly chainId: number;
  readonly executor: Address;
  readonly operator: Address;
  readonly bases: readonly Address[];
  readonly usdAnchor: { readonly token: Address; readonly decimals: number };
  readonly wrappedNative: Address;
  readonly limits: RiskLimits;
  readonly builderPayment: BuilderPayment;
  readonly submissionKind: "flashbots" | "direct";
  /** Blocks a plan stays valid: the deadline is target + blocksAhead - 1. */
  readonly blocksAhead: number;
  readonly maxSubmissionsPerBlock: number;
  readonly priorityFeeWei: bigint;
  readonly gasMarginBps: bigint;
  readonly gasModel?: GasModel;
  /** Funding kinds allowed after inventory, in order, and the lenders. */
  readonly funding: Omit<FundingSources, "inventory">;
  /** V2 flash-swap callback selector per pool (by venue); default uniswapV2Call. */
  v2Callback(pool: Address): string;
}

export interface KeeperDeps {
  readonly rpc: ChainRpc;
  readonly sync: StateSync;
  readonly simulator: Simulator;
  readonly submitter: Submitter;
  readonly journal: Journal;
  readonly killSwitch: () => { engaged: boolean; reason?: string };
  readonly now?: () => number;
  readonly events?: KeeperEvents;
}

const BALANCE_OF = "0x70a08231";
/** Opportunities after a block's hand-offs whose route gas the simulator learns in idle time. */
const PREPARED_ROUTES = 4;

/** One block's state for its decisions: the best opportunity and the stream of the others. */
interface BlockWork {
  readonly best: Opportunity;
  readonly ranked: RankedStream;
  readonly tip: BlockHeader;
  readonly inventoryRead: Promise<Map<Address, bigint>>;
  readonly maxFeePerGas: bigint;
  readonly prices: PoolPrices;
  readonly usd: (token: Address, amount: bigint) => number | undefined;
  readonly receivedAtMs: number;
}

/**
 * The keeper's pipeline, after collectors -> strategy -> executor: a head comes in; the state is
 * brought exactly to it (StateSync, reorg-aware); the engine re-evaluates the cycles of the pools
 * that changed; each opportunity, best first and not sharing a pool with one already taken, goes
 * through the gates (decide.ts) and on to the submitter, whose outcome is journaled when known.
 * Heads are processed one at a time; a head that arrives while one is processed is coalesced.
 */
export class Keeper {
  readonly events: KeeperEvents;
  private engine: OpportunityEngine | undefined;
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<void>>();
  private busy: Promise<void> | undefined;
  private queued: { head: BlockRef; receivedAtMs: number } | undefined;
  private stopped = false;
  /** The synced head no decision has been made on yet (the start block, until the first head). */
  private undecided: BlockHeader | undefined;

  constructor(
    private readonly settings: KeeperSettings,
    private readonly deps: KeeperDeps,
  ) {
    this.events = deps.events ?? new KeeperEvents();
    this.now = deps.now ?? (() => performance.now());
  }

  /** Reads every pool and builds the engine; call once before heads arrive. */
  async start(
    pools: readonly PoolDescriptor[],
  ): Promise<{ head: BlockHeader; unreadable: PoolDescriptor[]; v3Ticks: SyncResult["v3Ticks"] }> {
    const started = await this.deps.sync.start(pools);
    this.rebuildEngine();
    this.undecided = started.head;
    return started;
  }

  get pendingSubmissions(): number {
    return this.inFlight.size;
  }

  /** Feeds one head (from a head stream). Resolves when this head, or a later one, was processed. */
  onHead(head: BlockRef, receivedAtMs: number = this.now()): Promise<void> {
    this.queued = { head, receivedAtMs };
    if (!this.busy) {
      this.busy = (async () => {
        while (this.queued && !this.stopped) {
          const next = this.queued;
          this.queued = undefined;
          try {
            await this.process(next.head, next.receivedAtMs);
          } catch (error) {
            // One bad block must not stop the keeper: the next head re-syncs from the tracker.
            const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
            this.events.emit("fault", { block: next.head.number, message, error });
          }
        }
        this.busy = undefined;
      })();
    }
    return this.busy;
  }

  /** Stops taking heads and waits for submissions in flight to reach an outcome. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.busy;
    await Promise.allSettled([...this.inFlight]);
  }

  private rebuildEngine(): void {
    this.engine = new OpportunityEngine([...this.deps.sync.store.all()], {
      bases: this.settings.bases,
      gasModel: this.settings.gasModel,
    });
    this.engine.evaluateAll();
  }

  private async process(head: BlockRef, receivedAtMs: number): Promise<void> {
    const { sync, journal } = this.deps;
    const s = this.settings;
    const t0 = this.now();
    // The head's header and logs, and the executor's inventory at it, are asked for at once: one
    // round trip before the state is current (the inventory is checked against the tip below).
    this.deps.rpc.prefetchBlock?.(head.hash);
    let inventoryAt = head.number;
    let inventoryRead = this.inventory(head.number, new Set(s.bases));
    inventoryRead.catch(() => undefined); // awaited below; don't report a rejection twice
    const advance = await sync.advance(head);
    const tip = advance.applied[advance.applied.length - 1] ?? this.undecided;
    this.undecided = undefined;
    if (!tip) return;
    this.events.emit("stage", { stage: "sync", ms: this.now() - t0 });
    this.events.emit("block", {
      number: tip.number,
      hash: tip.hash,
      changedPools: advance.changed.size,
      reorgDepth: advance.reorg?.dropped.length ?? 0,
      // receivedAtMs is on the keeper's monotonic clock; listeners want wall-clock time.
      receivedAtMs: Date.now() - (this.now() - receivedAtMs),
    });
    if (tip.number !== inventoryAt) {
      inventoryAt = tip.number;
      inventoryRead = this.inventory(tip.number, new Set(s.bases));
      inventoryRead.catch(() => undefined);
    }

    const t1 = this.now();
    // Cycles of the changed pools are only screened here; the ranked stream sizes them exactly as
    // they can reach the top, so the best opportunity goes to the gates before the rest is sized.
    if (advance.added.length > 0 || !this.engine) this.rebuildEngine();
    else if (advance.changed.size > 0) this.engine.markChanged(advance.changed);
    const engine = this.engine!;
    const prices = poolPrices(sync.store.all(), s.usdAnchor, s.wrappedNative);
    const baseFee = nextBaseFee(tip);
    const maxFeePerGas = baseFee * 2n + s.priorityFeeWei;
    const ranked = engine.ranked({
      gasPriceWei: baseFee + s.priorityFeeWei,
      tokenPerNative: prices.tokenPerNative,
    });
    const best = ranked.next();
    this.events.emit("stage", { stage: "evaluate", ms: this.now() - t1 });
    const usd = (token: Address, amount: bigint) => {
      const u = prices.usdPerRaw.get(token);
      return u === undefined ? undefined : u * Number(amount);
    };
    try {
      if (best !== undefined) {
        await this.decideAll({ best, ranked, tip, inventoryRead, maxFeePerGas, prices, usd, receivedAtMs });
      }
    } finally {
      // The blocks seen are bookkeeping (status, reports), not a gate: journaled after the hand-offs.
      for (const b of advance.applied) {
        journal.recordBlock({
          chainId: s.chainId,
          number: BigInt(b.number),
          hash: b.hash,
          parentHash: b.parentHash,
          timestamp: BigInt(b.timestamp),
        });
      }
      // Everything not sized on the way to the hand-offs is sized now, before the next head.
      engine.settle();
      this.events.emit("opportunities", {
        block: tip.number,
        count: engine.opportunityCount,
        bestProfitUsd: best !== undefined ? usd(best.profitToken, best.profit) : undefined,
      });
    }
  }

  /** The gates for each opportunity, best first, until the block's submissions are used up. */
  private async decideAll(work: BlockWork): Promise<void> {
    const { best, ranked, tip, inventoryRead, maxFeePerGas, prices, usd, receivedAtMs } = work;
    const { sync, journal } = this.deps;
    const s = this.settings;
    const nowMs = Date.now();
    const state = riskStateOf(journal, nowMs, s.limits.breaker);
    const inventory = await inventoryRead;
    const targetBlock = BigInt(tip.number + 1);
    const ctx: BlockContext = {
      chainId: s.chainId,
      block: tip.number,
      targetBlock,
      maxFeePerGas,
      maxPriorityFeePerGas: s.priorityFeeWei,
      risk: {
        limits: s.limits,
        prices: prices.prices,
        nowMs,
        breaker: state.breaker,
        killSwitch: this.deps.killSwitch(),
        quarantinedTokens: state.quarantinedTokens,
        quarantinedPools: state.quarantinedPools,
        lossTodayUsd: state.lossTodayUsd,
      },
      plan: {
        deadlineBlock: targetBlock + BigInt(s.blocksAhead - 1),
        wrappedNative: s.wrappedNative,
        builderPayment: s.builderPayment,
        v2Callback: (p) => s.v2Callback(p),
      },
      funding: { ...s.funding, inventory: (t) => inventory.get(t) ?? 0n },
      submissionKind: s.submissionKind,
      executor: s.executor,
      operator: s.operator,
      bases: new Set(s.bases),
      venueOf: (p) => sync.store.descriptor(p)?.venue,
      usd,
      gasMarginBps: s.gasMarginBps,
    };
    const taken = new Set<Address>();
    let submitted = 0;
    let op: Opportunity | undefined = best;
    for (; op !== undefined && submitted < s.maxSubmissionsPerBlock; op = ranked.next()) {
      // Two plans through one pool in one block: the second would be priced on a stale state.
      if (op.path.some((h) => taken.has(h.pool))) continue;
      const decided = await decide(op, ctx, {
        journal,
        simulator: this.deps.simulator,
        events: this.events,
        now: this.now,
      });
      if (!decided) continue;
      for (const h of op.path) taken.add(h.pool);
      submitted++;
      this.events.emit("handedOff", {
        key: decided.request.idempotencyKey,
        block: tip.number,
        ms: this.now() - receivedAtMs,
      });
      this.track(decided.request, usd);
    }
    // Idle-time work for the next heads: the gas of the next routes in line, so that their first
    // simulation is one call too. Stops as soon as a newer head is waiting.
    const simulator = this.deps.simulator;
    if (simulator.prepare === undefined) return;
    for (let i = 0; i < PREPARED_ROUTES && op !== undefined; i++, op = ranked.next()) {
      if (this.queued || this.stopped) break;
      const request = simulationRequestOf(op, ctx);
      if (request !== undefined) await simulator.prepare(request);
    }
  }

  private track(
    request: Parameters<Submitter["submit"]>[0],
    usd: (t: Address, a: bigint) => number | undefined,
  ): void {
    const t = this.now();
    const p = this.deps.submitter
      .submit(request, (attempt) => {
        this.deps.journal.recordSubmission({
          idempotencyKey: attempt.idempotencyKey,
          targetBlock: attempt.targetBlock,
          relay: attempt.relay,
          state: attempt.state,
          bundleHash: attempt.bundleHash ?? attempt.txHash,
          error: attempt.error,
        });
        this.events.emit("attempt", attempt);
      })
      .then((outcome) => {
        this.events.emit("stage", { stage: "submit", ms: this.now() - t });
        recordOutcome(this.deps.journal, this.events, request, outcome, usd, this.settings.wrappedNative);
      })
      .catch((err) => {
        recordOutcome(
          this.deps.journal,
          this.events,
          request,
          { kind: "failed", reason: "error", detail: String(err instanceof Error ? err.message : err) },
          usd,
          this.settings.wrappedNative,
        );
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** The executor's balance of each token that could start a cycle: its inventory. */
  private async inventory(block: number, tokens: Set<Address>): Promise<Map<Address, bigint>> {
    const owner = this.settings.executor.slice(2).padStart(64, "0");
    const entries = await Promise.all(
      [...tokens].map(async (t) => {
        const ret = await this.deps.rpc.call({ to: t, data: BALANCE_OF + owner, blockTag: block });
        return [t, ret.length >= 66 ? BigInt(ret.slice(0, 66)) : 0n] as const;
      }),
    );
    return new Map(entries);
  }
}
