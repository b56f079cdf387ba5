import { Command, CommanderError } from "commander";
import { UsageError } from "./errors";
import { registerRelayCommand } from "./commands/relay";
import { registerScanCommand } from "./commands/scan";
import { registerConfigCommand } from "./commands/configCheck";
import { registerJournalCommands } from "./commands/journalCommands";
import { registerKillCommands } from "./commands/killCommands";
import { registerRunCommand } from "./commands/run";

/** Exit statuses of the omni-arb command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function notYet(what: string): never {
  process.stderr.write(
    `omni-arb: ${what} is not yet implemented. The devnet, contracts and tests are; see README.md.\n`,
  );
  process.exit(EXIT_FAILURE);
}

export function buildProgram(): Command {
  const program = new Command("omni-arb")
    .description("Atomic DEX arbitrage on EVM chains: executor contracts and the keeper that drives them.")
    .exitOverride()
    .showHelpAfterError();

  program
    .command("demo", { isDefault: false })
    .description("run a live arbitrage desk on a local chain (what `npm start` runs)")
    .action(() => notYet("the demo (`npm start`)"));

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
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exit(err.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`omni-arb: ${err.message}\n`);
      process.exit(EXIT_USAGE);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`omni-arb: ${message}\n`);
    process.exit(EXIT_FAILURE);
  }
}
