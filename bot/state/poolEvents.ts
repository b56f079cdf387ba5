import { AbiCoder, id } from "ethers";
import type { Address } from "../venues/poolModel";

/**
 * The pool logs the keeper lives on, decoded at the edge into plain typed updates. A V2 pair's
 * `Sync` carries its whole state; a V3 pool's `Swap` carries price, tick and active liquidity, and
 * `Mint` / `Burn` carry the tick range and liquidity that change liquidityNet at two ticks.
 */

export type PoolEvent =
  | { kind: "v2-sync"; pool: Address; reserve0: bigint; reserve1: bigint }
  | { kind: "v3-swap"; pool: Address; sqrtPriceX96: bigint; liquidity: bigint; tick: number }
  | { kind: "v3-mint"; pool: Address; tickLower: number; tickUpper: number; amount: bigint }
  | { kind: "v3-burn"; pool: Address; tickLower: number; tickUpper: number; amount: bigint }
  | { kind: "v2-pair-created"; factory: Address; token0: Address; token1: Address; pool: Address }
  | {
      kind: "v3-pool-created";
      factory: Address;
      token0: Address;
      token1: Address;
      fee: number;
      tickSpacing: number;
      pool: Address;
    };

/** The subset of an RPC log the decoder reads. */
export interface RawLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

export const TOPICS = {
  v2Sync: id("Sync(uint112,uint112)"),
  v3Swap: id("Swap(address,address,int256,int256,uint160,uint128,int24)"),
  v3Mint: id("Mint(address,address,int24,int24,uint128,uint256,uint256)"),
  v3Burn: id("Burn(address,int24,int24,uint128,uint256,uint256)"),
  v2PairCreated: id("PairCreated(address,address,address,uint256)"),
  v3PoolCreated: id("PoolCreated(address,address,uint24,int24,address)"),
} as const;

/** Every topic0 the keeper subscribes to for pool state. */
export const POOL_STATE_TOPICS: readonly string[] = [
  TOPICS.v2Sync,
  TOPICS.v3Swap,
  TOPICS.v3Mint,
  TOPICS.v3Burn,
];

const coder = AbiCoder.defaultAbiCoder();

function topicInt24(topic: string): number {
  return Number(BigInt.asIntN(24, BigInt(topic)));
}

function topicAddress(topic: string): Address {
  return ("0x" + topic.slice(26)).toLowerCase();
}

/** Decodes one log, or returns null for a log that is not a pool-state event. */
export function decodePoolEvent(log: RawLog): PoolEvent | null {
  const pool = log.address.toLowerCase();
  switch (log.topics[0]) {
    case TOPICS.v2Sync: {
      const [reserve0, reserve1] = coder.decode(["uint112", "uint112"], log.data);
      return { kind: "v2-sync", pool, reserve0, reserve1 };
    }
    case TOPICS.v3Swap: {
      const [, , sqrtPriceX96, liquidity, tick] = coder.decode(
        ["int256", "int256", "uint160", "uint128", "int24"],
        log.data,
      );
      return { kind: "v3-swap", pool, sqrtPriceX96, liquidity, tick: Number(tick) };
    }
    case TOPICS.v3Mint: {
      // Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, ...)
      const [, amount] = coder.decode(["address", "uint128", "uint256", "uint256"], log.data);
      return {
        kind: "v3-mint",
        pool,
        tickLower: topicInt24(log.topics[2]),
        tickUpper: topicInt24(log.topics[3]),
        amount,
      };
    }
    case TOPICS.v3Burn: {
      // Burn(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, ...)
      const [amount] = coder.decode(["uint128", "uint256", "uint256"], log.data);
      return {
        kind: "v3-burn",
        pool,
        tickLower: topicInt24(log.topics[2]),
        tickUpper: topicInt24(log.topics[3]),
        amount,
      };
    }
    case TOPICS.v2PairCreated: {
      const [pair] = coder.decode(["address", "uint256"], log.data);
      return {
        kind: "v2-pair-created",
        factory: pool,
        token0: topicAddress(log.topics[1]),
        token1: topicAddress(log.topics[2]),
        pool: String(pair).toLowerCase(),
      };
    }
    case TOPICS.v3PoolCreated: {
      const [tickSpacing, created] = coder.decode(["int24", "address"], log.data);
      return {
        kind: "v3-pool-created",
        factory: pool,
        token0: topicAddress(log.topics[1]),
        token1: topicAddress(log.topics[2]),
        fee: Number(BigInt(log.topics[3])),
        tickSpacing: Number(tickSpacing),
        pool: String(created).toLowerCase(),
      };
    }
    default:
      return null;
  }
}
