/**
 * A Prometheus counter backed by exact bigint totals. Prometheus values are float64, which hold
 * integers exactly only up to 2^53 (about 0.009 ETH in wei). Adding bigint amounts to a float one
 * at a time would round at every step and drift; here the sum is kept exactly and rounded once,
 * to the nearest float64, when the registry is scraped (relative error at most 2^-53 of the total).
 */
import { Counter, type Registry } from "prom-client";
import { TelemetryError } from "./telemetryError";

export interface ExactCounter<L extends string> {
  /** Adds a non-negative amount to the series with these labels. */
  add(labels: Readonly<Record<L, string>>, amount: bigint): void;
  /** The exact total of one series (0n when never added to). */
  total(labels: Readonly<Record<L, string>>): bigint;
}

export function exactCounter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): ExactCounter<L> {
  const totals = new Map<string, { labels: Record<L, string>; total: bigint }>();
  const keyOf = (labels: Readonly<Record<L, string>>) => labelNames.map((l) => labels[l]).join("\u0000");
  new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, total } of totals.values()) this.inc(labels, Number(total));
    },
  });
  return {
    add(labels, amount) {
      if (amount < 0n) throw new TelemetryError("NEGATIVE_COUNTER", `${name} cannot decrease`);
      const key = keyOf(labels);
      const entry = totals.get(key);
      if (entry === undefined) totals.set(key, { labels: { ...labels }, total: amount });
      else entry.total += amount;
    },
    total(labels) {
      return totals.get(keyOf(labels))?.total ?? 0n;
    },
  };
}
