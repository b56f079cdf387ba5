import { keccak256, type Wallet } from "ethers";
import type { SubmissionRequest } from "./submitter";

/** The executor transaction, signed once: its bytes and hash never change after this. */
export interface SignedExecutorTx {
  readonly raw: string;
  readonly hash: string;
  readonly nonce: number;
  readonly from: string;
}

/**
 * Signs the executor call as an EIP-1559 transaction with the operator key: fee fields and gas
 * limit exactly as the keeper set them (it derived them from the next base fee and the builder
 * payment policy), no value. The nonce is chosen by the caller; whoever re-sends must re-send
 * these bytes, never re-sign, so every copy in flight spends the same nonce.
 */
export async function signExecutorTx(
  operator: Wallet,
  request: SubmissionRequest,
  chainId: bigint,
  nonce: number,
): Promise<SignedExecutorTx> {
  const raw = await operator.signTransaction({
    type: 2,
    chainId,
    nonce,
    to: request.to,
    data: request.calldata,
    value: 0n,
    gasLimit: request.gasLimit,
    maxFeePerGas: request.maxFeePerGas,
    maxPriorityFeePerGas: request.maxPriorityFeePerGas,
  });
  return { raw, hash: keccak256(raw), nonce, from: operator.address };
}
