/**
 * The idempotency key of an opportunity: keccak256 of (chainId, the cycle's pools and input tokens
 * in order, target block). Amounts are left out on purpose: the same cycle re-sized for the same
 * block is the same opportunity and must not be submitted twice.
 */
import { AbiCoder, keccak256 } from "ethers";
import type { Address } from "../core/address";

export interface CycleHop {
  readonly pool: Address;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
}

export function idempotencyKey(
  chainId: number | bigint,
  path: readonly CycleHop[],
  targetBlock: bigint,
): string {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["uint256", "address[]", "address[]", "address[]", "uint256"],
    [
      BigInt(chainId),
      path.map((h) => h.pool.toLowerCase()),
      path.map((h) => h.tokenIn.toLowerCase()),
      path.map((h) => h.tokenOut.toLowerCase()),
      targetBlock,
    ],
  );
  return keccak256(encoded);
}
