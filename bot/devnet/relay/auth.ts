import { getAddress, id, verifyMessage } from "ethers";
import { RPC_INVALID_REQUEST, RelayRequestError } from "./errors";

export const SIGNATURE_HEADER = "x-flashbots-signature";

/**
 * Checks the X-Flashbots-Signature header, `<address>:<signature>`, where the signature is an
 * EIP-191 personal_sign of the keccak256 of the exact request body written as a 0x-hex string
 * (what FlashbotsBundleProvider does with `signMessage(id(body))`). Returns the signer, which
 * identifies the searcher (it scopes replacementUuids). Errors are answered as the Flashbots relay
 * does: JSON-RPC -32600.
 */
export function verifyFlashbotsSignature(header: string | undefined, body: string): string {
  if (header === undefined || header.length === 0) {
    throw new RelayRequestError(RPC_INVALID_REQUEST, "missing X-Flashbots-Signature header");
  }
  const sep = header.indexOf(":");
  const claimed = sep < 0 ? "" : header.slice(0, sep);
  const signature = sep < 0 ? "" : header.slice(sep + 1);
  let address: string;
  try {
    address = getAddress(claimed);
  } catch (cause) {
    throw new RelayRequestError(RPC_INVALID_REQUEST, "X-Flashbots-Signature must be <address>:<signature>", {
      cause,
    });
  }
  let recovered: string;
  try {
    recovered = verifyMessage(id(body), signature);
  } catch (cause) {
    throw new RelayRequestError(RPC_INVALID_REQUEST, `error in signature check ${address}`, { cause });
  }
  if (recovered !== address) {
    throw new RelayRequestError(RPC_INVALID_REQUEST, `error in signature check ${address}`, {
      details: { recovered },
    });
  }
  return address;
}
