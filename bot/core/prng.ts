/**
 * The project's one seeded PRNG: mulberry32, with the distributions the demo market, the
 * benchmarks' synthetic universes and the exactness tests draw from. Not for keys or anything an
 * adversary may predict: it is for replayable runs (the same seed gives the same market, the same
 * universe, the same swaps on every machine).
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for a label and an index, derived from this stream's current state, so
   * one decision never shifts another's numbers (the demo's trades for block k depend only on the
   * seed and k).
   */
  fork(label: string, index = 0): Prng {
    let h = this.state ^ 0x9e3779b9;
    for (const ch of `${label}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return new Prng(Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `pTrue`. */
  bool(pTrue = 0.5): boolean {
    return this.next() < pTrue;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** One element, uniformly. */
  pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Pareto with scale xm and tail index alpha: mostly small, now and then very large. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  /** Log-uniform in [lo, hi]. */
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  /** Poisson-distributed count with the given mean (Knuth's method: for small means). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k += 1;
      p *= this.next();
    }
    return k;
  }

  /** Index drawn with probability proportional to weights, given their prefix sums (prefixSums). */
  weighted(prefix: Float64Array): number {
    const x = this.next() * prefix[prefix.length - 1];
    let lo = 0;
    let hi = prefix.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefix[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Uniform in [0, max) for a bigint max > 0, from 48-bit chunks. */
  bigBelow(max: bigint): bigint {
    let r = 0n;
    for (let bits = 0n; bits < BigInt(max.toString(2).length) + 16n; bits += 48n) {
      r = (r << 48n) | BigInt(Math.floor(this.next() * 2 ** 48));
    }
    return r % max;
  }

  /** Log-uniform bigint in [1, max]: as many 1-wei-scale amounts as pool-scale ones. */
  bigLogUniform(max: bigint): bigint {
    if (max <= 1n) return 1n;
    const bits = max.toString(2).length;
    const b = 1 + Math.floor(this.next() * bits);
    const hi = 1n << BigInt(b);
    const v = (hi >> 1n) + this.bigBelow(hi >> 1n);
    return v > max ? max : v;
  }
}

/** Prefix sums of weights, for Prng.weighted. */
export function prefixSums(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i];
  return out;
}
