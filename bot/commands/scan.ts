import type { Command } from "commander";
import type { Address } from "../amm/types";
import { UsageError } from "../errors";
import type { TokenInfo } from "../snapshot/parseSnapshot";
import { readSnapshotFile } from "../snapshot/readSnapshotFile";
import { OpportunityEngine } from "../strategy/engine";
import { opportunityToJson, type Opportunity } from "../strategy/opportunity";

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

/** A raw amount as a decimal number of whole tokens, e.g. 1234567n with 6 decimals -> "1.234567". */
export function formatUnits(amount: bigint, decimals: number): string {
  const neg = amount < 0n;
  const s = (neg ? -amount : amount).toString().padStart(decimals + 1, "0");
  const whole = s.slice(0, s.length - decimals);
  const frac = decimals === 0 ? "" : s.slice(s.length - decimals).replace(/0+$/, "");
  return (neg ? "-" : "") + whole + (frac ? "." + frac : "");
}

function renderTable(ops: readonly Opportunity[], tokens: readonly TokenInfo[]): string {
  const info = new Map(tokens.map((t) => [t.address, t]));
  const sym = (a: Address): string => info.get(a)?.symbol ?? a;
  const amount = (a: bigint, token: Address): string => formatUnits(a, info.get(token)?.decimals ?? 0);
  const rows = ops.map((o, i) => [
    String(i + 1),
    `${amount(o.profit, o.profitToken)} ${sym(o.profitToken)}`,
    `${amount(o.amountIn, o.profitToken)} ${sym(o.profitToken)}`,
    o.gas.toString(),
    [
      sym(o.path[0].tokenIn),
      ...o.path.map(
        (h) =>
          `-[${h.kind.replace("uniswap-", "")} ${h.pool.slice(0, 6)}…${h.pool.slice(-4)}]-> ${sym(h.tokenOut)}`,
      ),
    ].join(" "),
  ]);
  const header = ["#", "profit", "amount in", "gas", "path"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/**
 * `omni-arb scan --snapshot <file.json> [--base <token>...] [--json]`: every profitable 2- and
 * 3-hop cycle through the bases in a pool-state snapshot, sized exactly, best first.
 */
export function registerScanCommand(program: Command): void {
  program
    .command("scan")
    .description("find and size the arbitrage cycles in a pool-state snapshot (docs/snapshot-format.md)")
    .requiredOption("--snapshot <file>", "snapshot JSON file")
    .option("--base <token...>", "base tokens (symbols or addresses); default: WETH USDC USDT DAI present")
    .option("--json", "one JSON object per line instead of a table")
    .action((o: { snapshot: string; base?: string[]; json?: boolean }) => {
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
      if (ops.length > 0) process.stdout.write(renderTable(ops, snapshot.tokens) + "\n");
    });
}
