/**
 * The venue seam: everything the keeper knows about one kind of AMM sits behind this interface, in
 * one folder under bot/venues/<kind>/, listed once in registry.ts. The state layer, the engine, the
 * planner, the scan, the snapshot parser and the dashboard see only this interface and PoolModel;
 * none of them tests a pool's class or kind to choose what to do.
 *
 * A venue provides: the logs that create its pools and the logs that change them (topics and
 * decoders), a batched reader of its pools' state, the exact model (poolModel.ts), applying a
 * decoded log to the model, the gas of a hop, and the hop's encoding for the executor.
 */
import type { LogWithBlock, RawLog } from "../../chain/log";
import type { Address } from "../../core/address";
import type { Hop as PlanHop } from "../../plan/planEncoding";
import type { EthCall } from "./lens";
import type { PoolModel } from "./poolModel";
import type { SyncLimits } from "./syncLimits";

/**
 * What the keeper knows about a pool before reading its state: where it is, what it trades and its
 * venue. Each venue extends it with what its model needs (a V2 fee, a V3 tick spacing).
 */
export interface PoolDescriptor {
  /** The venue kind (registry.ts). */
  readonly kind: string;
  readonly address: Address;
  readonly token0: Address;
  readonly token1: Address;
  /** The configured venue's name, e.g. "Uniswap V3". */
  readonly venue: string;
  /**
   * The block that created the pool, when discovery saw it happen: a reader may then find the
   * pool's history from its logs since that block instead of walking its storage.
   */
  readonly createdAt?: number;
}

/** A configured venue's factory, as discovery needs it. */
export interface FactoryConfig {
  /** The configured venue's name. */
  readonly venue: string;
  readonly kind: string;
  readonly factory: Address;
  /** The pools' swap fee in basis points, for venues whose creation log does not carry it (V2). */
  readonly feeBps?: number;
}

/** What a reader may use: eth_call, eth_getLogs, and the batching limits. */
export interface ReadContext {
  readonly call: EthCall;
  logsInRange(
    fromBlock: number,
    toBlock: number,
    topics: readonly string[],
    addresses: readonly Address[],
  ): Promise<LogWithBlock[]>;
  readonly limits: SyncLimits;
}

/** Models read for pools, in the order asked (null: unreadable), and counters for the log line. */
export interface ReadResult<M extends PoolModel = PoolModel> {
  readonly models: (M | null)[];
  readonly counts?: Readonly<Record<string, number>>;
}

/** A model made from one block's logs alone (see Venue.fromEvents). */
export interface EventModel<M extends PoolModel = PoolModel> {
  readonly model: M;
  /** True when the logs carry the pool's whole state (a V2 Sync); false for a probe to judge first. */
  readonly complete: boolean;
}

/** One swap of a sized opportunity, as the planner hands it to the venue to encode. */
export interface HopRequest {
  readonly pool: Address;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
  readonly amountIn: bigint;
  readonly amountOut: bigint;
}

/**
 * How a hop through this venue can fund a cycle without inventory:
 * - "v2-flash-swap": the cycle's LAST hop, a pair, lends the start token first and is repaid by the
 *   hop before it;
 * - "v3-flash": the cycle's FIRST hop, a pool that pays out before its callback collects the input.
 */
export type HopFlash = "v2-flash-swap" | "v3-flash";

/** A pool of one kind in a pool-state snapshot: validated and built into its model. */
export interface SnapshotCodec<M extends PoolModel = PoolModel> {
  /**
   * The model of one snapshot pool entry (already known to be of this kind), or an error from
   * `fail`, whose message names the field and what is wrong with it.
   */
  parse(raw: unknown, fail: (message: string) => Error): M;
}

export interface Venue<
  D extends PoolDescriptor = PoolDescriptor,
  M extends PoolModel = PoolModel,
  E = unknown,
> {
  /** The kind's name in configs, snapshots, descriptors and models. */
  readonly kind: string;
  /** For people: "Uniswap V2". */
  readonly title: string;

  // ---------------------------------------------------------------- pools and their logs
  /** topic0 of the factory log that creates a pool. */
  readonly creationTopic: string;
  /** The pool a factory's creation log describes, or undefined when the log is not one. */
  describeCreated(log: LogWithBlock, factory: FactoryConfig): D | undefined;
  /** topic0 of every log that changes a pool's state. */
  readonly stateTopics: readonly string[];
  /** A pool's log decoded, or undefined when it is not a state change this venue models. */
  decode(log: RawLog): E | undefined;
  /** Applies a decoded log to the pool's model; false when it changed nothing the model keeps. */
  apply(model: M, event: E): boolean;
  /**
   * A model of a pool the keeper does not watch, from one block's decoded logs alone, oldest first
   * (to judge whether it came back to life); undefined when those logs say nothing about its state.
   */
  fromEvents(descriptor: D, events: readonly E[]): EventModel<M> | undefined;

  // ---------------------------------------------------------------- state
  /** The state of `pools` at `blockTag`, in few requests. */
  read(ctx: ReadContext, pools: readonly D[], blockTag: number): Promise<ReadResult<M>>;

  // ---------------------------------------------------------------- snapshots
  /** This kind's pools in the snapshot format (docs/snapshot-format.md). */
  readonly snapshot: SnapshotCodec<M>;

  // ---------------------------------------------------------------- execution
  /** Gas of one hop through the executor, measured (npm run bench:gas; test/chains/gasModel.test.ts). */
  readonly hopGas: number;
  /** The funding a hop here can provide, if any. */
  readonly flash?: HopFlash;
  /** The executor's hop for this swap (the hop kind byte and its fields). */
  planHop(hop: HopRequest): PlanHop;

  // ---------------------------------------------------------------- display
  /** A short label of the pool's terms, e.g. "0.05%", or "" when there is nothing to add. */
  terms(descriptor: D): string;
}
