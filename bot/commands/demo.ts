import type { Command } from "commander";
import { UsageError } from "../core/errors";
import { runDemo } from "../devnet/demo/runDemo";

function intOption(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError("DEMO_OPTION", `${name}: expected an integer from ${min} to ${max}, got "${v}"`);
    return n;
  };
}

/**
 * `omni-arb demo` (what `npm start` runs): a live arbitrage desk on a local chain. Progress and a
 * status line per block go to stderr; with --json-summary the last line of stdout is one JSON
 * object of measured figures.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run a live arbitrage desk on a local chain with a dashboard (what `npm start` runs)")
    .option("--blocks <n>", "stop after this many blocks", intOption("--blocks", 1, 1_000_000))
    .option(
      "--seed <s>",
      "seed of the simulated market (same seed, same market)",
      intOption("--seed", 0, 2 ** 31 - 1),
      1,
    )
    .option(
      "--port <port>",
      "dashboard port on 127.0.0.1 (default: any free port)",
      intOption("--port", 0, 65535),
      0,
    )
    .option(
      "--interval-ms <ms>",
      "block interval of the local builder",
      intOption("--interval-ms", 200, 60_000),
      1000,
    )
    .option("--no-competitor", "leave out the competing naive searcher")
    .option("--json-summary", "print one JSON object of measured figures as the last line on exit")
    .action(
      async (o: {
        blocks?: number;
        seed: number;
        port: number;
        intervalMs: number;
        competitor: boolean;
        jsonSummary?: boolean;
      }) => {
        const print = (line: string) => process.stderr.write(`${line}\n`);
        const demo = await runDemo({
          blocks: o.blocks,
          seed: o.seed,
          port: o.port,
          blockIntervalMs: o.intervalMs,
          print,
          noCompetitor: !o.competitor,
        });
        print(`omni-arb demo running: open ${demo.dashboardUrl} (Ctrl-C to stop)`);
        await new Promise<void>((resolve) => {
          void demo.finished.then(resolve);
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        print("stopping: waiting for bundles in flight ...");
        const summary = await demo.stop();
        if (o.jsonSummary) process.stdout.write(`${JSON.stringify(summary)}\n`);
        print(
          `done: ${summary.blocks} blocks, ${summary.bundles_included}/${summary.bundles_submitted} bundles included, ` +
            `realised ${summary.realized_profit_wei} wei, max prediction error ${summary.max_abs_prediction_error_wei} wei`,
        );
      },
    );
}
