import { InvalidArgumentError, type Command } from "commander";
import type { Address } from "../core/address";
import { loadConfig } from "../config/loadConfig";
import { UsageError } from "../core/errors";
import { formatUsd } from "../decide/risk/format";
import { liveOpportunityToJson } from "../scan/liveJson";
import { liveScan } from "../scan/liveScan";
import { renderOpportunityTable } from "../scan/opportunityTable";
import type { TokenInfo } from "../snapshot/parseSnapshot";
import { readSnapshotFile } from "../snapshot/readSnapshotFile";
import { OpportunityEngine } from "../strategies/cycle-arb/engine";
import { opportunityToJson } from "../strategies/opportunity";

export { formatUnits } from "../scan/opportunityTable";

/** Bases used when --base is not given, in priority order, if the snapshot has them. */
export const DEFAULT_BASE_SYMBOLS = ["WETH", "USDC", "USDT", "DAI"];

/** Resolves --base values (symbols, case-insensitive, or addresses) to token addresses. */
export function resolveBases(
  tokens: readonly TokenInfo[],
  requested: readonly string[] | undefined,
): Address[] {
  if (requested === undefined || requested.length === 0) {
    const bases = DEFAULT_BASE_SYMBOLS.map((s) => tokens.find((t) => t.symbol === s)).filter(
      (t): t is TokenInfo => t !== undefined,
    );
    if (bases.length === 0) {
      throw new UsageError(
        "SCAN_NO_BASES",
        `the snapshot has none of the default bases ${DEFAULT_BASE_SYMBOLS.join(", ")}; name some with --base`,
      );
    }
    return bases.map((t) => t.address);
  }
  return requested.map((r) => {
    const byAddress = /^0x[0-9a-fA-F]{40}$/.test(r)
      ? tokens.find((t) => t.address === r.toLowerCase())
      : undefined;
    const matches = byAddress
      ? [byAddress]
      : tokens.filter((t) => t.symbol.toLowerCase() === r.toLowerCase());
    if (matches.length === 0)
      throw new UsageError("SCAN_BAD_BASE", `--base ${r}: no such token in the snapshot`);
    if (matches.length > 1) {
      throw new UsageError("SCAN_BAD_BASE", `--base ${r}: several tokens have this symbol; give the address`);
    }
    return matches[0].address;
  });
}

function scanSnapshot(o: ScanOptions & { snapshot: string }): void {
  const snapshot = readSnapshotFile(o.snapshot);
  const bases = resolveBases(snapshot.tokens, o.base);
  const engine = new OpportunityEngine(snapshot.pools, { bases });
  engine.evaluateAll();
  const ops = engine.opportunities();
  if (o.json) {
    for (const op of ops) process.stdout.write(JSON.stringify(opportunityToJson(op)) + "\n");
    return;
  }
  const symbols = bases.map((b) => snapshot.tokens.find((t) => t.address === b)?.symbol ?? b).join(", ");
  process.stdout.write(
    `chain ${snapshot.chainId}, block ${snapshot.block}: ${snapshot.pools.length} pools, ` +
      `${engine.cycles.count} cycles through ${symbols}, ${ops.length} profitable\n`,
  );
  if (ops.length > 0) process.stdout.write(renderOpportunityTable(ops, snapshot.tokens) + "\n");
}

async function scanConfig(o: ScanOptions & { config: string }): Promise<void> {
  const config = loadConfig(o.config);
  const scan = await liveScan(config, { block: o.block });
  const d = config.discovery;
  const summary =
    `chain ${scan.chainId}, block ${scan.block.number}: ${scan.watched} pools ` +
    `(${scan.discovered} discovered from block ${d.fromBlock}, ${scan.belowMinLiquidity.length} below ` +
    `${formatUsd(d.minLiquidityUsd)} of liquidity, ${scan.unreadable.length} unreadable), ` +
    `${scan.cycles} cycles through ${config.baseTokens.map((t) => t.symbol).join(", ")}, ` +
    `${scan.opportunities.length} profitable`;
  if (o.json) {
    // stdout carries only the opportunities; the summary goes to stderr.
    process.stderr.write(`scan: ${summary}\n`);
    for (const op of scan.opportunities)
      process.stdout.write(JSON.stringify(liveOpportunityToJson(scan, op)) + "\n");
    return;
  }
  process.stdout.write(summary + "\n");
  if (scan.opportunities.length > 0)
    process.stdout.write(renderOpportunityTable(scan.opportunities, config.baseTokens) + "\n");
}

interface ScanOptions {
  snapshot?: string;
  config?: string;
  base?: string[];
  block?: number;
  json?: boolean;
}

function blockNumber(v: string): number {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
    throw new InvalidArgumentError("not a block number");
  return Number(v);
}

/**
 * `omni-arb scan --snapshot <file.json> [--base <token>...] [--json]`: every profitable 2- and
 * 3-hop cycle through the bases in a pool-state snapshot, sized exactly, best first.
 *
 * `omni-arb scan --config <file> [--block <n>] [--json]`: the same on the live chain the config
 * describes (docs/config.md, "omni-arb scan --config"). Read-only: no key, no journal, nothing sent.
 */
export function registerScanCommand(program: Command): void {
  program
    .command("scan")
    .description(
      "find and size the arbitrage cycles in a pool-state snapshot (docs/snapshot-format.md) " +
        "or, with --config, on the live chain a config describes (read-only: no key, nothing submitted)",
    )
    .option("--snapshot <file>", "snapshot JSON file")
    .option("--config <file>", "chain config (docs/config.md): discover and read the pools live")
    .option(
      "--base <token...>",
      "with --snapshot: base tokens (symbols or addresses); default: WETH USDC USDT DAI present",
    )
    .option("--block <n>", "with --config: read the chain at this block (default: latest)", blockNumber)
    .option("--json", "one JSON object per line instead of a table")
    .addHelpText(
      "after",
      "\nExactly one of --snapshot and --config. With --config --json each line also carries block, each\n" +
        "hop's venue, gasCost and netProfit (docs/config.md); a summary line goes to stderr.",
    )
    .action(async (o: ScanOptions) => {
      if ((o.snapshot === undefined) === (o.config === undefined)) {
        throw new UsageError("SCAN_USAGE", "scan: give exactly one of --snapshot <file> and --config <file>");
      }
      if (o.snapshot !== undefined) {
        if (o.block !== undefined)
          throw new UsageError("SCAN_USAGE", "scan: --block needs --config (a snapshot is one block)");
        scanSnapshot({ ...o, snapshot: o.snapshot });
      } else {
        if (o.base !== undefined)
          throw new UsageError(
            "SCAN_USAGE",
            "scan: --base needs --snapshot (with --config the bases are baseTokens)",
          );
        await scanConfig({ ...o, config: o.config! });
      }
    });
}
