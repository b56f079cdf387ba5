import { FlashbotsBundleResolution } from "@flashbots/ethers-provider-bundle";
import { expect } from "chai";
import { Interface, keccak256, type TransactionRequest } from "ethers";
import { ETH, GWEI, fees, mineAndWait, startRelayWorld, type RelayWorld } from "./devnet";

describe("devnet relay: bundle inclusion", function () {
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

  async function signed(i: number, tx: TransactionRequest, nonceOffset = 0): Promise<string> {
    const wallet = w.wallets[i];
    const nonce = (await w.provider.getTransactionCount(wallet.address, "latest")) + nonceOffset;
    return wallet.signTransaction({ gasLimit: 100_000n, ...(await fees(w.provider)), nonce, ...tx });
  }

  const payTx = (value: bigint): TransactionRequest => ({
    to: w.payer.target as string,
    value,
    data: iface.encodeFunctionData("pay"),
  });

  it("lands a two-transaction bundle in the target block, in bundle order, paying the builder", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const tx1 = await signed(0, { to: w.wallets[1].address, value: ETH, gasLimit: 21_000n });
    const tx2 = await signed(1, payTx(GWEI * 1_000_000n));
    const before = await w.provider.getBalance(w.coinbase);
    const res = await w.flashbots.sendRawBundle([tx1, tx2], target);
    if ("error" in res) throw new Error(res.error.message);
    expect(await mineAndWait(w, res.wait)).to.equal(FlashbotsBundleResolution.BundleIncluded);

    const block = await w.provider.getBlock(target);
    expect(block?.transactions.slice(0, 2)).to.deep.equal(res.bundleTransactions.map((t) => t.hash));
    const receipts = await res.receipts();
    expect(receipts.map((r) => r.status)).to.deep.equal([1, 1]);
    // The builder got the direct payment plus both priority fees.
    const gained = (await w.provider.getBalance(w.coinbase, target)) - before;
    const tips = receipts.reduce((s, r) => s + r.gasUsed * GWEI, 0n);
    expect(gained).to.equal(GWEI * 1_000_000n + tips);

    const stats = await w.flashbots.getBundleStatsV2(res.bundleHash, target);
    if ("error" in stats) throw new Error(stats.error.message);
    expect(stats.isSimulated).to.equal(true);
    expect(stats.consideredByBuildersAt).to.have.length(1);
    expect(stats.sealedByBuildersAt).to.have.length(1);
    expect((stats as unknown as { includedInBlock: string }).includedInBlock).to.equal(
      `0x${target.toString(16)}`,
    );
  });

  it("drops the whole bundle when its second transaction reverts", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const nonceBefore = await w.provider.getTransactionCount(w.wallets[0].address);
    const tx1 = await signed(0, { to: w.wallets[2].address, value: ETH, gasLimit: 21_000n });
    const tx2 = await signed(1, {
      to: w.payer.target as string,
      data: iface.encodeFunctionData("fail", [7]),
    });
    const res = await w.flashbots.sendRawBundle([tx1, tx2], target);
    if ("error" in res) throw new Error(res.error.message);
    const built = await w.relay.mineNow();
    expect(built.blockNumber).to.equal(BigInt(target));
    expect(built.excluded.get(res.bundleHash)).to.match(/reverted/);
    expect(await mineAndWait(w, res.wait, 0)).to.equal(FlashbotsBundleResolution.BlockPassedWithoutInclusion);
    expect(await res.receipts()).to.deep.equal([]);
    expect(await w.provider.getTransactionCount(w.wallets[0].address)).to.equal(nonceBefore);
    const stats = await w.flashbots.getBundleStatsV2(res.bundleHash, target);
    if ("error" in stats) throw new Error(stats.error.message);
    expect(stats.isSimulated).to.equal(true);
    expect(stats.sealedByBuildersAt).to.deep.equal([]);
  });

  it("keeps a reverting transaction listed in revertingTxHashes", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const tx1 = await signed(0, { to: w.wallets[2].address, value: ETH, gasLimit: 21_000n });
    const tx2 = await signed(1, {
      to: w.payer.target as string,
      data: iface.encodeFunctionData("fail", [7]),
    });
    const res = await w.flashbots.sendRawBundle([tx1, tx2], target, {
      revertingTxHashes: [keccak256(tx2)],
    });
    if ("error" in res) throw new Error(res.error.message);
    expect(await mineAndWait(w, res.wait)).to.equal(FlashbotsBundleResolution.BundleIncluded);
    const receipts = await res.receipts();
    expect(receipts.map((r) => [r.blockNumber, r.status])).to.deep.equal([
      [target, 1],
      [target, 0],
    ]);
  });

  it("holds a bundle for block N+2 back from N+1 and lands it in N+2", async () => {
    const head = await w.provider.getBlockNumber();
    const tx = await signed(3, payTx(GWEI));
    const res = await w.flashbots.sendRawBundle([tx], head + 2);
    if ("error" in res) throw new Error(res.error.message);
    const first = await w.relay.mineNow();
    expect(first.blockNumber).to.equal(BigInt(head + 1));
    expect(first.included).to.deep.equal([]);
    expect((await w.provider.getBlock(head + 1))?.transactions).to.not.include(
      res.bundleTransactions[0].hash,
    );
    const second = await w.relay.mineNow();
    expect(second.included).to.deep.equal([res.bundleHash]);
    const receipt = await w.provider.getTransactionReceipt(res.bundleTransactions[0].hash);
    expect(receipt?.blockNumber).to.equal(head + 2);
  });

  it("leaves out a bundle whose minTimestamp or maxTimestamp excludes the block", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const now = Math.floor(Date.now() / 1000);
    const tooEarly = await w.flashbots.sendRawBundle([await signed(3, payTx(GWEI))], target, {
      minTimestamp: now + 3600,
    });
    const tooLate = await w.flashbots.sendRawBundle([await signed(4, payTx(GWEI))], target, {
      maxTimestamp: now - 3600,
    });
    if ("error" in tooEarly || "error" in tooLate) throw new Error("bundle refused");
    const built = await w.relay.mineNow();
    expect(built.included).to.deep.equal([]);
    expect(built.excluded.get(tooEarly.bundleHash)).to.match(/minTimestamp/);
    expect(built.excluded.get(tooLate.bundleHash)).to.match(/maxTimestamp/);
  });

  it("lands a backrun [someone else's pending tx, ours] in that order, the public tx only once", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    // The victim's transaction is public: it sits in the node's mempool with a high tip.
    const victimRaw = await w.wallets[4].signTransaction({
      ...(await fees(w.provider, 50n)),
      to: w.payer.target as string,
      value: 0n,
      data: iface.encodeFunctionData("pay"),
      gasLimit: 100_000n,
      nonce: await w.provider.getTransactionCount(w.wallets[4].address),
    });
    const victimHash = await w.provider.send("eth_sendRawTransaction", [victimRaw]);
    const ours = await signed(3, payTx(GWEI * 10n));
    const res = await w.flashbots.sendRawBundle([victimRaw, ours], target);
    if ("error" in res) throw new Error(res.error.message);
    await w.relay.mineNow();
    const block = await w.provider.getBlock(target);
    expect(block?.transactions).to.deep.equal([victimHash, res.bundleTransactions[1].hash]);
    const [victim, backrun] = await res.receipts();
    expect([victim.index, backrun.index]).to.deep.equal([0, 1]);
  });

  it("mines public mempool transactions too, after the bundles", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const publicTx = await w.wallets[2].sendTransaction({ to: w.wallets[0].address, value: 1n });
    const bundleTx = await signed(1, payTx(GWEI));
    const res = await w.flashbots.sendRawBundle([bundleTx], target);
    if ("error" in res) throw new Error(res.error.message);
    const built = await w.relay.mineNow();
    expect(built.publicTxs).to.equal(1);
    const block = await w.provider.getBlock(target);
    expect(block?.transactions).to.deep.equal([res.bundleTransactions[0].hash, publicTx.hash]);
    // And a block with no bundle at all still carries the public pool.
    const lone = await w.wallets[2].sendTransaction({ to: w.wallets[0].address, value: 1n });
    await w.relay.mineNow();
    expect((await lone.wait())?.blockNumber).to.equal(target + 1);
  });
});
