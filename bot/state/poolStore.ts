import { UniswapV2Pool } from "../venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../venues/uniswap-v3/pool";
import type { Address } from "../venues/poolModel";
import type { PoolDescriptor } from "./poolDescriptor";
import type { PoolEvent } from "./poolEvents";
import type { V2Reserves, V3PoolState } from "./poolStateReader";

export type LivePool = UniswapV2Pool | UniswapV3Pool;

/**
 * The live state of every watched pool, as exact AMM models, and the one place where decoded
 * logs change them. Pools not watched are ignored; the caller learns which pools changed so the
 * strategy re-evaluates only their cycles.
 */
export class PoolStore {
  private readonly pools = new Map<Address, LivePool>();
  private readonly descriptors = new Map<Address, PoolDescriptor>();

  get size(): number {
    return this.pools.size;
  }

  get(address: Address): LivePool | undefined {
    return this.pools.get(address);
  }

  descriptor(address: Address): PoolDescriptor | undefined {
    return this.descriptors.get(address);
  }

  all(): IterableIterator<LivePool> {
    return this.pools.values();
  }

  has(address: Address): boolean {
    return this.pools.has(address);
  }

  /** Creates or replaces a V2 pool's model from reserves read on chain. */
  setV2(d: Extract<PoolDescriptor, { kind: "uniswap-v2" }>, r: V2Reserves): UniswapV2Pool {
    const existing = this.pools.get(d.address);
    if (existing instanceof UniswapV2Pool) {
      existing.applySync(r.reserve0, r.reserve1);
      return existing;
    }
    const model = new UniswapV2Pool({ ...d, reserve0: r.reserve0, reserve1: r.reserve1 });
    this.pools.set(d.address, model);
    this.descriptors.set(d.address, d);
    return model;
  }

  /** Creates or replaces a V3 pool's model from a full state read on chain. */
  setV3(d: Extract<PoolDescriptor, { kind: "uniswap-v3" }>, s: V3PoolState): UniswapV3Pool {
    const model = new UniswapV3Pool({
      address: d.address,
      token0: d.token0,
      token1: d.token1,
      fee: d.fee,
      tickSpacing: d.tickSpacing,
      sqrtPriceX96: s.sqrtPriceX96,
      tick: s.tick,
      liquidity: s.liquidity,
      ticks: [...s.ticks].sort((a, b) => a.index - b.index),
    });
    this.pools.set(d.address, model);
    this.descriptors.set(d.address, d);
    return model;
  }

  /** Takes over every pool of `other` (read elsewhere, e.g. by discovery), replacing any it has. */
  adopt(other: PoolStore): void {
    for (const [address, pool] of other.pools) {
      this.pools.set(address, pool);
      this.descriptors.set(address, other.descriptors.get(address)!);
    }
  }

  remove(address: Address): void {
    this.pools.delete(address);
    this.descriptors.delete(address);
  }

  /**
   * Applies one decoded log. Returns the address of the pool it changed, or undefined when the
   * log concerns no watched pool (creation events are the caller's business: discovery).
   */
  apply(e: PoolEvent): Address | undefined {
    if (e.kind === "v2-pair-created" || e.kind === "v3-pool-created") return undefined;
    const pool = this.pools.get(e.pool);
    if (!pool) return undefined;
    switch (e.kind) {
      case "v2-sync":
        if (!(pool instanceof UniswapV2Pool)) return undefined;
        pool.applySync(e.reserve0, e.reserve1);
        return e.pool;
      case "v3-swap":
        if (!(pool instanceof UniswapV3Pool)) return undefined;
        pool.applySwap(e.sqrtPriceX96, e.liquidity, e.tick);
        return e.pool;
      case "v3-mint":
        if (!(pool instanceof UniswapV3Pool)) return undefined;
        pool.applyMint(e.tickLower, e.tickUpper, e.amount);
        return e.pool;
      case "v3-burn":
        if (!(pool instanceof UniswapV3Pool)) return undefined;
        pool.applyBurn(e.tickLower, e.tickUpper, e.amount);
        return e.pool;
    }
  }
}
