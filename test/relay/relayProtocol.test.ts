import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { expect } from "chai";
import { Wallet, id, keccak256, type Interface } from "ethers";
import { randomUUID } from "node:crypto";
import { ETH, GWEI, fees, startRelayWorld, type RelayWorld } from "./devnet";

describe("devnet relay: protocol", function () {
  this.timeout(120_000);
  let w: RelayWorld;
  let iface: Interface;

  before(async () => {
    w = await startRelayWorld();
    iface = w.payer.interface as unknown as Interface;
  });
  after(async () => {
    if (w) await w.close();
  });

  async function signed(
    i: number,
    tx: { to: string; value?: bigint; data?: string },
    tipGwei = 1n,
    gas = 100_000n,
  ) {
    const wallet = w.wallets[i];
    return wallet.signTransaction({
      ...(await fees(w.provider, tipGwei)),
      gasLimit: gas,
      nonce: await w.provider.getTransactionCount(wallet.address),
      ...tx,
    });
  }

  async function post(body: string, signature?: string, contentType = "application/json") {
    const headers: Record<string, string> = { "content-type": contentType };
    if (signature !== undefined) headers["X-Flashbots-Signature"] = signature;
    const res = await fetch(w.relay.url, { method: "POST", headers, body });
    return {
      status: res.status,
      json: (await res.json()) as { result?: unknown; error?: { code: number; message: string } },
    };
  }

  describe("authentication", () => {
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 7,
      method: "flashbots_getBundleStatsV2",
      params: [{ bundleHash: `0x${"11".repeat(32)}`, blockNumber: "0x1" }],
    });

    it("answers a correctly signed request", async () => {
      const signer = Wallet.createRandom();
      const r = await post(body, `${signer.address}:${await signer.signMessage(id(body))}`);
      expect(r.json).to.deep.equal({ jsonrpc: "2.0", id: 7, result: { isSimulated: false } });
      const header = `${signer.address}:${await signer.signMessage(id(body))}`;
      const plain = await post(body, header, "text/plain");
      expect(plain.json.result).to.deep.equal({ isSimulated: false });
    });

    it("refuses a request without the X-Flashbots-Signature header with JSON-RPC -32600", async () => {
      const r = await post(body);
      expect(r.status).to.equal(200);
      expect(r.json.error?.code).to.equal(-32600);
      expect(r.json.error?.message).to.match(/missing X-Flashbots-Signature/);
      expect(r.json.result).to.equal(undefined);
    });

    it("refuses a signature over another body, or by another key than the one named", async () => {
      const signer = Wallet.createRandom();
      const other = Wallet.createRandom();
      const overOtherBody = `${signer.address}:${await signer.signMessage(id(body + " "))}`;
      const byOtherKey = `${signer.address}:${await other.signMessage(id(body))}`;
      for (const header of [overOtherBody, byOtherKey, `${signer.address}:0x1234`, "not-a-header"]) {
        const r = await post(body, header);
        expect(r.json.error?.code, header).to.equal(-32600);
      }
      const r = await post(body, byOtherKey);
      expect(r.json.error?.message).to.equal(`error in signature check ${signer.address}`);
    });

    it("answers an unknown method with -32601 and bad params with -32602", async () => {
      const signer = Wallet.createRandom();
      const send = async (b: string) =>
        (await post(b, `${signer.address}:${await signer.signMessage(id(b))}`)).json;
      const unknown = await send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_nope", params: [] }));
      expect(unknown.error?.code).to.equal(-32601);
      const inherited = await send(
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "constructor", params: [] }),
      );
      expect(inherited.error?.code).to.equal(-32601);
      const bad = await send(
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendBundle", params: [{ txs: [] }] }),
      );
      expect(bad.error?.code).to.equal(-32602);
    });
  });

  describe("eth_callBundle", () => {
    it("reports per-transaction gas, priority fees and coinbase payments, and leaves the chain as it was", async () => {
      const head = await w.provider.getBlockNumber();
      const payment = GWEI * 1_000_000n;
      const txs = [
        await signed(0, { to: w.wallets[1].address, value: 1n }, 2n, 21_000n),
        await signed(
          1,
          { to: w.payer.target as string, value: payment, data: iface.encodeFunctionData("pay") },
          1n,
        ),
        await signed(2, { to: w.payer.target as string, data: iface.encodeFunctionData("fail", [9]) }, 1n),
      ];
      const nonces = await Promise.all(
        w.wallets.slice(0, 3).map((x) => w.provider.getTransactionCount(x.address)),
      );
      const sim = await w.flashbots.simulate(txs, head + 1);
      if ("error" in sim) throw new Error(sim.error.message);

      expect(sim.bundleHash).to.equal(
        FlashbotsBundleProvider.generateBundleHash(txs.map((t) => keccak256(t))),
      );
      const [transfer, pay, fail] = sim.results as unknown as Record<string, string | number>[];
      expect(transfer.gasUsed).to.equal(21_000);
      expect(transfer.gasFees).to.equal((21_000n * 2n * GWEI).toString());
      expect(transfer.coinbaseDiff).to.equal(transfer.gasFees);
      expect(transfer.ethSentToCoinbase).to.equal("0");
      expect(BigInt(pay.ethSentToCoinbase)).to.equal(payment);
      expect(BigInt(pay.coinbaseDiff)).to.equal(payment + BigInt(pay.gasUsed) * GWEI);
      expect(pay.value).to.equal(iface.encodeFunctionResult("pay", [1n]));
      expect(fail.error).to.equal("execution reverted");
      expect(fail.revert).to.equal(iface.encodeErrorResult("Refused", [9n]));
      expect(sim.firstRevert).to.not.equal(undefined);

      const gas = BigInt(sim.totalGasUsed);
      const diff = [transfer, pay, fail].reduce((s, t) => s + BigInt(t.coinbaseDiff), 0n);
      expect(sim.coinbaseDiff).to.equal(diff);
      expect(sim.ethSentToCoinbase).to.equal(payment);
      expect(sim.bundleGasPrice).to.equal(diff / gas);
      expect(sim.stateBlockNumber).to.equal(head);

      // Nothing happened on chain.
      expect(await w.provider.getBlockNumber()).to.equal(head);
      const after = await Promise.all(
        w.wallets.slice(0, 3).map((x) => w.provider.getTransactionCount(x.address)),
      );
      expect(after).to.deep.equal(nonces);

      // And the simulation is what the real block pays.
      const before = await w.provider.getBalance(w.coinbase);
      const res = await w.flashbots.sendRawBundle(txs.slice(0, 2), head + 1);
      if ("error" in res) throw new Error(res.error.message);
      const built = await w.relay.mineNow();
      expect(built.included).to.deep.equal([res.bundleHash]);
      const paid = (await w.provider.getBalance(w.coinbase)) - before;
      expect(paid).to.equal(BigInt(transfer.coinbaseDiff) + BigInt(pay.coinbaseDiff));
    });

    it("measures payments to the coinbase it is given, and puts the node's coinbase back", async () => {
      const head = await w.provider.getBlockNumber();
      const other = Wallet.createRandom().address;
      const payment = GWEI * 123n;
      const tx = await signed(
        5,
        { to: w.payer.target as string, value: payment, data: iface.encodeFunctionData("pay") },
        0n,
      );
      const sim = await w.flashbots.simulate([tx], head + 1, undefined, undefined, other);
      if ("error" in sim) throw new Error(sim.error.message);
      expect(sim.ethSentToCoinbase).to.equal(payment);
      expect(sim.gasFees).to.equal(0n);
      expect(await w.provider.send("eth_coinbase", [])).to.equal(w.coinbase);
      expect(await w.provider.getBalance(other)).to.equal(0n);
    });

    it("answers the bundle hash the client computes, geth's wording for a stale nonce, and older states", async () => {
      const head = await w.provider.getBlockNumber();
      const tx = await signed(3, { to: w.wallets[0].address, value: 1n }, 1n, 21_000n);
      const sim = await w.flashbots.simulate([tx], head + 2);
      if ("error" in sim) throw new Error(sim.error.message);
      const hash = keccak256(tx);
      expect(sim.bundleHash).to.equal(FlashbotsBundleProvider.generateBundleHash([hash]));
      await w.wallets[3].sendTransaction({ to: w.wallets[0].address, value: 1n });
      await w.relay.mineNow();
      const stale = await w.flashbots.simulate([tx], head + 2);
      expect("error" in stale && stale.error.message).to.match(/^err: nonce too low:/);
      // On an older state (the simulation node forks at any block) the nonce is still free.
      const old = await w.flashbots.simulate([tx], head + 3, head - 1);
      if ("error" in old) throw new Error(old.error.message);
      expect(old.stateBlockNumber).to.equal(head - 1);
      expect(old.firstRevert).to.equal(undefined);
    });
  });

  describe("eth_cancelBundle and replacementUuid", () => {
    it("cancels a bundle so it is not built into its block", async () => {
      const target = (await w.provider.getBlockNumber()) + 1;
      const uuid = randomUUID();
      const tx = await signed(4, {
        to: w.payer.target as string,
        value: GWEI,
        data: iface.encodeFunctionData("pay"),
      });
      const res = await w.flashbots.sendRawBundle([tx], target, { replacementUuid: uuid });
      if ("error" in res) throw new Error(res.error.message);
      // Another searcher cannot cancel it: uuids belong to the signer.
      const stranger = await FlashbotsBundleProvider.create(
        w.provider,
        Wallet.createRandom(),
        w.relay.url,
        31337,
      );
      expect(await stranger.cancelBundles(uuid)).to.deep.equal({ bundleHashes: [] });
      expect(await w.flashbots.cancelBundles(uuid)).to.deep.equal({ bundleHashes: [res.bundleHash] });
      const built = await w.relay.mineNow();
      expect(built.included).to.deep.equal([]);
      expect(await w.provider.getTransactionReceipt(res.bundleTransactions[0].hash)).to.equal(null);
      const stats = await w.flashbots.getBundleStatsV2(res.bundleHash, target);
      if ("error" in stats) throw new Error(stats.error.message);
      expect(stats.sealedByBuildersAt).to.deep.equal([]);
    });

    it("replaces a bundle sent again with the same replacementUuid", async () => {
      const target = (await w.provider.getBlockNumber()) + 1;
      const uuid = randomUUID();
      const first = await w.flashbots.sendRawBundle(
        [
          await signed(4, {
            to: w.payer.target as string,
            value: ETH / 10n,
            data: iface.encodeFunctionData("pay"),
          }),
        ],
        target,
        { replacementUuid: uuid },
      );
      const second = await w.flashbots.sendRawBundle(
        [
          await signed(4, {
            to: w.payer.target as string,
            value: GWEI,
            data: iface.encodeFunctionData("pay"),
          }),
        ],
        target,
        { replacementUuid: uuid },
      );
      if ("error" in first || "error" in second) throw new Error("bundle refused");
      // The first pays far more, yet only the replacement is live.
      const built = await w.relay.mineNow();
      expect(built.included).to.deep.equal([second.bundleHash]);
    });
  });
});
