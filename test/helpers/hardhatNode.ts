import { spawn, type ChildProcess } from "node:child_process";
import { freeLoopbackPort } from "../../bot/devnet/freePort";
import path from "node:path";

/** A free TCP port on loopback, chosen by the OS. */
export const freePort = freeLoopbackPort;

export interface NodeHandle {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts `hardhat node` as a child process on a free loopback port (by default without running
 * the deploy scripts) and resolves once it serves JSON-RPC. For tests that need a separate node:
 * WebSocket subscriptions, a relay driving mining, a keeper process.
 */
export async function startHardhatNode(
  options: { deploy?: boolean; timeoutMs?: number } = {},
): Promise<NodeHandle> {
  const port = await freePort();
  const root = path.join(__dirname, "..", "..");
  const args = ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)];
  if (!options.deploy) args.push("--no-deploy");
  const child: ChildProcess = spawn("npx", args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`hardhat node did not start in time:\n${output.slice(-2000)}`)),
      options.timeoutMs ?? 120_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Started HTTP and WebSocket JSON-RPC server")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  // Keep draining output so the child never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        // npx starts hardhat in the same process group: end the whole group.
        process.kill(-child.pid!, "SIGTERM");
      });
    },
  };
}
