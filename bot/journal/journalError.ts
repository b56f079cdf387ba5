import { OmniArbError } from "../core/errors";

/** The journal refused a write or cannot be used (schema too new, a write breaking its invariants). */
export class JournalError extends OmniArbError {
  override readonly name: string = "JournalError";
}
