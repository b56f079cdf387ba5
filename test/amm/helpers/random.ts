/** A seeded PRNG (mulberry32) so that every exactness run replays the same swaps. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  bool(pTrue = 0.5): boolean {
    return this.next() < pTrue;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  /** Uniform in [0, max) for a bigint max > 0, from 48-bit chunks. */
  bigBelow(max: bigint): bigint {
    let r = 0n;
    for (let bits = 0n; bits < BigInt(max.toString(2).length) + 16n; bits += 48n) {
      r = (r << 48n) | BigInt(Math.floor(this.next() * 2 ** 48));
    }
    return r % max;
  }

  /** Log-uniform in [1, max]: as many 1-wei-scale sizes as pool-scale ones. */
  logUniform(max: bigint): bigint {
    if (max <= 1n) return 1n;
    const bits = max.toString(2).length;
    const b = 1 + Math.floor(this.next() * bits);
    const hi = 1n << BigInt(b);
    const v = (hi >> 1n) + this.bigBelow(hi >> 1n);
    return v > max ? max : v;
  }
}
