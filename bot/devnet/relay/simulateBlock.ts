import type { NodeClient, PoolTx, ReceiptInfo } from "./nodeClient";

/** What happened to one planned transaction in a simulated block. */
export type TxOutcome =
  | { readonly kind: "mined"; readonly receipt: ReceiptInfo; readonly output?: string }
  /** The node would not take it (e.g. nonce too low) or left it pending (nonce gap, fee too low). */
  | { readonly kind: "rejected"; readonly reason: string };

export interface SimulatedBlock {
  readonly blockNumber: bigint;
  readonly baseFeePerGas: bigint;
  /** Coinbase balance after the block minus before it: priority fees plus direct payments. */
  readonly coinbaseDelta: bigint;
  readonly outcomes: readonly TxOutcome[];
}

export interface SimulateOptions {
  readonly timestamp: bigint;
  /** The address whose balance change is the builder's payment (the node's coinbase). */
  readonly coinbase: string;
  /** Empty blocks to mine first, to simulate a block further ahead than the next one. */
  readonly skipBlocks?: bigint;
  /** Also fetch each mined transaction's return or revert data (costs a trace per transaction). */
  readonly withOutput?: boolean;
}

/**
 * Mines `plan` alone, in that order, as one real block on top of the current head, inside an
 * evm_snapshot that is always reverted: the chain, the balances and the node's pending pool are
 * left exactly as they were. This is measurement by doing: the node's own EVM runs the block, so
 * gas, refunds, base fee and every coinbase payment (priority fee or transfer, at any call depth)
 * are what the real block would see.
 *
 * The node must keep arrival order when mining (Hardhat's `mempool.order: "fifo"`), which
 * ensureFifoNode checks at start. The pending pool is emptied first so only `plan` is mined.
 * A transaction that reaches the node from outside while the snapshot is open would be mined into
 * this block and then erased by the revert; such a transaction is sent again after the revert.
 */
export async function simulateBlock(
  node: NodeClient,
  plan: readonly PoolTx[],
  opts: SimulateOptions,
): Promise<SimulatedBlock> {
  const snapshot = await node.snapshot();
  let strays: PoolTx[] = [];
  try {
    const pool = await node.pendingTransactions();
    for (const hash of [...pool.movable.map((t) => t.hash), ...pool.stuck]) await node.drop(hash);
    await node.mineMany(opts.skipBlocks ?? 0n);
    const before = await node.balance(opts.coinbase);
    const rejected = new Map<number, string>();
    for (const [i, tx] of plan.entries()) {
      try {
        await node.sendRaw(tx.raw);
      } catch (err) {
        rejected.set(i, err instanceof Error ? err.message : String(err));
      }
    }
    await node.mine(opts.timestamp);
    const block = await node.block("latest");
    const after = await node.balance(opts.coinbase);
    const planned = new Set(plan.map((t) => t.hash));
    if (block.txHashes.some((h) => !planned.has(h))) {
      strays = (await node.blockTransactions(block.number)).filter((t) => !planned.has(t.hash));
    }
    const outcomes: TxOutcome[] = [];
    for (const [i, tx] of plan.entries()) {
      const why = rejected.get(i);
      const receipt = why === undefined ? await node.receipt(tx.hash) : null;
      if (receipt === null || receipt.blockNumber !== block.number) {
        outcomes.push({ kind: "rejected", reason: why ?? "not minable in this block (nonce gap or fee)" });
        continue;
      }
      const output = opts.withOutput ? await node.returnData(tx.hash) : undefined;
      outcomes.push({ kind: "mined", receipt, output });
    }
    return {
      blockNumber: block.number,
      baseFeePerGas: block.baseFeePerGas,
      coinbaseDelta: after - before,
      outcomes,
    };
  } finally {
    await node.revert(snapshot);
    for (const tx of strays) await node.sendRaw(tx.raw).catch(() => undefined);
  }
}
