import { AbiCoder, id } from "ethers";
import type { RawLog } from "../../chain/log";
import type { Address } from "../../core/address";
import { topicAddress } from "../uniswap-v2/events";

/**
 * Uniswap-V3-style pool logs, decoded at the edge. A `Swap` carries the new price, tick and active
 * liquidity; `Mint` and `Burn` carry the tick range and liquidity that change liquidityNet at two
 * ticks; the factory's `PoolCreated` names a new pool with its fee and tick spacing. Venues with
 * the same pool math but another Swap event (PancakeSwap V3) reuse the rest.
 */

export type V3Event =
  | {
      readonly kind: "swap";
      readonly sqrtPriceX96: bigint;
      readonly liquidity: bigint;
      readonly tick: number;
    }
  | {
      readonly kind: "mint" | "burn";
      readonly tickLower: number;
      readonly tickUpper: number;
      readonly amount: bigint;
    };

export interface V3PoolCreated {
  readonly factory: Address;
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly tickSpacing: number;
  readonly pool: Address;
}

export const V3_TOPICS = {
  swap: id("Swap(address,address,int256,int256,uint160,uint128,int24)"),
  mint: id("Mint(address,address,int24,int24,uint128,uint256,uint256)"),
  burn: id("Burn(address,int24,int24,uint128,uint256,uint256)"),
  poolCreated: id("PoolCreated(address,address,uint24,int24,address)"),
} as const;

const coder = AbiCoder.defaultAbiCoder();

function topicInt24(topic: string): number {
  return Number(BigInt.asIntN(24, BigInt(topic)));
}

/** Swap(address indexed sender, address indexed recipient, int256, int256, uint160 sqrtPriceX96, uint128 liquidity, int24 tick). */
export function decodeV3Swap(log: RawLog): V3Event | undefined {
  if (log.topics[0] !== V3_TOPICS.swap) return undefined;
  const [, , sqrtPriceX96, liquidity, tick] = coder.decode(
    ["int256", "int256", "uint160", "uint128", "int24"],
    log.data,
  );
  return { kind: "swap", sqrtPriceX96, liquidity, tick: Number(tick) };
}

/** Mint and Burn, the same in every Uniswap-V3-style pool. */
export function decodeV3Position(log: RawLog): V3Event | undefined {
  switch (log.topics[0]) {
    case V3_TOPICS.mint: {
      // Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, ...)
      const [, amount] = coder.decode(["address", "uint128", "uint256", "uint256"], log.data);
      return {
        kind: "mint",
        tickLower: topicInt24(log.topics[2]),
        tickUpper: topicInt24(log.topics[3]),
        amount,
      };
    }
    case V3_TOPICS.burn: {
      // Burn(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, ...)
      const [amount] = coder.decode(["uint128", "uint256", "uint256"], log.data);
      return {
        kind: "burn",
        tickLower: topicInt24(log.topics[2]),
        tickUpper: topicInt24(log.topics[3]),
        amount,
      };
    }
    default:
      return undefined;
  }
}

/** PoolCreated(address indexed token0, address indexed token1, uint24 indexed fee, int24 tickSpacing, address pool). */
export function decodePoolCreated(log: RawLog): V3PoolCreated | undefined {
  if (log.topics[0] !== V3_TOPICS.poolCreated) return undefined;
  const [tickSpacing, pool] = coder.decode(["int24", "address"], log.data);
  return {
    factory: log.address.toLowerCase(),
    token0: topicAddress(log.topics[1]),
    token1: topicAddress(log.topics[2]),
    fee: Number(BigInt(log.topics[3])),
    tickSpacing: Number(tickSpacing),
    pool: String(pool).toLowerCase(),
  };
}
