import { OmniArbError } from "../../core/errors";

/** JSON-RPC error codes the relay answers with (the Flashbots relay uses the standard ones). */
export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_INTERNAL_ERROR = -32603;
/** Generic server-side failure, used (like geth) for a bundle that cannot be applied. */
export const RPC_SERVER_ERROR = -32000;

/**
 * A request the relay refuses, carrying the JSON-RPC error code to answer with. The message is
 * what the searcher sees, so it says what was wrong with their request.
 */
export class RelayRequestError extends OmniArbError {
  override readonly name: string = "RelayRequestError";
  readonly rpcCode: number;

  constructor(
    rpcCode: number,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super("RELAY_REQUEST_REJECTED", message, options);
    this.rpcCode = rpcCode;
  }
}

/** The node the relay drives answered with an error or could not be reached. */
export class NodeRpcError extends OmniArbError {
  override readonly name: string = "NodeRpcError";
}

/** The node cannot be driven as a builder (e.g. its mempool does not keep arrival order). */
export class UnsuitableNodeError extends OmniArbError {
  override readonly name: string = "UnsuitableNodeError";
}
