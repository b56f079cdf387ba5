import { z } from "zod";

/**
 * Field types of the pool-state snapshot format (docs/snapshot-format.md), shared by the venues'
 * snapshot codecs: integers are decimal strings, so no reader loses precision.
 */

export const addressField = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 20-byte 0x-hex address");
export const uintField = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, "expected a non-negative integer as a decimal string");
export const intField = z.string().regex(/^(0|-?[1-9][0-9]*)$/, "expected an integer as a decimal string");

/** "field.path: message" for the first issue, the one a person fixes first. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path.replace(/^\./, "") || "(top level)"}: ${issue.message}`;
}

/** Builds a model, reporting anything the model still refuses against the same pool. */
export function buildOrFail<M>(
  build: () => M,
  fail: (message: string) => Error,
  isModelError: (e: unknown) => boolean,
): M {
  try {
    return build();
  } catch (e) {
    if (isModelError(e)) throw fail((e as Error).message);
    throw e;
  }
}
