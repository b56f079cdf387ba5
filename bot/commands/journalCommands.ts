/**
 * `omni-arb status` and `omni-arb report`: read-only views of a chain's journal (the path and the
 * breaker settings come from its config file). `--json` prints machine-readable output with
 * amounts as decimal strings.
 */
import fs from "node:fs";
import type { Command } from "commander";
import { loadConfig } from "../config/loadConfig";
import type { ChainConfig } from "../config/types";
import { UsageError } from "../core/errors";
import type { JournalPort } from "../journal/port";
import { SqliteJournal } from "../journal/sqlite/sqliteJournal";
import type { JournalReport, JournalStatus } from "../journal/types";
import { formatUsd } from "../decide/risk/format";
import { KillSwitch } from "../app/killSwitch";

function openExisting(config: ChainConfig): JournalPort {
  if (!fs.existsSync(config.journalPath)) {
    throw new UsageError("JOURNAL_MISSING", `${config.journalPath}: no journal yet (the keeper has not run)`);
  }
  return SqliteJournal.open(config.journalPath);
}

function json(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) =>
        typeof v === "bigint"
          ? v.toString()
          : v instanceof Map
            ? Object.fromEntries(v as Map<string, unknown>)
            : v,
      2,
    ) + "\n"
  );
}

function tokenAmount(config: ChainConfig, token: string, amount: bigint): string {
  const info = config.baseTokens.find((t) => t.address === token);
  if (info === undefined) return `${amount} (raw) of ${token}`;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const scale = 10n ** BigInt(info.decimals);
  const fraction = (abs % scale).toString().padStart(info.decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${abs / scale}${fraction === "" ? "" : `.${fraction}`} ${info.symbol}`;
}

export function formatStatus(
  config: ChainConfig,
  status: JournalStatus,
  kill: { engaged: boolean; reason?: string },
) {
  const b = status.breaker;
  const lines = [
    `${config.name} (chain ${config.chainId}), journal ${config.journalPath}`,
    `last block: ${status.lastBlock === undefined ? "none" : `${status.lastBlock.number} ${status.lastBlock.hash}`}`,
    `realised profit: ${formatUsd(status.realisedProfitUsd)}${[...status.realisedProfit]
      .map(([token, amount]) => `; ${tokenAmount(config, token, amount)}`)
      .join("")}`,
    `outcomes: ${status.outcomes.included} included, ${status.outcomes.notIncluded} not included, ${status.outcomes.failed} failed`,
    `success rate: ${
      status.successRate.bps === undefined ? "n/a" : `${(status.successRate.bps / 100).toFixed(2)} %`
    } over the last ${status.successRate.samples} decisive outcomes`,
    `breaker: ${
      b.open
        ? `OPEN (${b.trip}) until ${new Date((b.trippedAtMs ?? 0) + config.limits.breaker.coolDownMs).toISOString()}`
        : "closed"
    }`,
    `kill switch: ${kill.engaged ? `ENGAGED (${kill.reason ?? "no reason given"})` : "released"}`,
    `quarantined tokens: ${status.quarantinedTokens.join(", ") || "none"}`,
    `quarantined pools: ${status.quarantinedPools.join(", ") || "none"}`,
    `claims awaiting an outcome: ${status.pendingClaims}`,
    `losses today: ${formatUsd(status.lossTodayUsd)} of ${formatUsd(config.limits.dailyLossBudgetUsd)}`,
  ];
  return lines.join("\n") + "\n";
}

export function formatReport(config: ChainConfig, report: JournalReport): string {
  const tally = (t: { included: number; notIncluded: number; failed: number; realisedProfitUsd: bigint }) =>
    `${t.included} included, ${t.notIncluded} not included, ${t.failed} failed, ${formatUsd(t.realisedProfitUsd)}`;
  const lines = ["by day:", ...report.byDay.map((d) => `  ${d.day}: ${tally(d)}`)];
  lines.push("by venue:", ...report.byVenue.map((v) => `  ${v.venue}: ${tally(v)}`));
  lines.push(
    "by token:",
    ...report.byToken.map((t) => `  ${tokenAmount(config, t.token, t.realisedProfit)}: ${tally(t)}`),
  );
  lines.push("rejections by reason:", ...report.byReason.map((r) => `  ${r.code}: ${r.count}`));
  return lines.join("\n") + "\n";
}

function parseDay(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new UsageError("BAD_DATE", `${flag} ${value}: expected a date as YYYY-MM-DD`);
  return ms;
}

export function registerJournalCommands(program: Command): void {
  program
    .command("status")
    .description("show the keeper's state from its journal: profit, success rate, breaker, quarantines")
    .requiredOption("-c, --config <file>", "chain config file")
    .option("--json", "machine-readable output")
    .action(async (options: { config: string; json?: boolean }) => {
      const config = loadConfig(options.config);
      const journal = openExisting(config);
      try {
        const status = await journal.status({ breaker: config.limits.breaker, chainId: config.chainId });
        const kill = new KillSwitch(config.limits.killSwitchFile).state();
        process.stdout.write(
          options.json === true ? json({ ...status, killSwitch: kill }) : formatStatus(config, status, kill),
        );
      } finally {
        await journal.close();
      }
    });

  program
    .command("report")
    .description("profit and outcomes by day, venue and token; risk rejections by reason")
    .requiredOption("-c, --config <file>", "chain config file")
    .option("--since <day>", "from this UTC day (YYYY-MM-DD)")
    .option("--until <day>", "before this UTC day (YYYY-MM-DD)")
    .option("--json", "machine-readable output")
    .action(async (options: { config: string; since?: string; until?: string; json?: boolean }) => {
      const sinceMs = parseDay("--since", options.since);
      const untilMs = parseDay("--until", options.until);
      const config = loadConfig(options.config);
      const journal = openExisting(config);
      try {
        const report = await journal.report({ sinceMs, untilMs });
        process.stdout.write(options.json === true ? json(report) : formatReport(config, report));
      } finally {
        await journal.close();
      }
    });
}
