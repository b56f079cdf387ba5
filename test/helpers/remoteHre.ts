import { Contract, type JsonRpcProvider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * The pieces of a HardhatRuntimeEnvironment the devnet market helpers (devnetMarket.ts) use, over
 * a separate node's HTTP endpoint (its accounts are unlocked), so the same random market can drive
 * that node. `deployments` is the node's deployments by name.
 */
export function remoteHre(
  deployments: Record<string, { address: string; abi: unknown[] }>,
  provider: JsonRpcProvider,
): HardhatRuntimeEnvironment {
  const shim = {
    ethers: {
      provider,
      getSigners: async () => await Promise.all(Array.from({ length: 10 }, (_, i) => provider.getSigner(i))),
      getContractAt: async (abi: never, address: string, signer?: never) =>
        new Contract(address, abi, signer ?? provider),
    },
    deployments: { all: async () => deployments },
    network: {
      provider: {
        request: async ({ method, params }: { method: string; params?: unknown[] }) =>
          await provider.send(method, params ?? []),
      },
    },
  };
  return shim as unknown as HardhatRuntimeEnvironment;
}
