/**
 * The keeper's pino logger. Every line passes through redactSecrets before it is written, so a key
 * that reaches a log call by mistake (in a message, an error, a nested object) never reaches the
 * output; fields with secret-sounding names are censored by pino as well.
 */
import pino from "pino";
import { REDACTED, redactSecrets } from "../config/redact";

export interface LineSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  readonly level?: pino.LevelWithSilent;
  readonly name?: string;
  /** Where the redacted JSON lines go (stdout by default). */
  readonly destination?: LineSink;
}

const SECRET_PATHS = ["privateKey", "password", "mnemonic", "*.privateKey", "*.password", "*.mnemonic"];

/**
 * Makes a log object safe and exact: bigint becomes a decimal string (pino would print a lossy
 * JSON number); Maps and Sets become arrays; other class instances (a Wallet, a provider) are
 * reduced to their type and address, so their internals (where keys live) are never serialised.
 * Errors and Dates are left to pino's own serialisers.
 */
function loggable(value: unknown, depth = 0): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => loggable(v, depth + 1));
  if (value instanceof Map) return [...value.entries()].map((e) => loggable(e, depth + 1));
  if (value instanceof Set) return [...value].map((v) => loggable(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loggable(v, depth + 1)]));
  }
  const address = (value as { address?: unknown }).address;
  return {
    type: (value as { constructor?: { name?: string } }).constructor?.name ?? "object",
    ...(typeof address === "string" ? { address } : {}),
  };
}

export function createLogger(options: LoggerOptions = {}): pino.Logger {
  const sink: LineSink = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level ?? "info",
      name: options.name ?? "omni-arb",
      redact: { paths: SECRET_PATHS, censor: REDACTED },
      // bigint amounts are logged as decimal strings instead of throwing in JSON.stringify
      formatters: { log: (object) => loggable(object) as Record<string, unknown> },
    },
    { write: (line: string) => sink.write(redactSecrets(line)) },
  );
}
