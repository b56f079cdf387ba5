import type { Provider, Wallet } from "ethers";
import { DemoError } from "./demoError";

/** A provider that also speaks raw JSON-RPC (ethers' JsonRpcProvider, Hardhat's provider). */
export type RpcProvider = Provider & { send(method: string, params: unknown[]): Promise<unknown> };

/**
 * Signs transactions locally and hands them to the node's public mempool with
 * eth_sendRawTransaction: explicit nonce (the account's pending count, then counted locally),
 * explicit gas limit and EIP-1559 fees from the latest block. Nothing is mined here.
 */
export class RawSender {
  private baseFee = 0n;
  private readonly nonces = new Map<string, number>();

  private constructor(
    private readonly provider: RpcProvider,
    readonly chainId: bigint,
  ) {}

  static async create(provider: RpcProvider): Promise<RawSender> {
    return new RawSender(provider, BigInt((await provider.send("eth_chainId", [])) as string));
  }

  /** Call once per block before sending: refreshes the base fee and the accounts' nonces. */
  async beginBlock(): Promise<void> {
    const block = await this.provider.getBlock("latest");
    if (block === null) throw new DemoError("DEMO_NO_BLOCK", "the node has no latest block");
    this.baseFee = block.baseFeePerGas ?? 0n;
    this.nonces.clear();
  }

  /** Signs and sends one call; returns its hash. */
  async send(
    wallet: Wallet,
    to: string,
    data: string,
    gasLimit: bigint,
    tipWei: bigint,
    value = 0n,
  ): Promise<string> {
    const from = wallet.address;
    let nonce = this.nonces.get(from);
    if (nonce === undefined) {
      nonce = Number(await this.provider.send("eth_getTransactionCount", [from, "pending"]));
    }
    const raw = await wallet.signTransaction({
      type: 2,
      chainId: this.chainId,
      nonce,
      to,
      data,
      value,
      gasLimit,
      // Twice the base fee absorbs several full blocks of base-fee growth before inclusion.
      maxFeePerGas: this.baseFee * 2n + tipWei,
      maxPriorityFeePerGas: tipWei,
    });
    let hash: string;
    try {
      hash = (await this.provider.send("eth_sendRawTransaction", [raw])) as string;
    } catch (cause) {
      throw new DemoError("DEMO_TX_SEND", "the node refused a demo transaction", {
        cause,
        details: { from, nonce, to },
      });
    }
    this.nonces.set(from, nonce + 1);
    return hash;
  }
}

/** Waits for receipts (someone else mines); throws if any transaction reverted. */
export async function waitForReceipts(
  provider: Provider,
  hashes: ReadonlyArray<string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const hash of hashes) {
    for (;;) {
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt !== null) {
        if (receipt.status !== 1)
          throw new DemoError("DEMO_TX_FAILED", "a demo transaction reverted", { details: { hash } });
        break;
      }
      if (Date.now() > deadline)
        throw new DemoError("DEMO_TX_TIMEOUT", "a demo transaction was not mined in time", {
          details: { hash },
        });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
