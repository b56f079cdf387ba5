import { getCreateAddress, type Provider, type Signer } from "ethers";
import { DemoError } from "./demoError";

/**
 * Many transactions from one account without waiting for each: explicit nonces and gas limits (no
 * estimate, which would fail on a step that depends on an earlier one still pending), receipts
 * checked once at the end. Works whether the node automines or a builder mines every interval.
 */
export class TxPipeline {
  private nonce: number;
  private readonly sent: Array<{ hash: string; label: string }> = [];

  private constructor(
    private readonly signer: Signer,
    private readonly provider: Provider,
    private readonly from: string,
    startNonce: number,
  ) {
    this.nonce = startNonce;
  }

  static async open(signer: Signer): Promise<TxPipeline> {
    const provider = signer.provider;
    if (provider === null) throw new DemoError("DEMO_SIGNER", "the signer has no provider");
    const from = await signer.getAddress();
    return new TxPipeline(signer, provider, from, await signer.getNonce("pending"));
  }

  get address(): string {
    return this.from;
  }

  get count(): number {
    return this.sent.length;
  }

  /** Sends one call; returns the nonce used. */
  async send(label: string, to: string, data: string, gasLimit: bigint, value = 0n): Promise<number> {
    const nonce = this.nonce;
    this.nonce += 1;
    try {
      const tx = await this.signer.sendTransaction({ to, data, value, gasLimit, nonce });
      this.sent.push({ hash: tx.hash, label });
    } catch (cause) {
      throw new DemoError("DEMO_TX_SEND", `sending failed: ${label}`, { cause, details: { label, nonce } });
    }
    return nonce;
  }

  /** Sends a contract creation; returns the address the contract will have. */
  async deploy(label: string, data: string, gasLimit: bigint): Promise<string> {
    const nonce = this.nonce;
    this.nonce += 1;
    try {
      const tx = await this.signer.sendTransaction({ data, gasLimit, nonce });
      this.sent.push({ hash: tx.hash, label });
    } catch (cause) {
      throw new DemoError("DEMO_TX_SEND", `sending failed: ${label}`, { cause, details: { label, nonce } });
    }
    return getCreateAddress({ from: this.from, nonce });
  }

  /** Waits until every transaction sent so far is mined; any failure names its step. */
  async drain(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const { hash, label } of this.sent.splice(0)) {
      for (;;) {
        const receipt = await this.provider.getTransactionReceipt(hash);
        if (receipt !== null) {
          if (receipt.status !== 1) {
            throw new DemoError("DEMO_TX_FAILED", `transaction reverted: ${label}`, {
              details: { hash, label },
            });
          }
          break;
        }
        if (Date.now() > deadline) {
          throw new DemoError("DEMO_TX_TIMEOUT", `not mined in time: ${label}`, { details: { hash, label } });
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}
