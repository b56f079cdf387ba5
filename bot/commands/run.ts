import type { Command } from "commander";
import { loadConfig } from "../config/loadConfig";
import { loadSecrets } from "../config/secrets";
import { runKeeper } from "../app/runKeeper";
import { createLogger } from "../observe/logger";

/**
 * `omni-arb run --config <file> [--once] [--dashboard-port N]`: the keeper. Runs until SIGINT or
 * SIGTERM (then stops taking blocks, waits for submissions in flight and closes the journal), or
 * with --once decides on the current block, waits for the outcomes and exits.
 */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run the keeper on the chain a config file describes")
    .requiredOption("--config <file>", "chain config (docs/config.md)")
    .option("--once", "decide on the current block only, then exit")
    .option("--dashboard-port <port>", "serve the dashboard and /metrics on 127.0.0.1:<port>", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--dashboard-port: not a port: ${v}`);
      return n;
    })
    .option("--log-level <level>", "trace | debug | info | warn | error", "info")
    .action(async (o: { config: string; once?: boolean; dashboardPort?: number; logLevel: string }) => {
      const config = loadConfig(o.config);
      const secrets = await loadSecrets(process.env, {
        requireSigner: config.submission.kind === "flashbots",
      });
      const log = createLogger({ level: o.logLevel as "info", name: "omni-arb" });
      const running = await runKeeper({ config, secrets, log, once: o.once, dashboardPort: o.dashboardPort });
      if (o.once) return;
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          log.info({ signal }, "stopping");
          running.stop().then(resolve, resolve);
        };
        process.once("SIGINT", () => shutdown("SIGINT"));
        process.once("SIGTERM", () => shutdown("SIGTERM"));
      });
    });
}
