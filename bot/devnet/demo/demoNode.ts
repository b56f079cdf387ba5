import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freeLoopbackPort } from "../freePort";
import { DemoError } from "./demoError";

const ROOT = path.join(__dirname, "..", "..", "..");
const HARDHAT_CLI = require.resolve("hardhat/internal/cli/bootstrap");

export interface DemoNode {
  readonly url: string;
  readonly wsUrl: string;
  stop(): Promise<void>;
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new DemoError("DEMO_NODE_RPC", `${method}: ${body.error.message}`);
  return body.result;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

/**
 * A Hardhat node for the demo, in its own process group on a free loopback port, with the relay's
 * FIFO, no-automine settings (bot/devnet/relay/devnetNode.config.ts): the relay makes every block.
 */
export async function startDemoNode(port?: number): Promise<DemoNode> {
  const p = port ?? (await freeLoopbackPort());
  const child = spawn(
    process.execPath,
    [
      HARDHAT_CLI,
      "--config",
      "bot/devnet/relay/devnetNode.config.ts",
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      `${p}`,
    ],
    { cwd: ROOT, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new DemoError(
        "DEMO_NODE_EXIT",
        `the local node exited: ${stderr.trim().split("\n").pop() ?? ""}`,
      );
    try {
      await rpc(url, "eth_chainId");
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new DemoError("DEMO_NODE_TIMEOUT", "the local node did not start within 120 s");
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { url, wsUrl: `ws://127.0.0.1:${p}`, stop: () => stopChild(child) };
}

/**
 * Deploys the devnet universe and the executor with hardhat-deploy (tag devnet) onto the node, as
 * `hardhat deploy --network demo` would from a shell; mines as it goes, then leaves mining off.
 */
export async function deployDevnet(node: DemoNode, onLine?: (line: string) => void): Promise<void> {
  await rpc(node.url, "evm_setAutomine", [true]);
  const child = spawn(
    process.execPath,
    [HARDHAT_CLI, "deploy", "--network", "demo", "--tags", "devnet", "--reset"],
    {
      cwd: ROOT,
      env: { ...process.env, OMNI_ARB_DEMO_RPC: node.url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let tail = "";
  const collect = (d: Buffer) => {
    const text = d.toString();
    tail = (tail + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim() !== "") onLine?.(line.trim());
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const code: number = await new Promise((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  if (code !== 0)
    throw new DemoError(
      "DEMO_DEPLOY",
      `deploying the devnet failed: ${tail.trim().split("\n").slice(-3).join(" | ")}`,
    );
}

export async function setAutomine(node: DemoNode, on: boolean): Promise<void> {
  await rpc(node.url, "evm_setAutomine", [on]);
}
