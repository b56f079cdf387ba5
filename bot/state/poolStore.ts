import type { RawLog } from "../chain/log";
import type { Address } from "../core/address";
import type { PoolModel } from "../venues/common/poolModel";
import { venueOf } from "../venues/registry";
import type { PoolDescriptor } from "../venues/common/venue";

/**
 * The live state of every watched pool, as exact models, and the one place where logs change them.
 * Venue-agnostic: each pool's venue (bot/venues/registry.ts, by its descriptor's kind) decodes its
 * logs and applies them to its model. Pools not watched are ignored; the caller learns which pools
 * changed so the strategy re-evaluates only their cycles.
 */
export class PoolStore {
  private readonly pools = new Map<Address, PoolModel>();
  private readonly descriptors = new Map<Address, PoolDescriptor>();

  get size(): number {
    return this.pools.size;
  }

  get(address: Address): PoolModel | undefined {
    return this.pools.get(address);
  }

  descriptor(address: Address): PoolDescriptor | undefined {
    return this.descriptors.get(address);
  }

  all(): IterableIterator<PoolModel> {
    return this.pools.values();
  }

  has(address: Address): boolean {
    return this.pools.has(address);
  }

  /** Creates or replaces a pool's model (read on chain, or made from its logs). */
  set(d: PoolDescriptor, model: PoolModel): void {
    this.pools.set(d.address, model);
    this.descriptors.set(d.address, d);
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
   * Applies one log of a watched pool. Returns the pool's address when the log changed its state,
   * undefined when the log concerns no watched pool or says nothing its model keeps.
   */
  apply(log: RawLog): Address | undefined {
    const address = log.address.toLowerCase();
    const d = this.descriptors.get(address);
    if (d === undefined) return undefined;
    const venue = venueOf(d.kind);
    const event = venue.decode(log);
    if (event === undefined) return undefined;
    return venue.apply(this.pools.get(address)!, event) ? address : undefined;
  }
}
