import { AmmStateError } from "./errors";

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** Checks a 20-byte hex address and returns it lower-cased, the engine's one internal form. */
export function toModelAddress(value: string, what: string): string {
  if (!ADDRESS_RE.test(value)) {
    throw new AmmStateError("AMM_BAD_ADDRESS", `${what} is not a 20-byte hex address`, {
      details: { what, value },
    });
  }
  return value.toLowerCase();
}
