/**
 * Resolves `"env:<NAME>"` strings in a config file from the environment, so values that differ per
 * machine or carry an API key (a provider's RPC URL) stay out of the file. An unset variable is a
 * one-line UsageError naming the field. Secrets are still refused: keys have their own variables
 * (bot/config/secrets.ts) and are never read through a config file.
 */
import { configError } from "./configError";

const PREFIX = "env:";
const NAME = /^[A-Z_][A-Z0-9_]*$/;

export type Env = Readonly<Record<string, string | undefined>>;

function walk(node: unknown, fieldPath: PropertyKey[], env: Env, source: string): unknown {
  if (typeof node === "string" && node.startsWith(PREFIX)) {
    const name = node.slice(PREFIX.length);
    if (!NAME.test(name))
      throw configError(source, fieldPath, `not an environment variable name ("${name}")`);
    const value = env[name];
    if (value === undefined || value === "") {
      throw configError(source, fieldPath, `environment variable ${name} is not set`);
    }
    return value;
  }
  if (Array.isArray(node)) return node.map((item, i) => walk(item, [...fieldPath, i], env, source));
  if (node !== null && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, walk(value, [...fieldPath, key], env, source)]),
    );
  }
  return node;
}

/** A copy of `raw` with every `env:<NAME>` string replaced by that variable's value. */
export function resolveEnvRefs(raw: unknown, source: string, env: Env): unknown {
  return walk(raw, [], env, source);
}
