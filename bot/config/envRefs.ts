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

/** True when `name` may be referenced as `env:<name>` (upper case, digits and underscores). */
export function isEnvName(name: string): boolean {
  return NAME.test(name);
}

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

/** One `env:<NAME>` string in a config file: the variable and the field that holds it. */
export interface EnvRef {
  readonly name: string;
  readonly path: readonly PropertyKey[];
}

function collect(node: unknown, fieldPath: PropertyKey[], out: EnvRef[]): void {
  if (typeof node === "string" && node.startsWith(PREFIX)) {
    out.push({ name: node.slice(PREFIX.length), path: fieldPath });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => collect(item, [...fieldPath, i], out));
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) collect(value, [...fieldPath, key], out);
  }
}

/** Every `env:<NAME>` reference in `raw`, in file order (names are not checked here). */
export function findEnvRefs(raw: unknown): EnvRef[] {
  const out: EnvRef[] = [];
  collect(raw, [], out);
  return out;
}

/** A copy of `raw` with every `env:<NAME>` string replaced by that variable's value. */
export function resolveEnvRefs(raw: unknown, source: string, env: Env): unknown {
  return walk(raw, [], env, source);
}
