import { Transaction, getAddress, keccak256 } from "ethers";
import { RPC_INVALID_PARAMS, RelayRequestError } from "./errors";
import type { PoolTx } from "./nodeClient";

/** A bundle as the relay holds it: decoded, hashed, and stamped with who sent it and when. */
export interface Bundle {
  readonly bundleHash: string;
  readonly txs: readonly PoolTx[];
  readonly blockNumber: bigint;
  readonly minTimestamp?: bigint;
  readonly maxTimestamp?: bigint;
  /** Lower-case hashes of the transactions that may revert without dropping the bundle. */
  readonly revertingTxHashes: ReadonlySet<string>;
  readonly replacementUuid?: string;
  /** The address that signed the X-Flashbots-Signature header. */
  readonly signer: string;
  readonly receivedAt: Date;
}

/** Decodes one signed transaction of a bundle; a searcher error, not ours, when it is not one. */
export function decodeSignedTx(raw: string, index: number): PoolTx {
  let tx: Transaction;
  try {
    tx = Transaction.from(raw);
  } catch (cause) {
    throw new RelayRequestError(RPC_INVALID_PARAMS, `txs[${index}] is not a signed transaction`, { cause });
  }
  if (tx.hash === null || tx.from === null) {
    throw new RelayRequestError(RPC_INVALID_PARAMS, `txs[${index}] is not signed`);
  }
  return { hash: tx.hash, from: getAddress(tx.from), nonce: BigInt(tx.nonce), raw: tx.serialized };
}

/**
 * The Flashbots bundle hash: keccak256 of the transaction hashes concatenated in bundle order, the
 * same as FlashbotsBundleProvider.generateBundleHash, so searchers can compute it themselves.
 */
export function bundleHashOf(txHashes: readonly string[]): string {
  return keccak256(`0x${txHashes.map((h) => h.slice(2)).join("")}`);
}
