import { OmniArbError } from "../../core/errors";
import type { Address } from "../../core/address";
import type { PoolModel } from "../../venues/common/poolModel";
import { CycleIndex, MAX_HOPS } from "./cycleIndex";
import { expectedGas } from "../../chains/gasModel";
import type { Hop } from "./hop";
import type { Opportunity, OpportunityHop } from "../opportunity";
import type { HopBound } from "../../venues/common/floatCurve";
import { cycleProfitBound } from "./profitBound";
import { RankedStream } from "./rankedStream";
import type { GasPricing } from "../strategy";
import { rankOpportunities } from "./rankOpportunities";
import { sizeCycle } from "./sizeCycle";
import { TokenGraph } from "./tokenGraph";

/** The engine was asked about something it does not hold (a caller's bug, not bad market data). */
export class EngineError extends OmniArbError {
  override readonly name = "EngineError";
}

/**
 * Cycles whose product of marginal rates is at most 1 - SCREEN_MARGIN are skipped without exact
 * work. An exact profit needs the product above 1 (profit is concave, so its slope at zero is the
 * largest), and float rates are accurate to ~1e-15 relative, so a margin of 1e-9 never skips a
 * profitable cycle.
 */
export const SCREEN_MARGIN = 1e-9;

export interface EngineOptions {
  /** Base tokens (addresses) in priority order; cycles start and end in them. */
  readonly bases: readonly Address[];
  /**
   * Gas of a cycle's swaps from its hops' venue kinds (CostModel.swapGas), what opportunities are
   * ranked net of; default: the executor's measured figures (bot/chains/gasModel.ts).
   */
  readonly swapGas?: (hopKinds: readonly string[]) => bigint;
}

/**
 * The opportunity engine: owns the cycle index over a fixed set of pool models and keeps the set
 * of profitable cycles, each sized exactly, current. Models are updated in place by their owner
 * (e.g. a V2 pool's applySync); the owner then reports which pools changed and only their cycles
 * are re-evaluated. Pure computation, no I/O.
 */
export class OpportunityEngine {
  readonly graph: TokenGraph;
  readonly cycles: CycleIndex;
  private readonly swapGas: (hopKinds: readonly string[]) => bigint;
  /** Marginal rate of pool p: [2p] token1 -> token0, [2p + 1] token0 -> token1. */
  private readonly rates: Float64Array;
  private readonly current = new Map<number, Opportunity>();
  /** 1 where `current` holds cycle c: skips a Map lookup for the many cycles that have none. */
  private readonly hasOpportunity: Uint8Array;
  private readonly seen: Uint32Array;
  private epoch = 0;
  /**
   * Cycles that passed the screen after a change but are not sized yet (markChanged): 1 in
   * `isPending`, listed (possibly with stale or repeated entries) in `pending`.
   */
  private readonly isPending: Uint8Array;
  private pending: number[] = [];
  /** Bounding curve of pool p's hop, per direction as in `rates`; recomputed when p changes. */
  private readonly bounds: (HopBound | undefined)[];
  private readonly boundFresh: Uint8Array;
  /** Cycles sized exactly by the last evaluation (those that passed the float screen). */
  lastSized = 0;

  constructor(pools: readonly PoolModel[], options: EngineOptions) {
    this.graph = new TokenGraph(pools);
    const bases = options.bases
      .map((a) => this.graph.tokenId(a))
      .filter((id): id is number => id !== undefined);
    this.cycles = CycleIndex.build(this.graph, bases);
    this.swapGas = options.swapGas ?? ((kinds) => expectedGas(kinds));
    this.rates = new Float64Array(2 * pools.length);
    this.seen = new Uint32Array(this.cycles.count);
    this.hasOpportunity = new Uint8Array(this.cycles.count);
    this.isPending = new Uint8Array(this.cycles.count);
    this.bounds = new Array<HopBound | undefined>(2 * pools.length);
    this.boundFresh = new Uint8Array(pools.length);
  }

  /** Recomputes every pool's rates and every cycle from scratch. */
  evaluateAll(): void {
    for (let p = 0; p < this.graph.pools.length; p++) this.refreshRates(p);
    this.current.clear();
    this.hasOpportunity.fill(0);
    this.isPending.fill(0);
    this.pending = [];
    this.lastSized = 0;
    for (let c = 0; c < this.cycles.count; c++) this.evaluate(c);
  }

  /**
   * Re-evaluates only the cycles through the given pools (after their models changed). Returns
   * the number of (pool, cycle) entries screened: a cycle through two changed pools counts twice
   * (it is sized at most once). Unknown addresses are an error in the caller's bookkeeping.
   */
  poolsChanged(pools: Iterable<Address>): number {
    const touched = this.markChanged(pools);
    this.settle();
    return touched;
  }

  /**
   * Like poolsChanged, but the cycles that pass the screen are only marked for sizing: `ranked`
   * sizes them as they can reach the top, `settle` sizes the rest. Every accessor of the
   * opportunity set settles first, so the result is the same as poolsChanged.
   */
  markChanged(pools: Iterable<Address>): number {
    const ids: number[] = [];
    for (const a of pools) {
      const id = this.graph.poolId(a);
      if (id === undefined) {
        throw new EngineError("POOL_NOT_IN_ENGINE", `pool ${a} is not in the engine`, {
          details: { pool: a },
        });
      }
      this.refreshRates(id);
      ids.push(id);
    }
    // A cycle through two changed pools is sized once: stamp it with this update's epoch.
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    this.lastSized = 0;
    let touched = 0;
    const { poolCycleOffsets, poolCycles, entryOwnRate, entryOtherRate1, entryOtherRate2 } = this.cycles;
    const { rates, seen, hasOpportunity, isPending, pending } = this;
    const epoch = this.epoch;
    const threshold = 1 - SCREEN_MARGIN;
    for (const p of ids) {
      // Sequential reads over the pool's CSR slice; every changed pool's rates are already fresh,
      // so a cycle reached from two changed pools screens the same from both.
      for (let k = poolCycleOffsets[p], end = poolCycleOffsets[p + 1]; k < end; k++) {
        touched++;
        let product = rates[entryOwnRate[k]] * rates[entryOtherRate1[k]];
        const o2 = entryOtherRate2[k];
        if (o2 >= 0) product *= rates[o2];
        const c = poolCycles[k];
        if (product <= threshold) {
          if (hasOpportunity[c] === 1) this.drop(c);
          isPending[c] = 0;
          continue;
        }
        // Written so that a NaN product is sized, not skipped. Size each cycle once per update.
        if (seen[c] === epoch) continue;
        seen[c] = epoch;
        if (hasOpportunity[c] === 1) this.drop(c);
        if (isPending[c] === 0) {
          isPending[c] = 1;
          pending.push(c);
        }
      }
    }
    return touched;
  }

  /** Sizes every cycle still marked by markChanged. */
  settle(): void {
    const list = this.pending;
    this.pending = [];
    for (const c of list) {
      if (this.isPending[c] === 0) continue;
      this.isPending[c] = 0;
      this.lastSized++;
      this.size(c);
    }
  }

  /**
   * The opportunities best first, as `opportunities(pricing)` orders them, sizing marked cycles
   * only when their profit bound (profitBound.ts) could put them ahead of the best one left. Valid
   * until the engine next changes; call `settle` when done with it.
   */
  ranked(pricing?: GasPricing): RankedStream {
    const stream = new RankedStream(
      {
        size: (c) => {
          if (this.isPending[c] === 1) {
            this.isPending[c] = 0;
            this.lastSized++;
            this.size(c);
          }
          return this.current.get(c);
        },
      },
      pricing,
    );
    for (const op of this.current.values()) stream.addExact(op);
    const list: number[] = [];
    for (const c of this.pending) {
      if (this.isPending[c] !== 1) continue;
      this.isPending[c] = 2; // listed once even when `pending` repeats it
      list.push(c);
      stream.addPending(c, this.profitBound(c), this.gasOf(c), this.graph.tokens[this.cycles.startToken[c]]);
    }
    for (const c of list) this.isPending[c] = 1;
    this.pending = list;
    return stream;
  }

  /** How many cycles have an opportunity now. */
  get opportunityCount(): number {
    this.settle();
    return this.current.size;
  }

  /** The current opportunities, best first (see rankOpportunities). */
  opportunities(pricing?: GasPricing): Opportunity[] {
    this.settle();
    return rankOpportunities([...this.current.values()], pricing);
  }

  /** The current opportunity of one cycle, if it has one. */
  opportunityOf(cycleId: number): Opportunity | undefined {
    this.settle();
    return this.current.get(cycleId);
  }

  /** The hops of a cycle as models and directions. */
  hopsOf(c: number): Hop[] {
    const hops: Hop[] = [];
    for (let h = 0; h < this.cycles.hopCount[c]; h++) {
      hops.push({
        pool: this.graph.pools[this.cycles.hopPools[c * MAX_HOPS + h]],
        zeroForOne: this.cycles.zeroForOne(c, h),
      });
    }
    return hops;
  }

  private refreshRates(p: number): void {
    const pool = this.graph.pools[p];
    this.rates[2 * p] = pool.marginalRate(false);
    this.rates[2 * p + 1] = pool.marginalRate(true);
    this.boundFresh[p] = 0;
  }

  /** Upper bound on cycle c's exact profit (see profitBound.ts). */
  private profitBound(c: number): number {
    const cy = this.cycles;
    const hops: (HopBound | undefined)[] = [];
    for (let h = 0; h < cy.hopCount[c]; h++) {
      const p = cy.hopPools[c * MAX_HOPS + h];
      if (this.boundFresh[p] === 0) {
        const pool = this.graph.pools[p];
        this.bounds[2 * p] = pool.bound(false);
        this.bounds[2 * p + 1] = pool.bound(true);
        this.boundFresh[p] = 1;
      }
      hops.push(this.bounds[2 * p + ((cy.hopDirs[c] >> h) & 1)]);
    }
    return cycleProfitBound(hops);
  }

  private gasOf(c: number): bigint {
    const kinds: string[] = [];
    for (let h = 0; h < this.cycles.hopCount[c]; h++) {
      kinds.push(this.graph.pools[this.cycles.hopPools[c * MAX_HOPS + h]].kind);
    }
    return this.swapGas(kinds);
  }

  private evaluate(c: number): void {
    const cy = this.cycles;
    const base = c * MAX_HOPS;
    const dirs = cy.hopDirs[c];
    let product =
      this.rates[2 * cy.hopPools[base] + (dirs & 1)] *
      this.rates[2 * cy.hopPools[base + 1] + ((dirs >> 1) & 1)];
    if (cy.hopCount[c] === 3) product *= this.rates[2 * cy.hopPools[base + 2] + ((dirs >> 2) & 1)];
    // Written so that a NaN rate is evaluated, not skipped.
    if (product <= 1 - SCREEN_MARGIN) return;
    this.lastSized++;
    this.size(c);
  }

  private drop(c: number): void {
    this.current.delete(c);
    this.hasOpportunity[c] = 0;
  }

  /** Sizes cycle c exactly and records its opportunity if it has one. */
  private size(c: number): void {
    const cy = this.cycles;
    const hops = this.hopsOf(c);
    const sized = sizeCycle(hops);
    if (sized === undefined) return;
    const path: OpportunityHop[] = hops.map(({ pool, zeroForOne }, i) => ({
      pool: pool.address,
      kind: pool.kind,
      tokenIn: zeroForOne ? pool.token0 : pool.token1,
      tokenOut: zeroForOne ? pool.token1 : pool.token0,
      amountIn: sized.amounts[i],
      amountOut: sized.amounts[i + 1],
    }));
    this.hasOpportunity[c] = 1;
    this.current.set(c, {
      cycleId: c,
      path,
      amountIn: sized.amounts[0],
      amountOut: sized.amounts[hops.length],
      profit: sized.profit,
      profitToken: this.graph.tokens[cy.startToken[c]],
      gas: this.swapGas(hops.map((h) => h.pool.kind)),
    });
  }
}
