/**
 * Turns a problem in a config file into the one-line UsageError the CLI prints (exit status 2):
 * `<file>: <field.path>: <what is wrong>`, e.g. `config/ethereum.json: venues[1].factory: not an
 * address ("0x12")`. Zod issues are translated here so the rest of the loader never sees them.
 */
import type { z } from "zod";
import { UsageError } from "../core/errors";
import { quote } from "./fields";

export type FieldPath = readonly PropertyKey[];

/** `["venues", 1, "factory"]` -> `venues[1].factory`. */
export function formatPath(path: FieldPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text === "" ? "(top level)" : text;
}

export function configError(
  source: string,
  path: FieldPath,
  problem: string,
  options: { cause?: unknown; details?: Record<string, unknown> } = {},
): UsageError {
  return new UsageError("CONFIG_INVALID", `${source}: ${formatPath(path)}: ${problem}`, {
    cause: options.cause,
    details: { file: source, field: formatPath(path), ...options.details },
  });
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${quote(value)}`;
}

/** The field path and message for one zod issue, read against the raw input for context. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { path: FieldPath; problem: string } {
  const path = issue.path;
  const input = valueAt(raw, path);
  switch (issue.code) {
    case "unrecognized_keys":
      return { path: [...path, issue.keys[0]], problem: "unknown field" };
    case "invalid_type":
      return input === undefined
        ? { path, problem: "missing" }
        : { path, problem: `expected ${issue.expected}, got ${describe(input)}` };
    case "invalid_union": {
      if ("discriminator" in issue) {
        if (input === undefined) return { path, problem: "missing" };
        const options = (issue as { options?: unknown[] }).options ?? [];
        const what = path.includes("venues") ? "venue kind" : "kind";
        return {
          path,
          problem: `unknown ${what} ${quote(input)} (expected ${options.map((o) => quote(o)).join(" or ")})`,
        };
      }
      return { path, problem: `not a valid value (${quote(input)})` };
    }
    case "invalid_value":
      return {
        path,
        problem: `expected ${issue.values.map((v) => quote(v)).join(" or ")}, got ${describe(input)}`,
      };
    case "too_small":
      return {
        path,
        problem:
          issue.origin === "array"
            ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}`
            : issue.origin === "string"
              ? "must not be empty"
              : `must be at least ${String(issue.minimum)} (got ${describe(input)})`,
      };
    case "too_big":
      return { path, problem: `must be at most ${String(issue.maximum)} (got ${describe(input)})` };
    default:
      return { path, problem: issue.message };
  }
}
