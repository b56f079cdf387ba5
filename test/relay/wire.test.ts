import { expect } from "chai";
import { Wallet, id } from "ethers";
import { verifyFlashbotsSignature } from "../../bot/devnet/relay/auth";
import { RelayRequestError } from "../../bot/devnet/relay/errors";
import {
  formatBundleStats,
  formatCallBundle,
  parseCallBundle,
  parseSendBundle,
} from "../../bot/devnet/relay/wire";

const HASH = `0x${"ab".repeat(32)}`;

describe("devnet relay: wire format and signatures", () => {
  it("parses eth_sendBundle params into bigint and lower-case hashes", () => {
    const p = parseSendBundle([
      {
        txs: ["0x02aa"],
        blockNumber: "0x1f",
        minTimestamp: 5,
        revertingTxHashes: [HASH.toUpperCase().replace("0X", "0x")],
      },
    ]);
    expect(p).to.deep.include({ blockNumber: 31n, minTimestamp: 5n, revertingTxHashes: [HASH] });
  });

  it("names the bad field of a refused request, with JSON-RPC -32602", () => {
    const bad = () => parseSendBundle([{ txs: ["0x02aa"], blockNumber: 31 }]);
    expect(bad).to.throw(RelayRequestError, /eth_sendBundle: blockNumber/);
    try {
      bad();
    } catch (err) {
      expect((err as RelayRequestError).rpcCode).to.equal(-32602);
    }
    expect(() =>
      parseCallBundle([{ txs: ["0x02"], blockNumber: "0x2", stateBlockNumber: "pending" }]),
    ).to.throw(/stateBlockNumber/);
  });

  it("adds up eth_callBundle totals and writes wei as decimal strings", () => {
    const out = formatCallBundle({
      bundleHash: HASH,
      stateBlockNumber: 7n,
      results: [
        {
          txHash: HASH,
          fromAddress: "0xa",
          toAddress: "0xb",
          gasUsed: 21_000n,
          gasFees: 42_000n,
          coinbaseDiff: 42_000n,
          ethSentToCoinbase: 0n,
          success: true,
          output: "0x",
        },
        {
          txHash: HASH,
          fromAddress: "0xa",
          toAddress: null,
          gasUsed: 29_000n,
          gasFees: 29_000n,
          coinbaseDiff: 10n ** 18n + 29_000n,
          ethSentToCoinbase: 10n ** 18n,
          success: false,
          output: "0x12",
        },
      ],
    });
    expect(out).to.deep.include({
      bundleGasPrice: ((10n ** 18n + 71_000n) / 50_000n).toString(),
      coinbaseDiff: (10n ** 18n + 71_000n).toString(),
      ethSentToCoinbase: (10n ** 18n).toString(),
      gasFees: "71000",
      stateBlockNumber: 7,
      totalGasUsed: 50_000,
    });
    const results = out.results as Record<string, unknown>[];
    expect(results[0]).to.include({ gasPrice: "2", value: "0x" });
    expect(results[1]).to.include({ error: "execution reverted", revert: "0x12", toAddress: "0x" });
  });

  it("writes bundle stats in the documented shape", () => {
    const t = new Date("2026-01-02T03:04:05.678Z");
    expect(formatBundleStats({ known: false, builderPubkey: "0xpk" })).to.deep.equal({ isSimulated: false });
    expect(
      formatBundleStats({
        known: true,
        receivedAt: t,
        simulatedAt: t,
        consideredAt: t,
        builderPubkey: "0xpk",
      }),
    ).to.deep.equal({
      isHighPriority: true,
      isSimulated: true,
      simulatedAt: "2026-01-02T03:04:05.678Z",
      receivedAt: "2026-01-02T03:04:05.678Z",
      consideredByBuildersAt: [{ pubkey: "0xpk", timestamp: "2026-01-02T03:04:05.678Z" }],
      sealedByBuildersAt: [],
    });
  });

  it("accepts the client's X-Flashbots-Signature and returns the signer", async () => {
    const signer = Wallet.createRandom();
    const body = '{"jsonrpc":"2.0","id":1,"method":"eth_sendBundle","params":[]}';
    const header = `${signer.address.toLowerCase()}:${await signer.signMessage(id(body))}`;
    expect(verifyFlashbotsSignature(header, body)).to.equal(signer.address);
    expect(() => verifyFlashbotsSignature(header, body.replace("1", "2"))).to.throw(
      /error in signature check/,
    );
    expect(() => verifyFlashbotsSignature(undefined, body)).to.throw(/missing X-Flashbots-Signature/);
  });
});
