/**
 * Reads and validates one chain's config file. The steps, in order: read, parse JSON, refuse
 * secrets, resolve `env:<NAME>` and `deployment:<Name>` references, fill sections a known chain may omit from the
 * registry defaults, validate with the zod schema, convert to engine units. Any problem is one
 * UsageError naming the file, the field and what is wrong.
 */
import fs from "node:fs";
import { UsageError } from "../core/errors";
import { configError, describeIssue } from "./configError";
import { resolveDeploymentRefs } from "./deploymentRefs";
import { resolveEnvRefs } from "./envRefs";
import type { Env } from "./envRefs";
import { registryDefaults } from "./registryDefaults";
import { configFileSchema } from "./schema";
import { assertNoSecrets } from "./secretScan";
import { toChainConfig } from "./toChainConfig";
import type { ChainConfig } from "./types";

export interface LoadConfigOptions {
  /** Overrides the folder holding `<network>/<Name>.json` deployment files. */
  readonly deploymentsDir?: string;
  /** Where `env:<NAME>` references are looked up; defaults to process.env. */
  readonly env?: Env;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/.exec(cause instanceof Error ? cause.message : "");
    const where = position === null ? "" : ` at ${lineAndColumn(text, Number(position[1]))}`;
    throw new UsageError("CONFIG_INVALID", `${source}: not valid JSON${where}`, {
      cause,
      details: { file: source },
    });
  }
}

/** Validates an already parsed config file; `source` names it in error messages. */
export function parseConfig(raw: unknown, source: string, options: LoadConfigOptions = {}): ChainConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw configError(source, [], "a config file must hold one JSON object");
  }
  assertNoSecrets(raw, source);
  const withEnv = resolveEnvRefs(raw, source, options.env ?? process.env);
  const resolved = resolveDeploymentRefs(withEnv, source, options.deploymentsDir) as Record<string, unknown>;
  const chainId = typeof resolved.chainId === "number" ? resolved.chainId : 0;
  const withDefaults: Record<string, unknown> = { ...resolved };
  for (const [key, value] of Object.entries(registryDefaults(chainId))) {
    if (withDefaults[key] === undefined) withDefaults[key] = value;
  }
  const parsed = configFileSchema.safeParse(withDefaults);
  if (!parsed.success) {
    const { path, problem } = describeIssue(parsed.error.issues[0], withDefaults);
    throw configError(source, path, problem, { details: { problems: parsed.error.issues.length } });
  }
  return toChainConfig(parsed.data, source);
}

/** Reads and parses the JSON of the config file at `file`, without validating it. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError("CONFIG_UNREADABLE", `${file}: cannot read config file (${code})`, { cause });
  }
  return parseJson(text, file);
}

/** Reads, validates and converts the config file at `file` (the path is quoted in errors as given). */
export function loadConfig(file: string, options: LoadConfigOptions = {}): ChainConfig {
  return parseConfig(readConfigFile(file), file, options);
}
