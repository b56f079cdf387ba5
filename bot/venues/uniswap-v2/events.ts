import { AbiCoder, id } from "ethers";
import type { RawLog } from "../../chain/log";
import type { Address } from "../../core/address";

/**
 * Uniswap-V2-style pair logs, decoded at the edge. A pair's `Sync` carries its whole state (both
 * reserves after any change); the factory's `PairCreated` names a new pair.
 */

export const V2_TOPICS = {
  sync: id("Sync(uint112,uint112)"),
  pairCreated: id("PairCreated(address,address,address,uint256)"),
} as const;

export interface V2Sync {
  readonly reserve0: bigint;
  readonly reserve1: bigint;
}

export interface V2PairCreated {
  readonly factory: Address;
  readonly token0: Address;
  readonly token1: Address;
  readonly pair: Address;
}

const coder = AbiCoder.defaultAbiCoder();

export function topicAddress(topic: string): Address {
  return ("0x" + topic.slice(26)).toLowerCase();
}

/** A pair's Sync log, or undefined for any other log. */
export function decodeSync(log: RawLog): V2Sync | undefined {
  if (log.topics[0] !== V2_TOPICS.sync) return undefined;
  const [reserve0, reserve1] = coder.decode(["uint112", "uint112"], log.data);
  return { reserve0, reserve1 };
}

/** A factory's PairCreated(address indexed token0, address indexed token1, address pair, uint256). */
export function decodePairCreated(log: RawLog): V2PairCreated | undefined {
  if (log.topics[0] !== V2_TOPICS.pairCreated) return undefined;
  const [pair] = coder.decode(["address", "uint256"], log.data);
  return {
    factory: log.address.toLowerCase(),
    token0: topicAddress(log.topics[1]),
    token1: topicAddress(log.topics[2]),
    pair: String(pair).toLowerCase(),
  };
}
