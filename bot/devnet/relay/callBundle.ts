import { bundleHashOf, decodeSignedTx } from "./bundle";
import { RPC_INVALID_PARAMS, RPC_SERVER_ERROR, RelayRequestError } from "./errors";
import type { NodeClient, PoolTx } from "./nodeClient";
import { simulateBlock } from "./simulateBlock";
import type { CallBundleParams, CallBundleResult, CallBundleTxResult } from "./wire";

/**
 * eth_callBundle: runs the bundle as block `blockNumber` on the state of `stateBlockNumber` and
 * reports, per transaction, gas used, priority fees (`gasFees`) and the coinbase balance change.
 *
 * A Hardhat node can only build on its head, so the state must be the latest block; a later
 * `blockNumber` is reached by mining empty blocks first inside the snapshot. Per-transaction
 * coinbase changes come from simulating each prefix of the bundle as one block (the difference
 * between prefix i and prefix i-1 is transaction i's share): every prefix runs at the same block
 * number and timestamp as the whole bundle, so nothing that depends on them changes.
 */
export async function callBundle(
  node: NodeClient,
  defaultCoinbase: string,
  p: CallBundleParams,
  now: Date = new Date(),
): Promise<CallBundleResult> {
  const head = await node.block("latest");
  if (p.stateBlockNumber !== "latest" && p.stateBlockNumber !== head.number) {
    throw new RelayRequestError(
      RPC_INVALID_PARAMS,
      `stateBlockNumber must be "latest" or the head (${head.number}) on this devnet relay`,
    );
  }
  if (p.blockNumber <= head.number) {
    throw new RelayRequestError(
      RPC_INVALID_PARAMS,
      `blockNumber must be above the state block ${head.number}`,
    );
  }
  const skipBlocks = p.blockNumber - head.number - 1n;
  // hardhat_mine spaces skipped blocks one second apart, so the simulated block must come later.
  const earliest = head.timestamp + skipBlocks + 1n;
  const nowSec = BigInt(Math.floor(now.getTime() / 1000));
  const timestamp = p.timestamp ?? (nowSec > earliest ? nowSec : earliest);
  if (timestamp < earliest) {
    throw new RelayRequestError(RPC_INVALID_PARAMS, `timestamp must be at least ${earliest}`);
  }
  const txs = p.txs.map((raw, i) => decodeSignedTx(raw, i));
  await checkNonces(node, txs);

  const coinbase = p.coinbase ?? defaultCoinbase;
  const restoreCoinbase =
    p.coinbase !== undefined && p.coinbase.toLowerCase() !== defaultCoinbase.toLowerCase();
  if (restoreCoinbase) await node.setCoinbase(coinbase);
  try {
    const opts = { timestamp, coinbase, skipBlocks };
    const deltas: bigint[] = [];
    for (let n = 1; n < txs.length; n++) {
      deltas.push((await simulateBlock(node, txs.slice(0, n), opts)).coinbaseDelta);
    }
    const full = await simulateBlock(node, txs, { ...opts, withOutput: true });
    deltas.push(full.coinbaseDelta);
    const results: CallBundleTxResult[] = txs.map((tx, i) => {
      const o = full.outcomes[i];
      if (o.kind === "rejected") {
        throw new RelayRequestError(RPC_SERVER_ERROR, `err: tx ${tx.hash} could not be applied: ${o.reason}`);
      }
      const r = o.receipt;
      const coinbaseDiff = deltas[i] - (i === 0 ? 0n : deltas[i - 1]);
      const gasFees = r.gasUsed * (r.effectiveGasPrice - full.baseFeePerGas);
      return {
        txHash: tx.hash,
        fromAddress: r.from,
        toAddress: r.to,
        gasUsed: r.gasUsed,
        gasFees,
        coinbaseDiff,
        ethSentToCoinbase: coinbaseDiff - gasFees,
        success: r.success,
        output: o.output ?? "0x",
      };
    });
    return { bundleHash: bundleHashOf(txs.map((t) => t.hash)), stateBlockNumber: head.number, results };
  } finally {
    if (restoreCoinbase) await node.setCoinbase(defaultCoinbase);
  }
}

/**
 * Answers a stale or future nonce the way geth-based relays word it ("err: nonce too low: ..."),
 * which FlashbotsBundleProvider.getConflictingBundle recognises, instead of the node's wording.
 */
async function checkNonces(node: NodeClient, txs: readonly PoolTx[]): Promise<void> {
  const next = new Map<string, bigint>();
  for (const tx of txs) {
    const expected = next.get(tx.from) ?? (await node.nonce(tx.from));
    if (tx.nonce < expected) {
      throw new RelayRequestError(
        RPC_SERVER_ERROR,
        `err: nonce too low: address ${tx.from}, tx: ${tx.nonce} state: ${expected}`,
      );
    }
    if (tx.nonce > expected) {
      throw new RelayRequestError(
        RPC_SERVER_ERROR,
        `err: nonce too high: address ${tx.from}, tx: ${tx.nonce} state: ${expected}`,
      );
    }
    next.set(tx.from, expected + 1n);
  }
}
