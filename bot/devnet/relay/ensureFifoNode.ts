import { Wallet } from "ethers";
import { UnsuitableNodeError } from "./errors";
import type { NodeClient } from "./nodeClient";

const GWEI = 10n ** 9n;

/**
 * Proves, inside a reverted snapshot, that the node mines its pool in arrival order: two throwaway
 * accounts send a low-tip then a high-tip transfer, and the block must hold them in that order.
 * Hardhat's default ("priority") would put the high tip first and break every bundle's order, so
 * the relay refuses such a node rather than build wrong blocks.
 */
export async function ensureFifoNode(node: NodeClient): Promise<void> {
  const chainId = await node.chainId();
  const parent = await node.block("latest");
  const maxFeePerGas = parent.baseFeePerGas * 2n + 10n * GWEI;
  const snapshot = await node.snapshot();
  let order: readonly string[];
  let sent: string[];
  try {
    const pool = await node.pendingTransactions();
    for (const hash of [...pool.movable.map((t) => t.hash), ...pool.stuck]) await node.drop(hash);
    const signers = [Wallet.createRandom(), Wallet.createRandom()];
    sent = [];
    for (const [i, w] of signers.entries()) {
      await node.setBalance(w.address, 10n ** 18n);
      const raw = await w.signTransaction({
        type: 2,
        chainId,
        nonce: 0,
        to: w.address,
        value: 0n,
        gasLimit: 21_000n,
        maxFeePerGas,
        maxPriorityFeePerGas: BigInt(i + 1) * GWEI,
      });
      sent.push(await node.sendRaw(raw));
    }
    await node.mine(parent.timestamp + 1n);
    order = (await node.block("latest")).txHashes;
  } finally {
    await node.revert(snapshot);
  }
  if (order.length !== 2 || order[0] !== sent[0] || order[1] !== sent[1]) {
    throw new UnsuitableNodeError(
      "NODE_NOT_FIFO",
      `the node at ${node.url} does not mine in arrival order; start it with ` +
        'mining.mempool.order = "fifo" ' +
        "(npx hardhat --config bot/devnet/relay/devnetNode.config.ts node)",
    );
  }
}
