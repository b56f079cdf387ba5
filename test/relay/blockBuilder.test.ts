import { expect } from "chai";
import { Wallet, type Interface } from "ethers";
import { BlockBuilder } from "../../bot/devnet/relay/blockBuilder";
import { decodeSignedTx, bundleHashOf, type Bundle } from "../../bot/devnet/relay/bundle";
import { BundlePool } from "../../bot/devnet/relay/bundlePool";
import { NodeClient, type PendingPool } from "../../bot/devnet/relay/nodeClient";
import { GWEI, fees, startRelayWorld, type RelayWorld } from "./devnet";

/**
 * A node client through which a "public" transaction reaches the node at a chosen moment of a
 * build, the way a keeper's transaction can arrive while the builder has a snapshot open.
 */
class ArrivalNode extends NodeClient {
  arrival?: { raw: string; onPendingCall: number };
  private pendingCalls = 0;

  override async pendingTransactions(): Promise<PendingPool> {
    const pending = await super.pendingTransactions();
    this.pendingCalls++;
    if (this.arrival && this.pendingCalls === this.arrival.onPendingCall) {
      const { raw } = this.arrival;
      this.arrival = undefined;
      await this.sendRaw(raw);
    }
    return pending;
  }
}

describe("devnet relay: block builder", function () {
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

  async function sign(wallet: Wallet, to: string, data = "0x", value = 0n): Promise<string> {
    return wallet.signTransaction({
      ...(await fees(w.provider)),
      to,
      data,
      value,
      gasLimit: 100_000n,
      nonce: await w.provider.getTransactionCount(wallet.address),
    });
  }

  function bundleOf(raws: string[], blockNumber: number): Bundle {
    const txs = raws.map((r, i) => decodeSignedTx(r, i));
    return {
      bundleHash: bundleHashOf(txs.map((t) => t.hash)),
      txs,
      blockNumber: BigInt(blockNumber),
      revertingTxHashes: new Set(),
      signer: Wallet.createRandom().address,
      receivedAt: new Date(),
    };
  }

  // onPendingCall 1: while the bundle is being simulated (the transaction is mined into the
  // simulation and erased by its revert); 2: between reading the pool and emptying it for the
  // sealed block (the transaction would get in front of the bundle).
  for (const [moment, onPendingCall] of [
    ["while the bundle is simulated", 1],
    ["while the block is sealed", 2],
  ] as const) {
    it(`keeps a public transaction that arrives ${moment}, behind the bundle`, async () => {
      const node = new ArrivalNode(w.node.url);
      const pool = new BundlePool(`0x${"aa".repeat(48)}`);
      const builder = new BlockBuilder(node, pool, w.coinbase);
      const target = (await w.provider.getBlockNumber()) + 1;
      const bundle = bundleOf(
        [await sign(w.wallets[1], w.payer.target as string, iface.encodeFunctionData("pay"), GWEI)],
        target,
      );
      pool.add(bundle);
      const arrival = await sign(w.wallets[2], w.wallets[0].address, "0x", 1n);
      node.arrival = { raw: arrival, onPendingCall };

      const built = await builder.buildNext();
      expect(node.arrival).to.equal(undefined); // it did arrive
      expect(built.blockNumber).to.equal(BigInt(target));
      expect(built.included).to.deep.equal([bundle.bundleHash]);
      const block = await w.provider.getBlock(target);
      expect(block?.transactions).to.deep.equal([bundle.txs[0].hash, decodeSignedTx(arrival, 0).hash]);
    });
  }

  it("does not stall on a pending transaction it cannot re-send (impersonated sender)", async () => {
    const ghost = Wallet.createRandom().address;
    await w.provider.send("hardhat_impersonateAccount", [ghost]);
    await w.provider.send("hardhat_setBalance", [ghost, "0xde0b6b3a7640000"]);
    const ghostTx = (await w.provider.send("eth_sendTransaction", [
      { from: ghost, to: ghost, value: "0x1" },
    ])) as string;
    const target = (await w.provider.getBlockNumber()) + 1;
    const pay = async (i: number) =>
      sign(w.wallets[i], w.payer.target as string, iface.encodeFunctionData("pay"), GWEI);
    const first = await w.flashbots.sendRawBundle([await pay(1)], target);
    if ("error" in first) throw new Error(first.error.message);
    const blocked = await w.relay.mineNow();
    // The transaction could not be moved behind the bundle, so the block went without bundles...
    expect(blocked.included).to.deep.equal([]);
    expect(blocked.excluded.get(first.bundleHash)).to.match(/cannot re-send/);
    expect((await w.provider.getTransactionReceipt(ghostTx))?.blockNumber).to.equal(target);
    // ...and the next block is back to normal.
    const second = await w.flashbots.sendRawBundle([await pay(1)], target + 1);
    if ("error" in second) throw new Error(second.error.message);
    expect((await w.relay.mineNow()).included).to.deep.equal([second.bundleHash]);
  });

  it("never shows a simulated block on the main node when it simulates on a second node", async () => {
    const target = (await w.provider.getBlockNumber()) + 1;
    for (const i of [1, 2, 3]) {
      const res = await w.flashbots.sendRawBundle(
        [
          await sign(
            w.wallets[i],
            w.payer.target as string,
            iface.encodeFunctionData("pay"),
            GWEI * BigInt(i),
          ),
        ],
        target,
      );
      if ("error" in res) throw new Error(res.error.message);
    }
    // Watch the main node's head as fast as it answers while the block is built.
    const seen: { number: bigint; hash: string }[] = [];
    const main = new NodeClient(w.node.url);
    let building = true;
    const watcher = (async () => {
      while (building) {
        const b = await main.block("latest");
        seen.push({ number: b.number, hash: b.hash });
      }
    })();
    const built = await w.relay.mineNow();
    building = false;
    await watcher;
    expect(built.included).to.have.length(3);
    expect(seen.length).to.be.greaterThan(3);
    for (const s of seen) {
      expect(s.number).to.be.at.most(BigInt(target));
      expect(s.hash, `block ${s.number}`).to.equal((await main.block(s.number)).hash);
    }
  });
});
