import { AbiCoder, id, type Provider, type TransactionReceipt } from "ethers";
import type { CostModel } from "../chains/costModel";
import type { Address } from "../core/address";
import type { SubmissionOutcome } from "./submitter";

/**
 * What a mined executor transaction did, read from the chain: gas from the receipt, the profit as
 * the executor's balance change of the profit token across the block, and the builder payment as
 * the ether the executor sent out in that transaction.
 */

const BALANCE_OF = "0x70a08231";
/** WETH9's `Withdrawal(address indexed src, uint256 wad)`. */
const WITHDRAWAL_TOPIC = id("Withdrawal(address,uint256)");

export type IncludedOutcome = Extract<SubmissionOutcome, { kind: "included" }>;
export type FailedOutcome = Extract<SubmissionOutcome, { kind: "failed" }>;

async function tokenBalance(
  provider: Provider,
  token: Address,
  owner: Address,
  block: number,
): Promise<bigint> {
  const data = BALANCE_OF + AbiCoder.defaultAbiCoder().encode(["address"], [owner]).slice(2);
  const ret = await provider.call({ to: token, data, blockTag: block });
  return BigInt(ret.slice(0, 66));
}

/**
 * The builder payment of one executor transaction. The executor sends ether to exactly one
 * address, block.coinbase, and only from `_payBuilder`: either ether it held (its ether balance
 * falls by the tip) or WETH it unwrapped for the purpose (WETH9 logs a Withdrawal from the
 * executor and the ether passes straight through). This is measured on the executor's side, not
 * as the coinbase's balance change, because on a real chain the coinbase also receives every
 * other transaction's fees and may pay the proposer out of the same block.
 */
async function builderPayment(
  provider: Provider,
  receipt: TransactionReceipt,
  executor: Address,
  weth: Address | undefined,
): Promise<bigint> {
  let unwrapped = 0n;
  const executorTopic = AbiCoder.defaultAbiCoder().encode(["address"], [executor]);
  for (const log of receipt.logs) {
    if (weth === undefined || log.address.toLowerCase() !== weth.toLowerCase()) continue;
    if (log.topics[0] !== WITHDRAWAL_TOPIC || log.topics[1]?.toLowerCase() !== executorTopic) continue;
    unwrapped += BigInt(log.data);
  }
  const before = await provider.getBalance(executor, receipt.blockNumber - 1);
  const after = await provider.getBalance(executor, receipt.blockNumber);
  return unwrapped + (before > after ? before - after : 0n);
}

/** What the transaction cost, as the chain's cost model reads its receipt (gas, and any L1 data fee). */
export function gasCostOf(
  receipt: TransactionReceipt,
  costModel: Pick<CostModel, "realisedCostWei">,
): bigint {
  return costModel.realisedCostWei({ gasUsed: receipt.gasUsed, effectiveGasPrice: receipt.gasPrice });
}

/** The outcome of a mined transaction: included when it succeeded, failed "reverted" when it did not. */
export async function measureInclusion(
  provider: Provider,
  receipt: TransactionReceipt,
  executor: Address,
  profitToken: Address,
  weth: Address | undefined,
  costModel: Pick<CostModel, "realisedCostWei">,
): Promise<IncludedOutcome | FailedOutcome> {
  const blockNumber = BigInt(receipt.blockNumber);
  const gasCostWei = gasCostOf(receipt, costModel);
  if (receipt.status !== 1) {
    return {
      kind: "failed",
      reason: "reverted",
      detail: `transaction ${receipt.hash} reverted in block ${blockNumber}`,
      blockNumber,
      gasCostWei,
    };
  }
  const [before, after, paid] = await Promise.all([
    tokenBalance(provider, profitToken, executor, receipt.blockNumber - 1),
    tokenBalance(provider, profitToken, executor, receipt.blockNumber),
    builderPayment(provider, receipt, executor, weth),
  ]);
  return {
    kind: "included",
    blockNumber,
    txHash: receipt.hash,
    gasUsed: receipt.gasUsed,
    gasCostWei,
    realisedProfit: after - before,
    builderPayment: paid,
  };
}
