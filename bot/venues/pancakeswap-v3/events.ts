import { AbiCoder, id } from "ethers";
import type { RawLog } from "../../chain/log";
import type { V3Event } from "../uniswap-v3/events";

/**
 * PancakeSwap V3's pools are Uniswap V3's with a protocol fee split and liquidity-mining hooks that
 * do not change swap amounts, but their Swap log has two more fields, so another topic0:
 * Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1,
 * uint160 sqrtPriceX96, uint128 liquidity, int24 tick, uint128 protocolFeesToken0,
 * uint128 protocolFeesToken1) (the ABI in @pancakeswap/v3-core's PancakeV3Pool artifact).
 * Mint, Burn and the factory's PoolCreated are Uniswap V3's.
 */
export const PANCAKE_V3_SWAP_TOPIC = id(
  "Swap(address,address,int256,int256,uint160,uint128,int24,uint128,uint128)",
);

const coder = AbiCoder.defaultAbiCoder();

export function decodePancakeV3Swap(log: RawLog): V3Event | undefined {
  if (log.topics[0] !== PANCAKE_V3_SWAP_TOPIC) return undefined;
  const [, , sqrtPriceX96, liquidity, tick] = coder.decode(
    ["int256", "int256", "uint160", "uint128", "int24", "uint128", "uint128"],
    log.data,
  );
  return { kind: "swap", sqrtPriceX96, liquidity, tick: Number(tick) };
}
