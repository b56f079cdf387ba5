import type { TokenGraph } from "./tokenGraph";

/** Cycles have two or three hops; hop slots of a two-hop cycle's third hop hold -1. */
export const MAX_HOPS = 3;

/**
 * Every 2-hop and 3-hop cycle that starts and ends in a base token, stored column-wise in typed
 * arrays (about 18 bytes a cycle), plus the inverted index pool -> cycles (CSR) that makes
 * incremental re-evaluation touch only the cycles of the pools that changed.
 *
 * A cycle is a sequence of directed hops; its rotations are the same trades, so each is stored
 * once, starting at the base token it contains that comes first in `bases` (WETH before USDC
 * with the default order). Both directions of every loop are kept, two pools on the same pair
 * make a 2-hop cycle, and no pool appears twice in a cycle.
 */
export class CycleIndex {
  readonly count: number;
  /** 2 or 3 per cycle. */
  readonly hopCount: Uint8Array;
  /** MAX_HOPS pool ids per cycle. */
  readonly hopPools: Int32Array;
  /** Bit i set: hop i swaps token0 for token1 (zeroForOne). */
  readonly hopDirs: Uint8Array;
  /** The token the cycle starts and ends in (its profit token). */
  readonly startToken: Int32Array;
  /** Cycles through pool p are poolCycles[poolCycleOffsets[p] .. poolCycleOffsets[p + 1]). */
  readonly poolCycleOffsets: Int32Array;
  readonly poolCycles: Int32Array;
  /**
   * Per entry k of poolCycles (pool p, cycle c): the rate slots (2 * pool + zeroForOne) of the
   * hop through p and of the cycle's other hops (-1 when it has only one other). Screening the
   * cycles of a changed pool then reads these sequentially instead of jumping to each cycle's
   * columns: the incremental hot loop is memory-bound.
   */
  readonly entryOwnRate: Int32Array;
  readonly entryOtherRate1: Int32Array;
  readonly entryOtherRate2: Int32Array;

  private constructor(
    count: number,
    hopCount: Uint8Array,
    hopPools: Int32Array,
    hopDirs: Uint8Array,
    startToken: Int32Array,
    poolCount: number,
  ) {
    this.count = count;
    this.hopCount = hopCount;
    this.hopPools = hopPools;
    this.hopDirs = hopDirs;
    this.startToken = startToken;
    const offsets = new Int32Array(poolCount + 1);
    for (let i = 0; i < count * MAX_HOPS; i++) if (hopPools[i] >= 0) offsets[hopPools[i] + 1]++;
    for (let p = 0; p < poolCount; p++) offsets[p + 1] += offsets[p];
    const fill = offsets.slice(0, poolCount);
    const entries = offsets[poolCount];
    const cycles = new Int32Array(entries);
    const own = new Int32Array(entries);
    const other1 = new Int32Array(entries);
    const other2 = new Int32Array(entries);
    const slots = [0, 0, 0];
    for (let c = 0; c < count; c++) {
      const hops = hopCount[c];
      for (let h = 0; h < hops; h++) slots[h] = 2 * hopPools[c * MAX_HOPS + h] + ((hopDirs[c] >> h) & 1);
      for (let h = 0; h < hops; h++) {
        const k = fill[hopPools[c * MAX_HOPS + h]]++;
        cycles[k] = c;
        own[k] = slots[h];
        other1[k] = slots[(h + 1) % hops];
        other2[k] = hops === 3 ? slots[(h + 2) % hops] : -1;
      }
    }
    this.poolCycleOffsets = offsets;
    this.poolCycles = cycles;
    this.entryOwnRate = own;
    this.entryOtherRate1 = other1;
    this.entryOtherRate2 = other2;
  }

  /** Enumerates the cycles of `graph` through the base tokens, given as token ids in priority order. */
  static build(graph: TokenGraph, bases: readonly number[]): CycleIndex {
    const priority = new Int32Array(graph.tokens.length).fill(-1);
    bases.forEach((t, i) => {
      if (priority[t] < 0) priority[t] = i;
    });
    const out = new CycleBuffer();
    const { adjOffsets, adjPools } = graph;
    bases.forEach((b, rank) => {
      if (priority[b] !== rank) return; // a base listed twice
      // A cycle belongs to its highest-priority base; skip tokens that outrank b.
      const outranks = (t: number): boolean => priority[t] >= 0 && priority[t] < rank;
      const pairPools = poolsByCounterparty(graph, b);
      for (const [t, list] of pairPools) {
        if (outranks(t)) continue;
        for (const p1 of list) for (const p2 of list) if (p1 !== p2) out.push(graph, b, p1, p2, -1);
      }
      for (let i = adjOffsets[b]; i < adjOffsets[b + 1]; i++) {
        const p1 = adjPools[i];
        const x = graph.otherToken(p1, b);
        if (outranks(x)) continue;
        for (let j = adjOffsets[x]; j < adjOffsets[x + 1]; j++) {
          const p2 = adjPools[j];
          const y = graph.otherToken(p2, x);
          if (y === b || outranks(y)) continue;
          const closing = pairPools.get(y);
          if (closing) for (const p3 of closing) out.push(graph, b, p1, p2, p3);
        }
      }
    });
    return new CycleIndex(
      out.count,
      out.hopCount.subarray(0, out.count).slice(),
      out.hopPools.subarray(0, out.count * MAX_HOPS).slice(),
      out.hopDirs.subarray(0, out.count).slice(),
      out.startToken.subarray(0, out.count).slice(),
      graph.pools.length,
    );
  }

  cyclesOfPool(pool: number): Int32Array {
    return this.poolCycles.subarray(this.poolCycleOffsets[pool], this.poolCycleOffsets[pool + 1]);
  }

  /** Whether hop h of cycle c swaps token0 for token1. */
  zeroForOne(c: number, h: number): boolean {
    return ((this.hopDirs[c] >> h) & 1) === 1;
  }

  /** Bytes held by the typed arrays, for the benchmark's memory account. */
  byteLength(): number {
    return [
      this.hopCount,
      this.hopPools,
      this.hopDirs,
      this.startToken,
      this.poolCycleOffsets,
      this.poolCycles,
      this.entryOwnRate,
      this.entryOtherRate1,
      this.entryOtherRate2,
    ].reduce((sum, a) => sum + a.byteLength, 0);
  }
}

/** Pools on each pair (base, t), keyed by t. */
function poolsByCounterparty(graph: TokenGraph, base: number): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let i = graph.adjOffsets[base]; i < graph.adjOffsets[base + 1]; i++) {
    const p = graph.adjPools[i];
    const t = graph.otherToken(p, base);
    const list = map.get(t);
    if (list) list.push(p);
    else map.set(t, [p]);
  }
  return map;
}

/** Growable column storage used only while enumerating. */
class CycleBuffer {
  count = 0;
  hopCount = new Uint8Array(1024);
  hopPools = new Int32Array(1024 * MAX_HOPS);
  hopDirs = new Uint8Array(1024);
  startToken = new Int32Array(1024);

  push(graph: TokenGraph, start: number, p1: number, p2: number, p3: number): void {
    if (this.count === this.hopCount.length) this.grow();
    const c = this.count++;
    const hops = p3 < 0 ? 2 : 3;
    this.hopCount[c] = hops;
    this.startToken[c] = start;
    this.hopPools[c * MAX_HOPS] = p1;
    this.hopPools[c * MAX_HOPS + 1] = p2;
    this.hopPools[c * MAX_HOPS + 2] = p3;
    let token = start;
    let dirs = 0;
    for (let h = 0; h < hops; h++) {
      const p = h === 0 ? p1 : h === 1 ? p2 : p3;
      if (graph.poolToken0[p] === token) dirs |= 1 << h;
      token = graph.otherToken(p, token);
    }
    this.hopDirs[c] = dirs;
  }

  private grow(): void {
    const n = this.hopCount.length * 2;
    const grow8 = (a: Uint8Array, len: number) => {
      const b = new Uint8Array(len);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array, len: number) => {
      const b = new Int32Array(len);
      b.set(a);
      return b;
    };
    this.hopCount = grow8(this.hopCount, n);
    this.hopDirs = grow8(this.hopDirs, n);
    this.hopPools = grow32(this.hopPools, n * MAX_HOPS);
    this.startToken = grow32(this.startToken, n);
  }
}
