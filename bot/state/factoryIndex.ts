import type { LogWithBlock } from "../chain/log";
import type { Address } from "../core/address";
import { venueOf } from "../venues/registry";
import type { FactoryConfig, PoolDescriptor } from "../venues/common/venue";

/**
 * The configured venues' factories, by address: the one place where a factory's pool-creation log
 * becomes a pool descriptor (through the factory's venue), for discovery at start and for pools
 * created while the keeper runs.
 */
export class FactoryIndex {
  private readonly byAddress: ReadonlyMap<Address, FactoryConfig>;

  constructor(
    factories: readonly FactoryConfig[],
    /** Keep a pool only when both its tokens pass (allow lists). */
    private readonly accept: (token0: Address, token1: Address) => boolean = () => true,
  ) {
    this.byAddress = new Map(factories.map((f) => [f.factory.toLowerCase(), f]));
  }

  /** The factories' addresses. */
  get addresses(): Address[] {
    return [...this.byAddress.keys()];
  }

  get size(): number {
    return this.byAddress.size;
  }

  /** topic0 of every creation log these factories emit. */
  get topics(): string[] {
    return [...new Set([...this.byAddress.values()].map((f) => venueOf(f.kind).creationTopic))];
  }

  /** The pool a creation log of one of these factories describes, if its tokens pass; else undefined. */
  describe(log: LogWithBlock): PoolDescriptor | undefined {
    const factory = this.byAddress.get(log.address.toLowerCase());
    if (factory === undefined) return undefined;
    const venue = venueOf(factory.kind);
    if (log.topics[0] !== venue.creationTopic) return undefined;
    const d = venue.describeCreated(log, factory);
    return d !== undefined && this.accept(d.token0, d.token1) ? d : undefined;
  }
}
