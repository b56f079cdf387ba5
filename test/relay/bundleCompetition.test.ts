import { FlashbotsBundleResolution } from "@flashbots/ethers-provider-bundle";
import { expect } from "chai";
import { ContractFactory, type Interface } from "ethers";
import { artifacts } from "hardhat";
import { GWEI, fees, mineAndWait, startRelayWorld, type RelayWorld } from "./devnet";

describe("devnet relay: competing bundles", function () {
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

  async function payFrom(
    i: number,
    fn: "pay" | "claim" | "tryClaim",
    value: bigint,
    nonce?: number,
  ): Promise<string> {
    const wallet = w.wallets[i];
    return wallet.signTransaction({
      ...(await fees(w.provider)),
      to: w.payer.target as string,
      value,
      data: iface.encodeFunctionData(fn),
      gasLimit: 120_000n,
      nonce: nonce ?? (await w.provider.getTransactionCount(wallet.address)),
    });
  }

  async function stats(bundleHash: string, block: number) {
    const s = await w.flashbots.getBundleStatsV2(bundleHash, block);
    if ("error" in s) throw new Error(s.error.message);
    return s;
  }

  it("lands the higher-paying of two bundles spending the same nonce, and reports the other as not included", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const nonce = await w.provider.getTransactionCount(w.wallets[0].address);
    // The cheaper bundle arrives first: arrival order must not beat payment.
    const cheap = await w.flashbots.sendRawBundle([await payFrom(0, "pay", GWEI * 1_000n, nonce)], target);
    const rich = await w.flashbots.sendRawBundle([await payFrom(0, "pay", GWEI * 5_000n, nonce)], target);
    if ("error" in cheap || "error" in rich) throw new Error("bundle refused");
    const [cheapWait, richWait] = [cheap.wait(), rich.wait()];
    expect(await mineAndWait(w, () => richWait)).to.equal(FlashbotsBundleResolution.BundleIncluded);
    expect(await cheapWait).to.equal(FlashbotsBundleResolution.BlockPassedWithoutInclusion);

    const block = await w.provider.getBlock(target);
    expect(block?.transactions).to.include(rich.bundleTransactions[0].hash);
    expect(block?.transactions).to.not.include(cheap.bundleTransactions[0].hash);
    const lost = await stats(cheap.bundleHash, target);
    expect(lost.isSimulated).to.equal(true);
    expect(lost.consideredByBuildersAt).to.have.length(1);
    expect(lost.sealedByBuildersAt).to.deep.equal([]);
    expect((await stats(rich.bundleHash, target)).sealedByBuildersAt).to.have.length(1);
  });

  it("lands only the higher bidder for a one-time opportunity taken by two different searchers", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    const low = await w.flashbots.sendRawBundle([await payFrom(1, "claim", GWEI * 2_000n)], target);
    const high = await w.flashbots.sendRawBundle([await payFrom(2, "claim", GWEI * 3_000n)], target);
    if ("error" in low || "error" in high) throw new Error("bundle refused");
    const built = await w.relay.mineNow();
    expect(built.included).to.deep.equal([high.bundleHash]);
    expect(built.excluded.get(low.bundleHash)).to.match(/conflicts with a better bundle/);
    expect(await w.payer.getFunction("winner")()).to.equal(w.wallets[2].address);
    // The loser left no trace: its sender's nonce did not move.
    expect(await w.provider.getTransactionCount(w.wallets[1].address)).to.equal(
      low.bundleTransactions[0].nonce,
    );
  });

  it("leaves out a bundle that no longer pays once a better one took its opportunity", async () => {
    // A fresh opportunity (the shared contract's was taken above). Both bundles succeed in either
    // order, but behind the winner the loser pays no more than gas tips.
    const artifact = await artifacts.readArtifact("CoinbasePayer");
    const fresh = await new ContractFactory(artifact.abi, artifact.bytecode, w.wallets[5]).deploy();
    await w.relay.mineNow();
    await fresh.waitForDeployment();
    const target = (await w.provider.getBlockNumber()) + 1;
    const sign = async (i: number, value: bigint) =>
      w.wallets[i].signTransaction({
        ...(await fees(w.provider)),
        to: await fresh.getAddress(),
        value,
        data: iface.encodeFunctionData("tryClaim"),
        gasLimit: 120_000n,
        nonce: await w.provider.getTransactionCount(w.wallets[i].address),
      });
    const low = await w.flashbots.sendRawBundle([await sign(1, GWEI * 2_000n)], target);
    const high = await w.flashbots.sendRawBundle([await sign(2, GWEI * 3_000n)], target);
    if ("error" in low || "error" in high) throw new Error("bundle refused");
    const built = await w.relay.mineNow();
    expect(built.included).to.deep.equal([high.bundleHash]);
    expect(built.excluded.get(low.bundleHash)).to.match(/pays less behind a better bundle/);
    expect(await w.provider.getTransactionReceipt(low.bundleTransactions[0].hash)).to.equal(null);
  });

  it("tells a bundle for a later block that its nonce was used up (AccountNonceTooHigh)", async () => {
    // The client skips its nonce check for accounts at nonce 0, so wallet 0 sends something first.
    await w.wallets[0].sendTransaction({ to: w.wallets[1].address, value: 1n });
    await w.relay.mineNow();
    const head = await w.provider.getBlockNumber();
    const nonce = await w.provider.getTransactionCount(w.wallets[0].address);
    const early = await w.flashbots.sendRawBundle([await payFrom(0, "pay", GWEI, nonce)], head + 1);
    const late = await w.flashbots.sendRawBundle([await payFrom(0, "pay", GWEI * 2n, nonce)], head + 2);
    if ("error" in early || "error" in late) throw new Error("bundle refused");
    expect(await mineAndWait(w, late.wait)).to.equal(FlashbotsBundleResolution.AccountNonceTooHigh);
    expect((await w.provider.getTransactionReceipt(early.bundleTransactions[0].hash))?.blockNumber).to.equal(
      head + 1,
    );
  });
});
