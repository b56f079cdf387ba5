import { Command, CommanderError } from "commander";
import { UsageError } from "./core/errors";
import { redactSecrets } from "./config/redact";
import { registerRelayCommand } from "./commands/relay";
import { registerScanCommand } from "./commands/scan";
import { registerConfigCommand } from "./commands/configCheck";
import { registerJournalCommands } from "./commands/journalCommands";
import { registerKillCommands } from "./commands/killCommands";
import { registerRunCommand } from "./commands/run";
import { registerDemoCommand } from "./commands/demo";

/** Exit statuses of the omni-arb command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command("omni-arb")
    .description("Atomic DEX arbitrage on EVM chains: executor contracts and the keeper that drives them.")
    .exitOverride()
    .showHelpAfterError();

  registerDemoCommand(program);
  registerRelayCommand(program);
  registerScanCommand(program);
  registerConfigCommand(program);
  registerJournalCommands(program);
  registerKillCommands(program);
  registerRunCommand(program);

  return program;
}

/** Entry point of bin/omni-arb.js: turns every error into a one-line message and an exit status. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    // Every command resolves only when its work is done (long-running ones on SIGINT/SIGTERM):
    // don't let a lingering socket or timer keep the process alive after that.
    process.exit(EXIT_OK);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exit(err.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`omni-arb: ${redactSecrets(err.message)}\n`);
      process.exit(EXIT_USAGE);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`omni-arb: ${redactSecrets(message)}\n`);
    process.exit(EXIT_FAILURE);
  }
}
