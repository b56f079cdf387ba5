import type { Address } from "../core/address";
import type { Opportunity } from "../strategies/opportunity";

/** What the table needs to know about a token; others are shown by address. */
export interface TokenLabel {
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
}

/** A raw amount as a decimal number of whole tokens, e.g. 1234567n with 6 decimals -> "1.234567". */
export function formatUnits(amount: bigint, decimals: number): string {
  const neg = amount < 0n;
  const s = (neg ? -amount : amount).toString().padStart(decimals + 1, "0");
  const whole = s.slice(0, s.length - decimals);
  const frac = decimals === 0 ? "" : s.slice(s.length - decimals).replace(/0+$/, "");
  return (neg ? "-" : "") + whole + (frac ? "." + frac : "");
}

/** The human table of `omni-arb scan`: one row per opportunity, in the order given. */
export function renderOpportunityTable(ops: readonly Opportunity[], tokens: readonly TokenLabel[]): string {
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
