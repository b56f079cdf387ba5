/**
 * `omni-arb kill` and `omni-arb resume`: engage or release the kill switch of a chain's keeper by
 * writing or removing its kill file (limits.killSwitchFile). A running keeper reads the file before
 * every submission; `kill -USR2 <pid>` stops a running keeper too.
 */
import type { Command } from "commander";
import { loadConfig } from "../config/loadConfig";
import { KillSwitch } from "../app/killSwitch";

export function registerKillCommands(program: Command): void {
  program
    .command("kill")
    .description("stop all submissions now and across restarts (writes the kill file)")
    .requiredOption("-c, --config <file>", "chain config file")
    .option("-r, --reason <text>", "why, shown by status and in the journal", "stopped by operator")
    .action((options: { config: string; reason: string }) => {
      const config = loadConfig(options.config);
      new KillSwitch(config.limits.killSwitchFile).engage(options.reason);
      process.stdout.write(`kill switch engaged: ${config.limits.killSwitchFile}\n`);
    });

  program
    .command("resume")
    .description("release the kill switch (removes the kill file)")
    .requiredOption("-c, --config <file>", "chain config file")
    .action((options: { config: string }) => {
      const config = loadConfig(options.config);
      new KillSwitch(config.limits.killSwitchFile).release();
      process.stdout.write(`kill switch released: ${config.limits.killSwitchFile}\n`);
    });
}
