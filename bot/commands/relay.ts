import type { Command } from "commander";
import type pino from "pino";
import { UsageError } from "../core/errors";
import { startDevnetRelay } from "../devnet/relay/devnetRelay";
import { NodeRpcError, UnsuitableNodeError } from "../devnet/relay/errors";
import { createLogger } from "../observe/logger";

interface Flags {
  rpc: string;
  simRpc?: string;
  port: number;
  host: string;
  intervalMs: number;
  logLevel: string;
}

const LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError("RELAY_FLAG_INVALID", `${name} must be an integer >= ${min}`);
    return n;
  };
}

/**
 * `omni-arb relay`: the devnet block builder and Flashbots-protocol relay in front of a Hardhat
 * node started with bot/devnet/relay/devnetNode.config.ts. Runs until SIGINT or SIGTERM.
 */
export function registerRelayCommand(program: Command): void {
  program
    .command("relay")
    .description("run a devnet block builder speaking the Flashbots relay protocol (eth_sendBundle...)")
    .requiredOption(
      "--rpc <url>",
      "JSON-RPC URL of the Hardhat node to drive (mempool order fifo, mining off)",
    )
    .option(
      "--sim-rpc <url>",
      "a second such node to simulate on, so the main node never shows a simulated block",
    )
    .option("--port <n>", "port to listen on (127.0.0.1)", integer("--port", 0), 18545)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--interval-ms <ms>", "milliseconds between blocks", integer("--interval-ms", 1), 1000)
    .option("--log-level <level>", "log level on stderr (silent, error, info, debug)", "info")
    .action(async (o: Flags) => {
      for (const [flag, url] of [
        ["--rpc", o.rpc],
        ["--sim-rpc", o.simRpc],
      ] as const) {
        try {
          if (url !== undefined) new URL(url);
        } catch (cause) {
          throw new UsageError("RELAY_FLAG_INVALID", `${flag} is not a URL: ${url}`, { cause });
        }
      }
      if (!LEVELS.includes(o.logLevel)) {
        throw new UsageError("RELAY_FLAG_INVALID", `--log-level must be one of ${LEVELS.join(", ")}`);
      }
      // Logs go to stderr: stdout carries only the one line a script waits for.
      const logger = createLogger({
        name: "relay",
        level: o.logLevel as pino.LevelWithSilent,
        destination: process.stderr,
      });
      const relay = await startDevnetRelay({
        rpcUrl: o.rpc,
        simRpcUrl: o.simRpc,
        port: o.port,
        host: o.host,
        intervalMs: o.intervalMs,
        logger,
      }).catch((err: unknown) => {
        // A wrong or unreachable node is the user's input, like a bad flag.
        if (
          err instanceof UnsuitableNodeError ||
          (err instanceof NodeRpcError && err.code === "NODE_UNREACHABLE")
        ) {
          throw new UsageError("RELAY_NODE_UNSUITABLE", err.message, { cause: err });
        }
        throw err;
      });
      logger.info({ url: relay.url, rpc: o.rpc, intervalMs: o.intervalMs }, "relay listening");
      process.stdout.write(`relay listening on ${relay.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, "relay stopping");
          relay.close().then(resolve, resolve);
        };
        process.once("SIGINT", () => stop("SIGINT"));
        process.once("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
