import type { Interface } from "ethers";
import type { BlockRef } from "../chain/blockTracker";
import type { BlockHeader, ChainRpc } from "../chain/chainRpc";
import type { CostModel, FeeQuote, FundingKind } from "../chains/costModel";
import { costModelFor } from "../chains/registry";
import type { Collector, HeadEvent } from "../collectors/collector";
import type { Address } from "../core/address";
import { decide, simulationRequestOf, type GateContext } from "../decide/gates";
import type { BuilderPayment } from "../decide/planBuilder";
import type { RiskLimits } from "../decide/risk/limits";
import type { Simulator } from "../decide/simulator";
import { KeeperEvents } from "../events/keeperEvents";
import type { Submitter, SubmissionRequest } from "../execute/submitter";
import type { JournalPort } from "../journal/port";
import { poolPrices, type PoolPrices } from "../prices/poolPrices";
import { aaveReserveTokens, holderAndLenders, type Lenders } from "../state/lenderLiquidity";
import type { SyncResult } from "../state/initialSync";
import type { StateSync } from "../state/stateSync";
import { CycleArbStrategy } from "../strategies/cycle-arb/cycleArbStrategy";
import type { BlockEvent, Candidate, CandidateStream, Strategy } from "../strategies/strategy";
import type { PoolDescriptor } from "../venues/common/venue";
import { recordOutcome } from "./outcomes";

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
  /** The executor's lenders (its immutables) and the funding kinds allowed besides inventory. */
  readonly funding: {
    readonly balancerVault?: Address;
    readonly aavePool?: Address;
    readonly aaveFeeBps: number;
    readonly allowed: readonly FundingKind[];
  };
  /** V2 flash-swap callback selector per pool (by venue); default uniswapV2Call. */
  v2Callback(pool: Address): string;
}

export interface KeeperDeps {
  readonly rpc: ChainRpc;
  readonly sync: StateSync;
  readonly simulator: Simulator;
  readonly submitter: Submitter;
  readonly journal: JournalPort;
  readonly killSwitch: () => { engaged: boolean; reason?: string };
  readonly now?: () => number;
  readonly events?: KeeperEvents;
  /** The chain's cost model (default: the chain id's, bot/chains/registry.ts). */
  readonly costModel?: CostModel;
  /** The strategies whose candidates pass the gates, in order (default: cycle arbitrage). */
  readonly strategies?: readonly Strategy<BlockEvent>[];
  /** The executor's custom errors, to tell what a failed simulation's revert names. */
  readonly errors?: Interface;
}

/** Opportunities after a block's hand-offs whose route gas the simulator learns in idle time. */
const PREPARED_ROUTES = 4;

/** One block's inputs to its decisions. */
interface BlockWork {
  readonly tip: BlockHeader;
  readonly event: BlockEvent;
  readonly reads: Promise<BlockReads>;
  readonly fees: FeeQuote;
  readonly prices: PoolPrices;
  readonly usd: (token: Address, amount: bigint) => number | undefined;
  readonly receivedAtMs: number;
}

/** What the executor holds and its lenders can lend, read at the block. */
interface BlockReads {
  readonly inventory: ReadonlyMap<Address, bigint>;
  readonly balancer: ReadonlyMap<Address, bigint>;
  readonly aave: ReadonlyMap<Address, bigint>;
}

/**
 * The keeper's pipeline, after paradigmxyz/artemis's collector -> strategy -> executor: a head
 * comes in (a collector, bot/collectors/); the pool state is brought exactly to it (StateSync,
 * reorg-aware) and handed to the strategies as a BlockEvent; each strategy's candidates, best
 * first and not sharing a pool with one already taken, go through the gates (bot/decide/gates.ts)
 * and on to the submitter, whose outcome is journaled when known. Events (KeeperEvents) are the
 * only way out: telemetry and the dashboard listen, the pipeline imports neither. Heads are
 * processed one at a time; a head that arrives while one is processed is coalesced.
 */
export class Keeper {
  readonly events: KeeperEvents;
  private readonly now: () => number;
  private readonly costModel: CostModel;
  private readonly strategies: readonly Strategy<BlockEvent>[];
  private readonly inFlight = new Set<Promise<void>>();
  private busy: Promise<void> | undefined;
  private queued: { head: BlockRef; receivedAtMs: number } | undefined;
  private stopped = false;
  /** The synced head no decision has been made on yet (the start block, until the first head). */
  private undecided: BlockHeader | undefined;
  private lenders: Lenders = { aaveTokens: new Map() };

  constructor(
    private readonly settings: KeeperSettings,
    private readonly deps: KeeperDeps,
  ) {
    this.events = deps.events ?? new KeeperEvents();
    this.now = deps.now ?? (() => performance.now());
    this.costModel = deps.costModel ?? costModelFor(settings.chainId);
    this.strategies = deps.strategies ?? [
      new CycleArbStrategy({ bases: settings.bases, swapGas: (kinds) => this.costModel.swapGas(kinds) }),
    ];
  }

  /** Reads every pool and the lenders' reserves, and primes the strategies; call once before heads arrive. */
  async start(
    pools: readonly PoolDescriptor[],
  ): Promise<{ head: BlockHeader; unreadable: PoolDescriptor[]; v3Ticks: SyncResult["v3Ticks"] }> {
    const { aavePool, balancerVault } = this.settings.funding;
    const [started, aaveTokens] = await Promise.all([
      this.deps.sync.start(pools),
      aavePool === undefined
        ? new Map<Address, Address>()
        : aaveReserveTokens(this.deps.rpc, aavePool, this.settings.bases),
    ]);
    this.lenders = { balancerVault, aaveTokens };
    const all = { pools: () => this.deps.sync.store.all() };
    for (const s of this.strategies) s.prime?.(all);
    this.undecided = started.head;
    return started;
  }

  get pendingSubmissions(): number {
    return this.inFlight.size;
  }

  /** Runs the pipeline on a collector's heads until `signal` aborts. */
  async run(collector: Collector<HeadEvent>, signal: AbortSignal): Promise<void> {
    for await (const e of collector.stream(signal)) await this.onHead(e.head, e.receivedAtMs);
  }

  /** Feeds one head. Resolves when this head, or a later one, was processed. */
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

  private async process(head: BlockRef, receivedAtMs: number): Promise<void> {
    const { sync, journal } = this.deps;
    const s = this.settings;
    const t0 = this.now();
    // The head's header and logs, and the executor's inventory and its lenders' liquidity at it,
    // are asked for at once: one round trip before the state is current (checked against the tip).
    this.deps.rpc.prefetchBlock?.(head.hash);
    let readsAt = head.number;
    let reads = this.blockReads(head.number);
    reads.catch(() => undefined); // awaited below; don't report a rejection twice
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
    if (tip.number !== readsAt) {
      readsAt = tip.number;
      reads = this.blockReads(tip.number);
      reads.catch(() => undefined);
    }

    const t1 = this.now();
    const event: BlockEvent = {
      kind: "block",
      tip,
      changed: advance.changed,
      added: advance.added,
      reorg: advance.reorg !== undefined,
      pools: () => sync.store.all(),
    };
    const prices = poolPrices(sync.store.all(), s.usdAnchor, s.wrappedNative);
    const fees = this.costModel.fees(tip, { priorityFeeWei: s.priorityFeeWei, blocks: s.blocksAhead });
    const usd = (token: Address, amount: bigint) => {
      const u = prices.usdPerRaw.get(token);
      return u === undefined ? undefined : u * Number(amount);
    };
    const pricing = { gasPriceWei: fees.gasPriceWei, tokenPerNative: prices.tokenPerNative };
    const streams = this.strategies.map((st) => st.onEvent(event, { pricing }));
    const first = streams.map((st) => st.next());
    this.events.emit("stage", { stage: "evaluate", ms: this.now() - t1 });
    let opportunities = 0;
    try {
      if (first.some((c) => c !== undefined)) {
        await this.decideAll(streams, first, { tip, event, reads, fees, prices, usd, receivedAtMs });
      }
    } finally {
      // The blocks seen are bookkeeping (status, reports), not a gate: journaled after the hand-offs.
      for (const b of advance.applied) {
        await journal.recordBlock({
          chainId: s.chainId,
          number: BigInt(b.number),
          hash: b.hash,
          parentHash: b.parentHash,
          timestamp: BigInt(b.timestamp),
        });
      }
      // Everything not sized on the way to the hand-offs is sized now, before the next head.
      for (const st of streams) opportunities += st.close().opportunities;
      const best = first.find((c) => c !== undefined)?.opportunity;
      this.events.emit("opportunities", {
        block: tip.number,
        count: opportunities,
        bestProfitUsd: best !== undefined ? usd(best.profitToken, best.profit) : undefined,
      });
    }
  }

  /** The gates for each candidate, best first per strategy, until the block's submissions are used up. */
  private async decideAll(
    streams: readonly CandidateStream[],
    first: readonly (Candidate | undefined)[],
    work: BlockWork,
  ): Promise<void> {
    const { tip, reads, fees, prices, usd, receivedAtMs } = work;
    const { sync, journal } = this.deps;
    const s = this.settings;
    const nowMs = Date.now();
    const [state, balances] = await Promise.all([journal.riskState(nowMs, s.limits.breaker), reads]);
    const targetBlock = BigInt(tip.number + 1);
    const ctx: GateContext = {
      chainId: s.chainId,
      block: tip.number,
      targetBlock,
      costModel: this.costModel,
      fees,
      risk: {
        limits: s.limits,
        costModel: this.costModel,
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
      funding: {
        inventory: (t) => balances.inventory.get(t) ?? 0n,
        available: (kind, t) => (kind === "balancer" ? balances.balancer : balances.aave).get(t),
        allowed: s.funding.allowed,
        aaveFeeBps: s.funding.aaveFeeBps,
      },
      submissionKind: s.submissionKind,
      executor: s.executor,
      operator: s.operator,
      bases: new Set(s.bases),
      venueOf: (p) => sync.store.descriptor(p)?.venue,
      usd,
      gasMarginBps: s.gasMarginBps,
      nowMs,
    };
    const taken = new Set<Address>();
    let submitted = 0;
    const gateDeps = {
      journal,
      simulator: this.deps.simulator,
      events: this.events,
      now: this.now,
      errors: this.deps.errors,
    };
    let last: { stream: CandidateStream; candidate: Candidate | undefined } | undefined;
    for (let i = 0; i < streams.length && submitted < s.maxSubmissionsPerBlock; i++) {
      let c = first[i];
      for (; c !== undefined && submitted < s.maxSubmissionsPerBlock; c = streams[i].next()) {
        const op = c.opportunity;
        // Two plans through one pool in one block: the second would be priced on a stale state.
        if (op.path.some((h) => taken.has(h.pool))) continue;
        const passed = await decide(op, ctx, gateDeps);
        if (!passed) continue;
        for (const h of op.path) taken.add(h.pool);
        submitted++;
        this.events.emit("handedOff", {
          key: passed.request.idempotencyKey,
          block: tip.number,
          ms: this.now() - receivedAtMs,
        });
        this.track(passed.request, usd);
      }
      // The first candidate not decided on (the loop stopped at the block's last submission).
      last = { stream: streams[i], candidate: c };
    }
    // Idle-time work for the next heads: the gas of the next routes in line, so that their first
    // simulation is one call too. Stops as soon as a newer head is waiting.
    const simulator = this.deps.simulator;
    if (simulator.prepare === undefined || last === undefined) return;
    let c = last.candidate;
    for (let i = 0; i < PREPARED_ROUTES && c !== undefined; i++, c = last.stream.next()) {
      if (this.queued || this.stopped) break;
      const request = simulationRequestOf(c.opportunity, ctx);
      if (request !== undefined) await simulator.prepare(request);
    }
  }

  private track(request: SubmissionRequest, usd: (t: Address, a: bigint) => number | undefined): void {
    const { journal } = this.deps;
    const t = this.now();
    const p = this.deps.submitter
      .submit(request, async (attempt) => {
        // Journaled before the submitter acts on the attempt's result (it awaits this).
        await journal.recordSubmission({
          idempotencyKey: attempt.idempotencyKey,
          targetBlock: attempt.targetBlock,
          relay: attempt.relay,
          state: attempt.state,
          bundleHash: attempt.bundleHash ?? attempt.txHash,
          error: attempt.error,
        });
        this.events.emit("attempt", attempt);
      })
      .then(async (outcome) => {
        this.events.emit("stage", { stage: "submit", ms: this.now() - t });
        await recordOutcome(journal, this.events, request, outcome, usd, this.settings.wrappedNative);
      })
      .catch(async (err) => {
        await recordOutcome(
          journal,
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

  /** The executor's balance of each base token (its inventory), and what its lenders hold of them. */
  private async blockReads(block: number): Promise<BlockReads> {
    const tokens = [...new Set(this.settings.bases)];
    const allowed = this.settings.funding.allowed;
    const lenders: Lenders = {
      balancerVault: allowed.includes("balancer") ? this.lenders.balancerVault : undefined,
      aaveTokens: allowed.includes("aave") ? this.lenders.aaveTokens : new Map(),
    };
    return holderAndLenders(this.deps.rpc, this.settings.executor, lenders, tokens, block);
  }
}
