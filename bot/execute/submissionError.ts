import { OmniArbError } from "../core/errors";

/** Submission could not be carried out (no relay to simulate on, a node that stopped making blocks). */
export class SubmissionError extends OmniArbError {
  override readonly name = "SubmissionError";
}

/** The first line of an error's message: relay and node errors carry whole response bodies. */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0].slice(0, 500);
}
