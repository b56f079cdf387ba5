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

/** bigint amounts become exact decimal strings (pino would print them as lossy JSON numbers). */
function bigintsToStrings(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(bigintsToStrings);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bigintsToStrings(v)]));
  }
  return value;
}

export function createLogger(options: LoggerOptions = {}): pino.Logger {
  const sink: LineSink = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level ?? "info",
      name: options.name ?? "omni-arb",
      redact: { paths: SECRET_PATHS, censor: REDACTED },
      // bigint amounts are logged as decimal strings instead of throwing in JSON.stringify
      formatters: { log: (object) => bigintsToStrings(object) as Record<string, unknown> },
    },
    { write: (line: string) => sink.write(redactSecrets(line)) },
  );
}
