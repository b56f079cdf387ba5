import { FlashbotsBundleProvider, FlashbotsBundleResolution } from "@flashbots/ethers-provider-bundle";
import { expect } from "chai";
import { JsonRpcProvider, Wallet } from "ethers";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { KEYS, fees, freePort, startHardhatNode, type NodeProcess } from "./devnet";

const BIN = path.join(__dirname, "..", "..", "bin", "omni-arb.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("omni-arb relay", function () {
  this.timeout(180_000);
  let node: NodeProcess;
  let simNode: NodeProcess;

  before(async () => {
    [node, simNode] = await Promise.all([startHardhatNode(), startHardhatNode()]);
  });
  after(async () => {
    await Promise.all([node?.stop(), simNode?.stop()]);
  });

  it("rejects an --rpc that is not a URL with exit status 2", () => {
    const r = spawnSync(process.execPath, [BIN, "relay", "--rpc", "not a url"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/--rpc is not a URL/);
  });

  it("runs a live chain on its interval, lands a bundle, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        BIN,
        "relay",
        "--rpc",
        node.url,
        "--sim-rpc",
        simNode.url,
        "--port",
        `${port}`,
        "--interval-ms",
        "300",
        "--log-level",
        "silent",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    provider.pollingInterval = 100;
    try {
      for (let i = 0; !stdout.includes("relay listening on"); i++) {
        if (i > 600 || child.exitCode !== null) throw new Error(`relay did not start: ${stderr}`);
        await sleep(100);
      }
      expect(stdout).to.include(`relay listening on http://127.0.0.1:${port}`);

      // Blocks come by themselves.
      const start = await provider.getBlockNumber();
      await sleep(1500);
      expect(await provider.getBlockNumber()).to.be.greaterThan(start + 1);

      const flashbots = await FlashbotsBundleProvider.create(
        provider,
        Wallet.createRandom(),
        `http://127.0.0.1:${port}`,
        31337,
      );
      const wallet = new Wallet(KEYS[0], provider);
      const tx = await wallet.signTransaction({
        ...(await fees(provider)),
        to: wallet.address,
        value: 0n,
        gasLimit: 21_000n,
        nonce: await provider.getTransactionCount(wallet.address),
      });
      const target = (await provider.getBlockNumber()) + 3;
      const res = await flashbots.sendRawBundle([tx], target);
      if ("error" in res) throw new Error(res.error.message);
      expect(await res.wait()).to.equal(FlashbotsBundleResolution.BundleIncluded);
      expect((await res.receipts())[0].blockNumber).to.equal(target);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).to.equal(0);
      provider.destroy();
    }
    // The relay was the only miner: once it stopped, so did the chain.
    const probe = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    const stopped = await probe.getBlockNumber();
    await sleep(800);
    expect(await probe.getBlockNumber()).to.equal(stopped);
    probe.destroy();
  });

  it("refuses a node that mines by fee priority (Hardhat's default) with exit status 2", async () => {
    const priority = await startHardhatNode("hardhat.config.ts", ["--no-deploy"]);
    try {
      const r = spawnSync(process.execPath, [BIN, "relay", "--rpc", priority.url, "--port", "0"], {
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(r.status).to.equal(2);
      expect(r.stderr).to.match(/does not mine in arrival order/);
    } finally {
      await priority.stop();
    }
  });
});
