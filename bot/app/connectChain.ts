import { urlOrigin } from "../config/redact";
import type { JsonRpcProvider } from "ethers";
import { httpChainRpc, type ChainRpc, type JsonRpcChainRpc } from "../chain/chainRpc";
import type { ChainConfig } from "../config/types";
import { UsageError } from "../core/errors";

/** Refuses a node that is not the configured chain (a one-line UsageError naming the file). */
export async function checkChainId(rpc: ChainRpc, config: ChainConfig): Promise<void> {
  const chainId = await rpc.chainId();
  if (chainId !== BigInt(config.chainId)) {
    throw new UsageError(
      "CHAIN_ID_MISMATCH",
      `${config.source}: chainId is ${config.chainId} but ${urlOrigin(config.rpc.http)} is chain ${chainId}`,
    );
  }
}

/**
 * The configured HTTP endpoint as a ChainRpc, checked: reachable (else RPC_UNREACHABLE) and the
 * configured chain (else CHAIN_ID_MISMATCH), both one-line UsageErrors. The caller destroys the
 * provider when done; on a failed check it is already destroyed.
 */
export async function connectChain(
  config: ChainConfig,
): Promise<{ rpc: JsonRpcChainRpc; provider: JsonRpcProvider }> {
  const { rpc, provider } = httpChainRpc(config.rpc.http, BigInt(config.chainId));
  try {
    try {
      await rpc.blockNumber();
    } catch (err) {
      throw new UsageError(
        "RPC_UNREACHABLE",
        `${config.source}: rpc.http: cannot reach ${urlOrigin(config.rpc.http)}`,
        {
          cause: err,
        },
      );
    }
    await checkChainId(rpc, config);
  } catch (err) {
    provider.destroy();
    throw err;
  }
  return { rpc, provider };
}
