import type { Address } from "../core/address";

/**
 * The keeper's current safety state, as an observer may ask for it (the keeper's own view, e.g.
 * after a restart that replayed the journal). Without one, observers derive the state from the
 * `gate` and `quarantine` events they have seen since they started.
 */
export interface StatusSnapshot {
  readonly breakerOpen: boolean;
  readonly killSwitch: boolean;
  readonly reason?: string;
  readonly quarantined?: readonly {
    readonly kind: "pool" | "token";
    readonly address: Address;
    readonly reason: string;
  }[];
}

export type StatusSource = () => StatusSnapshot;
