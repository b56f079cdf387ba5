import type { Command } from "commander";
import pino from "pino";
import { UsageError } from "../errors";
import { startDevnetRelay } from "../relay/devnetRelay";

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
 * node started with bot/relay/devnetNode.config.ts. Runs until SIGINT or SIGTERM.
 */
export function registerRelayCommand(program: Command): void {
  program
    .command("relay")
    .description("run a devnet block builder speaking the Flashbots relay protocol (eth_sendBundle...)")
    .requiredOption(
      "--rpc <url>",
      "JSON-RPC URL of the Hardhat node to drive (mempool order fifo, mining off)",
    )
    .option("--port <n>", "port to listen on (127.0.0.1)", integer("--port", 0), 18545)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--interval-ms <ms>", "milliseconds between blocks", integer("--interval-ms", 1), 1000)
    .action(async (o: { rpc: string; port: number; host: string; intervalMs: number }) => {
      try {
        new URL(o.rpc);
      } catch (cause) {
        throw new UsageError("RELAY_FLAG_INVALID", `--rpc is not a URL: ${o.rpc}`, { cause });
      }
      const logger = pino({ level: process.env.LOG_LEVEL ?? "info" }, pino.destination(2));
      const relay = await startDevnetRelay({
        rpcUrl: o.rpc,
        port: o.port,
        host: o.host,
        intervalMs: o.intervalMs,
        logger,
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
