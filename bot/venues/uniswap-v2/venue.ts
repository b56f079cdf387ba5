import { HopKind } from "../../plan/planEncoding";
import type { PoolDescriptor, ReadResult, Venue } from "../common/venue";
import { decodePairCreated, decodeSync, V2_TOPICS, type V2Sync } from "./events";
import { UniswapV2Pool } from "./pool";
import { readV2Reserves } from "./reader";
import { v2Snapshot } from "./snapshot";

/** A Uniswap-V2-style pair (Uniswap V2, SushiSwap, PancakeSwap V2, ...): its fee comes from its venue. */
export interface V2Descriptor extends PoolDescriptor {
  readonly kind: "uniswap-v2";
  /** Swap fee in basis points: 30 for Uniswap and Sushi, 25 for PancakeSwap V2. */
  readonly feeBps: number;
}

/** The default fee of a V2 venue that does not say: Uniswap V2's 0.30 %. */
const DEFAULT_FEE_BPS = 30;

/**
 * Uniswap-V2-style constant-product pairs. State is two reserves, carried whole by every Sync; the
 * executor's hop sends the input to the pair and calls `swap` for the exact output the keeper
 * computed (a pair that moved since makes the swap revert instead of trading worse). A pair can
 * lend its output first and be repaid at the end (a flash swap), so it funds a cycle as its last hop.
 */
export const uniswapV2: Venue<V2Descriptor, UniswapV2Pool, V2Sync> = {
  kind: "uniswap-v2",
  title: "Uniswap V2",
  creationTopic: V2_TOPICS.pairCreated,
  describeCreated(log, factory) {
    const e = decodePairCreated(log);
    if (e === undefined) return undefined;
    return {
      kind: "uniswap-v2",
      address: e.pair,
      token0: e.token0,
      token1: e.token1,
      feeBps: factory.feeBps ?? DEFAULT_FEE_BPS,
      venue: factory.venue,
    };
  },
  stateTopics: [V2_TOPICS.sync],
  decode: decodeSync,
  apply(model, e) {
    model.applySync(e.reserve0, e.reserve1);
    return true;
  },
  fromEvents(d, events) {
    const last = events[events.length - 1];
    if (last === undefined) return undefined;
    // A Sync is the pair's whole state.
    return { model: modelOf(d, last), complete: true };
  },
  async read(ctx, pools, blockTag): Promise<ReadResult<UniswapV2Pool>> {
    const groups: V2Descriptor[][] = [];
    for (let i = 0; i < pools.length; i += ctx.limits.v2PerCall)
      groups.push(pools.slice(i, i + ctx.limits.v2PerCall));
    const answers = await Promise.all(
      groups.map((g) =>
        readV2Reserves(
          ctx.call,
          g.map((p) => p.address),
          blockTag,
        ),
      ),
    );
    return { models: answers.flat().map((r, i) => (r === null ? null : modelOf(pools[i], r))) };
  },
  snapshot: v2Snapshot,
  hopGas: 50_500,
  flash: "v2-flash-swap",
  planHop(h) {
    // The exact output the keeper computed: cheaper than recomputing on chain, and any change of the
    // pair's reserves makes the swap revert instead of trading at a worse price.
    return {
      kind: HopKind.UniswapV2,
      pair: h.pool,
      zeroForOne: BigInt(h.tokenIn) < BigInt(h.tokenOut),
      amountOut: h.amountOut,
    };
  },
  terms: () => "",
};

function modelOf(d: V2Descriptor, r: V2Sync): UniswapV2Pool {
  return new UniswapV2Pool({
    address: d.address,
    token0: d.token0,
    token1: d.token1,
    feeBps: d.feeBps,
    reserve0: r.reserve0,
    reserve1: r.reserve1,
  });
}
