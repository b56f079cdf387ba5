/**
 * A config file validated without the run-time environment, for `omni-arb config check`. An
 * `env:<NAME>` reference whose variable is unset gets a placeholder URL when it sits in a URL field
 * (the RPC endpoints and relay URLs, the fields such references exist for), so every other field is
 * still validated exactly as `loadConfig` would; an unset variable in any other field stays the
 * loader's error, because that field cannot be checked without its value. The result lists each
 * variable the file will need at run time (its references and the keeper's keys) and whether it is
 * set now; values are never part of it.
 */
import { formatPath } from "./configError";
import type { FieldPath } from "./configError";
import { findEnvRefs, isEnvName } from "./envRefs";
import type { Env } from "./envRefs";
import { parseConfig, readConfigFile } from "./loadConfig";
import { OPERATOR_VARIABLES, SIGNER_VARIABLES } from "./secrets";
import type { ChainConfig } from "./types";

export interface RuntimeVariable {
  /** How to provide it: one variable, or a key's alternatives. */
  readonly names: string;
  /** What needs it: the field that references it, or the key's role. */
  readonly neededFor: string;
  readonly required: boolean;
  readonly set: boolean;
}

export interface ConfigCheck {
  readonly config: ChainConfig;
  /** Fields holding a placeholder because their variable is unset: field path -> variable. */
  readonly placeholders: ReadonlyMap<string, string>;
  readonly variables: readonly RuntimeVariable[];
}

export interface CheckConfigOptions {
  readonly env?: Env;
  readonly deploymentsDir?: string;
}

/** RFC 2606 reserves `.invalid`: a placeholder can never reach a real endpoint. */
const PLACEHOLDER_HOST = "env-unset.invalid";

function placeholderFor(field: string): string | undefined {
  if (field === "rpc.ws") return `wss://${PLACEHOLDER_HOST}`;
  if (field === "rpc.http" || /^submission\.relays\[\d+\]$/.test(field)) return `https://${PLACEHOLDER_HOST}`;
  return undefined;
}

function isSet(env: Env, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== "";
}

function setAt(root: unknown, path: FieldPath, value: string): void {
  let node = root as Record<PropertyKey, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<PropertyKey, unknown>;
  node[path[path.length - 1]] = value;
}

function keyVariables(env: Env, config: ChainConfig): RuntimeVariable[] {
  const op = OPERATOR_VARIABLES;
  const signer = SIGNER_VARIABLES;
  const flashbots = config.submission.kind === "flashbots";
  return [
    {
      names: `${op.key}, or ${op.keystore} with ${op.passwords[0]}`,
      neededFor: "operator key",
      required: true,
      set: isSet(env, op.key) || (isSet(env, op.keystore) && op.passwords.some((p) => isSet(env, p))),
    },
    {
      names: `${signer.key}, or ${signer.keystore} with ${signer.passwords.join(" or ")}`,
      neededFor: flashbots ? "bundle-signing key" : "bundle-signing key, unused by direct submission",
      required: flashbots,
      set:
        isSet(env, signer.key) ||
        (isSet(env, signer.keystore) && signer.passwords.some((p) => isSet(env, p))),
    },
  ];
}

/** Validates the config file at `file` as `loadConfig` does, with placeholders for unset URL variables. */
export function checkConfig(file: string, options: CheckConfigOptions = {}): ConfigCheck {
  const env = options.env ?? process.env;
  const raw = readConfigFile(file);
  const refs = findEnvRefs(raw);
  const placeholders = new Map<string, string>();
  const substituted: unknown = structuredClone(raw);
  for (const ref of refs) {
    const field = formatPath(ref.path);
    const placeholder = placeholderFor(field);
    // A malformed name keeps its reference, so the loader reports it exactly as at start-up.
    if (isSet(env, ref.name) || placeholder === undefined || !isEnvName(ref.name)) continue;
    setAt(substituted, ref.path, placeholder);
    placeholders.set(field, ref.name);
  }
  const config = parseConfig(substituted, file, { env, deploymentsDir: options.deploymentsDir });
  const variables: RuntimeVariable[] = refs.map((ref) => ({
    names: ref.name,
    neededFor: formatPath(ref.path),
    required: true,
    set: isSet(env, ref.name),
  }));
  return { config, placeholders, variables: [...variables, ...keyVariables(env, config)] };
}
