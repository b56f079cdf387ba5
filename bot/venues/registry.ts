import { OmniArbError } from "../core/errors";
import { pancakeswapV3 } from "./pancakeswap-v3/venue";
import { uniswapV2 } from "./uniswap-v2/venue";
import { uniswapV3 } from "./uniswap-v3/venue";
import type { PoolDescriptor, Venue } from "./common/venue";

/**
 * Every venue kind the keeper knows, each a folder under bot/venues/. Adding a venue is adding its
 * folder and one line here (ARCHITECTURE.md, "Add a venue").
 */
export const VENUES: readonly Venue[] = [uniswapV2, uniswapV3, pancakeswapV3] as unknown as readonly Venue[];

const BY_KIND = new Map(VENUES.map((v) => [v.kind, v]));

export class UnknownVenueError extends OmniArbError {
  override readonly name = "UnknownVenueError";
}

/** The names of the known kinds, for configs and snapshots. */
export const VENUE_KINDS: readonly string[] = VENUES.map((v) => v.kind);

/** The venue of a kind; an unknown kind is a caller's bug (configs and snapshots are validated first). */
export function venueOf(kind: string): Venue {
  const v = BY_KIND.get(kind);
  if (v === undefined) {
    throw new UnknownVenueError("UNKNOWN_VENUE_KIND", `no venue of kind ${JSON.stringify(kind)}`, {
      details: { kind, known: VENUE_KINDS },
    });
  }
  return v;
}

/** The venue of a pool's descriptor. */
export function venueOfPool(d: Pick<PoolDescriptor, "kind">): Venue {
  return venueOf(d.kind);
}

/** Every topic0 of a log that changes a pool's state, over all venues, without repeats. */
export function stateTopics(): string[] {
  return [...new Set(VENUES.flatMap((v) => v.stateTopics))];
}

/** Every topic0 of a factory's pool-creation log, over all venues, without repeats. */
export function creationTopics(): string[] {
  return [...new Set(VENUES.map((v) => v.creationTopic))];
}
