import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { FetchRequest, type Provider, type Signer } from "ethers";
import { errorText } from "./submissionError";

/**
 * One relay, through the official Flashbots client (`@flashbots/ethers-provider-bundle`), with
 * every answer turned into our terms. Three kinds of answer to a send:
 * - "sent": the relay took the bundle (it is live for that block);
 * - "rejected": the relay answered with a JSON-RPC error: it understood and refused;
 * - "error": no answer (connection refused, reset, timeout) or an HTTP error status (5xx). The
 *   relay may or may not have the bundle: the caller must treat it as possibly live.
 */

export type SendAnswer =
  | { readonly state: "sent"; readonly bundleHash: string }
  | { readonly state: "rejected" | "error"; readonly error: string };

/** What the relay says happened to a bundle for one block (flashbots_getBundleStatsV2). */
export type BundleVerdict =
  /** A builder put it in a block it sealed. */
  | "sealed"
  /** It passed simulation and was weighed for the block, but the block was built without it. */
  | "considered"
  /** It was simulated for the block and failed (it reverts on that block's state). */
  | "failed-simulation"
  /** The relay has no record of simulating it (it came too late, or the relay could not say). */
  | "unseen";

export type CallBundleAnswer =
  | {
      readonly ok: true;
      readonly gasUsed: bigint;
      /** The transaction's return data. */
      readonly value: string;
      readonly ethSentToCoinbase: bigint;
    }
  | { readonly ok: false; readonly error: string; readonly revert?: string };

export class RelayConnection {
  private constructor(
    readonly url: string,
    private readonly client: FlashbotsBundleProvider,
  ) {}

  /**
   * `FlashbotsBundleProvider.create(provider, reputationSigner, url, chainId)`, with a per-request
   * timeout: the client's default is five minutes, far longer than a block.
   */
  static async open(
    provider: Provider,
    reputationSigner: Signer,
    url: string,
    chainId: bigint,
    timeoutMs: number,
  ): Promise<RelayConnection> {
    const request = new FetchRequest(url);
    request.timeout = timeoutMs;
    const client = await FlashbotsBundleProvider.create(provider, reputationSigner, request, Number(chainId));
    return new RelayConnection(url, client);
  }

  async send(rawTx: string, block: bigint): Promise<SendAnswer> {
    try {
      const res = await this.client.sendRawBundle([rawTx], Number(block));
      if ("error" in res) return { state: "rejected", error: `${res.error.code}: ${res.error.message}` };
      return { state: "sent", bundleHash: res.bundleHash };
    } catch (err) {
      return { state: "error", error: errorText(err) };
    }
  }

  /** The relay's verdict on a bundle for a block; "unseen" when it cannot be asked. */
  async verdict(bundleHash: string, block: bigint): Promise<BundleVerdict> {
    try {
      const stats = await this.client.getBundleStatsV2(bundleHash, Number(block));
      if ("error" in stats) return "unseen";
      if ((stats.sealedByBuildersAt ?? []).length > 0) return "sealed";
      if ((stats.consideredByBuildersAt ?? []).length > 0) return "considered";
      return stats.isSimulated ? "failed-simulation" : "unseen";
    } catch {
      return "unseen";
    }
  }

  /**
   * `eth_callBundle` of one transaction for `block` on the latest state. Throws when the relay
   * cannot be reached or refuses the request (that says nothing about the transaction).
   */
  async callBundle(rawTx: string, block: bigint): Promise<CallBundleAnswer> {
    const res = await this.client.simulate([rawTx], Number(block), "latest");
    if ("error" in res) throw new Error(`${res.error.code}: ${res.error.message}`);
    const r = res.results[0];
    if (r === undefined) throw new Error("eth_callBundle returned no result for the transaction");
    if ("error" in r) return { ok: false, error: r.error, revert: r.revert };
    return {
      ok: true,
      gasUsed: BigInt(r.gasUsed),
      value: r.value,
      ethSentToCoinbase: BigInt(r.ethSentToCoinbase),
    };
  }
}
