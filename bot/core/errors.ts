/**
 * The one error base of omni-arb. A short message for people, structured details for logs and
 * tests, and the `cause` chain kept intact. Never throw strings.
 */
export class OmniArbError extends Error {
  override readonly name: string = "OmniArbError";
  /** A stable machine-readable code, e.g. "CONFIG_INVALID". */
  readonly code: string;
  /** Extra facts for logs; never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/** Input from a user (a file, a flag, a config) is wrong: the CLI exits with status 2. */
export class UsageError extends OmniArbError {
  override readonly name: string = "UsageError";
}
