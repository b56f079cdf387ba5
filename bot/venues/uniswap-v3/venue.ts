import { HopKind } from "../../plan/planEncoding";
import type { RawLog } from "../../chain/log";
import type { Hop as PlanHop } from "../../plan/planEncoding";
import type { HopFlash, HopRequest, Venue } from "../common/venue";
import { decodePoolCreated, decodeV3Position, decodeV3Swap, V3_TOPICS, type V3Event } from "./events";
import { UniswapV3Pool } from "./pool";
import { readConcentratedPools, type ConcentratedDescriptor } from "./reader";
import { concentratedSnapshot } from "./snapshot";

/** A Uniswap-V3-style pool: its fee and tick spacing come from the factory's PoolCreated log. */
export interface V3Descriptor extends ConcentratedDescriptor {
  /** Fee in hundredths of a bip (500 = 0.05 %). */
  readonly fee: number;
  readonly tickSpacing: number;
}

/** What distinguishes venues that share Uniswap V3's pool math. */
export interface ConcentratedVenueSpec {
  readonly kind: string;
  readonly title: string;
  /** topic0 of the pool's Swap log, and its decoder. */
  readonly swapTopic: string;
  decodeSwap(log: RawLog): V3Event | undefined;
  readonly hopGas: number;
  /** The executor's hop for a swap through such a pool. */
  planHop(hop: HopRequest, zeroForOne: boolean): PlanHop;
}

/**
 * A venue with Uniswap V3's concentrated-liquidity math (exact model bot/venues/uniswap-v3/pool.ts,
 * readers reader.ts): state from Swap, Mint and Burn logs, pools from the factory's PoolCreated.
 * The executor's hop calls the pool's `swap` for the exact input and pays it from the swap
 * callback; as the cycle's first hop the pool pays out before it is paid, so it funds the cycle.
 */
export function concentratedVenue(spec: ConcentratedVenueSpec): Venue<V3Descriptor, UniswapV3Pool, V3Event> {
  const flash: HopFlash = "v3-flash";
  return {
    kind: spec.kind,
    title: spec.title,
    creationTopic: V3_TOPICS.poolCreated,
    describeCreated(log, factory) {
      const e = decodePoolCreated(log);
      if (e === undefined) return undefined;
      return {
        kind: spec.kind,
        address: e.pool,
        token0: e.token0,
        token1: e.token1,
        fee: e.fee,
        tickSpacing: e.tickSpacing,
        venue: factory.venue,
        createdAt: log.blockNumber,
      };
    },
    stateTopics: [spec.swapTopic, V3_TOPICS.mint, V3_TOPICS.burn],
    decode: (log) => spec.decodeSwap(log) ?? decodeV3Position(log),
    apply(model, e) {
      if (e.kind === "swap") model.applySwap(e.sqrtPriceX96, e.liquidity, e.tick);
      else if (e.kind === "mint") model.applyMint(e.tickLower, e.tickUpper, e.amount);
      else model.applyBurn(e.tickLower, e.tickUpper, e.amount);
      return true;
    },
    fromEvents(d, events) {
      // Judged on its last Swap's price and active liquidity (what the liquidity rule looks at);
      // mints and burns alone do not bring a pool back: its next swap does.
      let last: Extract<V3Event, { kind: "swap" }> | undefined;
      for (const e of events) if (e.kind === "swap") last = e;
      if (last === undefined) return undefined;
      return { model: modelOf(spec.kind, d, { ...last, ticks: [] }), complete: false };
    },
    read: (ctx, pools, blockTag) =>
      readConcentratedPools(ctx, pools, blockTag, (d, s) => modelOf(spec.kind, d, s)),
    snapshot: concentratedSnapshot(spec.kind),
    hopGas: spec.hopGas,
    flash,
    planHop: (h) => spec.planHop(h, BigInt(h.tokenIn) < BigInt(h.tokenOut)),
    terms: (d) => `${d.fee / 10_000}%`,
  };
}

function modelOf(
  kind: string,
  d: V3Descriptor,
  s: {
    sqrtPriceX96: bigint;
    tick: number;
    liquidity: bigint;
    ticks: readonly { index: number; liquidityNet: bigint; liquidityGross: bigint }[];
  },
): UniswapV3Pool {
  return new UniswapV3Pool(
    {
      address: d.address,
      token0: d.token0,
      token1: d.token1,
      fee: d.fee,
      tickSpacing: d.tickSpacing,
      sqrtPriceX96: s.sqrtPriceX96,
      tick: s.tick,
      liquidity: s.liquidity,
      ticks: s.ticks,
    },
    kind,
  );
}

/** Uniswap V3. */
export const uniswapV3 = concentratedVenue({
  kind: "uniswap-v3",
  title: "Uniswap V3",
  swapTopic: V3_TOPICS.swap,
  decodeSwap: decodeV3Swap,
  hopGas: 58_600,
  planHop: (h, zeroForOne) => ({ kind: HopKind.UniswapV3, pool: h.pool, zeroForOne }),
});
