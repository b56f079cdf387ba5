import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { ContractFactory, JsonRpcProvider, Wallet, type Contract } from "ethers";
import { artifacts } from "hardhat";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import { freePort } from "../helpers/hardhatNode";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT_CLI = require.resolve("hardhat/internal/cli/bootstrap");

/** The first accounts of Hardhat's default mnemonic (what devnetNode.config.ts funds). */
export const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
];

export const GWEI = 10n ** 9n;
export const ETH = 10n ** 18n;

export { freePort };

/** A Hardhat node in its own process group, with the relay's FIFO config, on 127.0.0.1. */
export interface NodeProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Spawns `hardhat --config <config> node` (by default the relay's FIFO node config) as a separate
 * process: the relay needs a node of its own, not the in-process network of the test runner.
 */
export async function startHardhatNode(
  config = "bot/devnet/relay/devnetNode.config.ts",
  extraArgs: readonly string[] = [],
): Promise<NodeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [HARDHAT_CLI, "--config", config, "node", "--hostname", "127.0.0.1", "--port", `${port}`, ...extraArgs],
    { cwd: ROOT, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited: ${stderr}`);
    const up = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`hardhat node did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

/** Everything a relay test needs: node, relay (building only on mineNow), providers, wallets. */
export interface RelayWorld {
  readonly node: NodeProcess;
  /** The second node the relay simulates on (forked from `node` for each build). */
  readonly simNode: NodeProcess;
  readonly relay: DevnetRelay;
  readonly provider: JsonRpcProvider;
  readonly flashbots: FlashbotsBundleProvider;
  readonly authSigner: Wallet;
  readonly wallets: Wallet[];
  readonly payer: Contract;
  readonly coinbase: string;
  /** The highest block ethers' poller has reported to 'block' listeners (such as wait()). */
  seenBlock(): number;
  close(): Promise<void>;
}

export async function startRelayWorld(): Promise<RelayWorld> {
  const [node, simNode] = await Promise.all([startHardhatNode(), startHardhatNode()]);
  let relay: DevnetRelay | undefined;
  const provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
  provider.pollingInterval = 100;
  // Keeps ethers' block poller running from now on, so a wait() registered later joins a poller
  // that already knows the head and reports every block after it (see mineAndWait).
  let seen = -1;
  void provider.on("block", (n: number) => {
    seen = Math.max(seen, n);
  });
  try {
    relay = await startDevnetRelay({ rpcUrl: node.url, simRpcUrl: simNode.url, intervalMs: 0 });
    const authSigner = new Wallet(Wallet.createRandom().privateKey);
    const flashbots = await FlashbotsBundleProvider.create(provider, authSigner, relay.url, 31337);
    const wallets = KEYS.map((k) => new Wallet(k, provider));
    const artifact = await artifacts.readArtifact("CoinbasePayer");
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, wallets[5]);
    const deploying = await factory.deploy();
    await relay.mineNow();
    await deploying.waitForDeployment();
    const coinbase = (await provider.send("eth_coinbase", [])) as string;
    return {
      node,
      simNode,
      relay,
      provider,
      flashbots,
      authSigner,
      wallets,
      payer: deploying as unknown as Contract,
      coinbase,
      seenBlock: () => seen,
      close: async () => {
        provider.destroy();
        await relay?.close();
        await Promise.all([node.stop(), simNode.stop()]);
      },
    };
  } catch (err) {
    // Leave nothing listening, or the test run would never exit.
    provider.destroy();
    await relay?.close();
    await Promise.all([node.stop(), simNode.stop()]);
    throw err;
  }
}

/** Fee fields every test transaction uses: well above the devnet's base fee. */
export async function fees(provider: JsonRpcProvider, tipGwei: bigint = 1n) {
  const block = await provider.getBlock("latest");
  return {
    type: 2,
    chainId: 31337n,
    maxFeePerGas: (block?.baseFeePerGas ?? 0n) * 2n + (tipGwei + 10n) * GWEI,
    maxPriorityFeePerGas: tipGwei * GWEI,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Mines the target block and returns what the client's `wait()` concludes. The client learns of
 * blocks only by polling the node, and ethers' first poll just records the head: startRelayWorld
 * keeps the poller running, wait() is given time to register with it, and further blocks are
 * mined if it still missed the target one (wait() then judges the target block itself).
 */
export async function mineAndWait(w: RelayWorld, wait: () => Promise<number>, blocks = 1): Promise<number> {
  const waiting = wait();
  await sleep(200);
  for (let i = 0; i < 20; i++) {
    if (i >= blocks) {
      // No verdict yet: one more block makes the client look at the target again.
      const next = await Promise.race([waiting, sleep(2000).then(() => undefined)]);
      if (next !== undefined) return next;
    }
    const built = await w.relay.mineNow();
    // Let the poller report this block (to wait() too) before anything else is mined, so the
    // client sees every block in turn, as it would on a chain with real block times.
    for (let t = 0; w.seenBlock() < Number(built.blockNumber) && t < 200; t++) await sleep(25);
  }
  const last = await Promise.race([waiting, sleep(2000).then(() => undefined)]);
  if (last !== undefined) return last;
  throw new Error("wait() did not resolve");
}
