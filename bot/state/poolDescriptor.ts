import type { Address } from "../venues/poolModel";

/**
 * What the keeper knows about a pool before reading its state: where it is, what it trades and
 * how it charges. Found by discovery (factory logs, pair lists) or given by configuration.
 */
export type PoolDescriptor =
  | {
      readonly kind: "uniswap-v2";
      readonly address: Address;
      readonly token0: Address;
      readonly token1: Address;
      readonly feeBps: number;
      readonly venue: string;
    }
  | {
      readonly kind: "uniswap-v3";
      readonly address: Address;
      readonly token0: Address;
      readonly token1: Address;
      readonly fee: number;
      readonly tickSpacing: number;
      readonly venue: string;
      /**
       * The block that created the pool, when discovery saw it happen: the initial sync then finds
       * the pool's ticks from its Mint logs since that block (bot/state/initialSync.ts).
       */
      readonly createdAt?: number;
    };
