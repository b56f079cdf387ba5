import { isError } from "ethers";

/**
 * What an `eth_sendRawTransaction` error means for the transaction:
 * - "sent": the node ran it and says it reverted (a node that mines on arrival, like Hardhat's
 *   automine, answers so although it mined it): it is on chain, the receipt will tell;
 * - "rejected": the node answered with a JSON-RPC error (nonce too low, fee too low, funds):
 *   it did not take the transaction;
 * - "error": no answer (connection refused, timeout, HTTP error status): it may have taken it.
 */
export function sendErrorState(err: unknown): "sent" | "rejected" | "error" {
  if (isError(err, "CALL_EXCEPTION")) return "sent";
  if (
    isError(err, "INSUFFICIENT_FUNDS") ||
    isError(err, "NONCE_EXPIRED") ||
    isError(err, "REPLACEMENT_UNDERPRICED")
  ) {
    return "rejected";
  }
  // ethers wraps any other JSON-RPC error answer as UNKNOWN_ERROR carrying the node's
  // { code, message, data }.
  if (isError(err, "UNKNOWN_ERROR")) {
    const rpc = (err as { error?: { code?: unknown; message?: unknown; data?: unknown } }).error;
    if (rpc !== undefined && typeof rpc.code === "number") {
      // Hardhat's automine runs the transaction on arrival and answers a revert with -32603,
      // the revert in the message and the mined transaction's hash in data: it is on chain.
      const data = rpc.data as { txHash?: unknown } | undefined;
      const mined = typeof data === "object" && data !== null && typeof data.txHash === "string";
      return mined || /revert/i.test(String(rpc.message)) ? "sent" : "rejected";
    }
  }
  return "error";
}
