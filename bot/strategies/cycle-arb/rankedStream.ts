import type { Address } from "../../core/address";
import type { Opportunity } from "../opportunity";
import type { GasPricing } from "../strategy";
import { compareRanked, rankKey } from "./rankOpportunities";

/**
 * Opportunities best first, lazily: yields exactly the order of rankOpportunities over every
 * cycle's exact opportunity, while sizing a not-yet-sized ("pending") cycle only when its upper
 * bound could still put it ahead of the best exact one left. The first opportunity can then go to
 * simulation as soon as it is known to be the best, and the rest is sized later.
 *
 * Every entry has a float interval [lower, upper] around (exact) or above (pending) its rank
 * value, and the heap orders entries by upper. The top entry is yielded only when it is exact and
 * no other entry's upper reaches its lower; entries that do are compared exactly (bigint keys,
 * the same comparator as rankOpportunities), pending ones among them sized first.
 */

export interface StreamSource {
  /** Sizes pending cycle `cycle` now and returns its exact opportunity, if it has one. */
  size(cycle: number): Opportunity | undefined;
}

/** Relative slack on float rank values: far above their ~1e-15 rounding error. */
const REL_SLACK = 1e-9;
const WAD_F = 1e18;

export class RankedStream {
  private readonly ops: (Opportunity | undefined)[] = [];
  private readonly cycles: number[] = [];
  /** 0: priced (ranks first), 1: unpriced. */
  private readonly tier: number[] = [];
  private readonly upper: number[] = [];
  private readonly lower: number[] = [];
  private readonly heap: number[] = [];
  /** Entries are appended unordered until the first next(), then heapified at once. */
  private built = false;
  private readonly priceCache = new Map<Address, number>();
  private readonly gasPriceF: number;

  constructor(
    private readonly source: StreamSource,
    private readonly pricing?: GasPricing,
  ) {
    this.gasPriceF = pricing === undefined ? 0 : Number(pricing.gasPriceWei);
  }

  /** An exact opportunity. */
  addExact(op: Opportunity): void {
    const profit = Number(op.profit);
    const price = this.priceF(op.profitToken);
    if (price === undefined) {
      const slack = REL_SLACK * Math.abs(profit) + 1;
      this.push(op, op.cycleId, 1, profit + slack, profit - slack);
      return;
    }
    const a = (profit * WAD_F) / price;
    const b = Number(op.gas) * this.gasPriceF;
    // The exact key floors, and rounds the gas cost up by under one token unit (1e18 / price).
    const slack = REL_SLACK * (Math.abs(a) + b) + WAD_F / price + 2;
    this.push(op, op.cycleId, 0, a - b + slack, a - b - slack);
  }

  /** A cycle not sized yet: `profitBound` bounds its exact profit from above (Infinity: unknown). */
  addPending(cycle: number, profitBound: number, gas: bigint, profitToken: Address): void {
    const price = this.priceF(profitToken);
    if (price === undefined) {
      this.push(undefined, cycle, 1, profitBound + REL_SLACK * Math.abs(profitBound) + 1, -Infinity);
      return;
    }
    const a = (profitBound * WAD_F) / price;
    const b = Number(gas) * this.gasPriceF;
    this.push(undefined, cycle, 0, a - b + REL_SLACK * (Math.abs(a) + b) + 2, -Infinity);
  }

  /** The next opportunity in rank order, or undefined when none is left. */
  next(): Opportunity | undefined {
    if (!this.built) this.build();
    for (;;) {
      if (this.heap.length === 0) return undefined;
      const top = this.pop();
      if (this.ops[top] === undefined) {
        this.sizeEntry(top);
        continue;
      }
      // Everything whose interval reaches the top's could rank before it.
      const group = [top];
      while (
        this.heap.length > 0 &&
        this.tier[this.heap[0]] === this.tier[top] &&
        this.upper[this.heap[0]] >= this.lower[top]
      ) {
        group.push(this.pop());
      }
      const pending = group.filter((e) => this.ops[e] === undefined);
      if (pending.length > 0) {
        for (const e of group) if (this.ops[e] !== undefined) this.reinsert(e);
        for (const e of pending) this.sizeEntry(e);
        continue;
      }
      let best = top;
      if (group.length > 1) {
        const keyOf = new Map(group.map((e) => [e, rankKey(this.ops[e]!, this.pricing)]));
        for (const e of group) {
          if (compareRanked(this.ops[e]!, keyOf.get(e)!, this.ops[best]!, keyOf.get(best)!) < 0) best = e;
        }
        for (const e of group) if (e !== best) this.reinsert(e);
      }
      return this.ops[best];
    }
  }

  private sizeEntry(e: number): void {
    const op = this.source.size(this.cycles[e]);
    if (op !== undefined) this.addExact(op);
  }

  private priceF(token: Address): number | undefined {
    if (this.pricing === undefined) return undefined;
    let p = this.priceCache.get(token);
    if (p === undefined) {
      const raw = this.pricing.tokenPerNative.get(token);
      p = raw === undefined || raw <= 0n ? NaN : Number(raw);
      this.priceCache.set(token, p);
    }
    return Number.isNaN(p) ? undefined : p;
  }

  /** Without pricing every key is a raw profit in tier 0, as rankOpportunities does. */
  private push(op: Opportunity | undefined, cycle: number, tier: number, upper: number, lower: number): void {
    const e = this.ops.length;
    this.ops.push(op);
    this.cycles.push(cycle);
    this.tier.push(this.pricing === undefined ? 0 : tier);
    this.upper.push(Number.isNaN(upper) ? Infinity : upper);
    this.lower.push(Number.isNaN(lower) ? -Infinity : lower);
    if (this.built) this.reinsert(e);
    else this.heap.push(e);
  }

  private build(): void {
    for (let k = (this.heap.length >> 1) - 1; k >= 0; k--) this.siftDown(k, this.heap[k]);
    this.built = true;
  }

  /** Whether entry i goes before entry j in the heap. */
  private before(i: number, j: number): boolean {
    if (this.tier[i] !== this.tier[j]) return this.tier[i] < this.tier[j];
    return this.upper[i] > this.upper[j];
  }

  private reinsert(e: number): void {
    const h = this.heap;
    let k = h.length;
    h.push(e);
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(e, h[parent])) break;
      h[k] = h[parent];
      k = parent;
    }
    h[k] = e;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) this.siftDown(0, last);
    return top;
  }

  /** Places entry e at slot k or below. */
  private siftDown(k: number, e: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && this.before(h[r], h[l]) ? r : l;
      if (!this.before(h[child], e)) break;
      h[k] = h[child];
      k = child;
    }
    h[k] = e;
  }
}
