/**
 * Zod field types shared by the config schema: addresses (EIP-55 or lower-case hex, normalised to
 * lower-case), 32-byte hashes, URLs and decimal amounts. Each failure carries a message that reads
 * well after `file: field.path: `, e.g. `not an address ("0x12")`.
 */
import { getAddress } from "ethers";
import { z } from "zod";

/** Quote a user value for an error message, shortened so one line stays one line. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const short = text === undefined ? "undefined" : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Lower-case 0x address, or an error message saying why the input is not one. */
export function normaliseAddress(raw: string): { address: string } | { problem: string } {
  if (!HEX_ADDRESS.test(raw)) return { problem: `not an address (${quote(raw)})` };
  const lower = raw.toLowerCase();
  const mixed = raw.slice(2) !== lower.slice(2) && raw.slice(2) !== raw.slice(2).toUpperCase();
  if (mixed && getAddress(lower) !== raw) return { problem: `bad EIP-55 checksum (${quote(raw)})` };
  return { address: lower };
}

export const addressField = z.string().transform((raw, ctx) => {
  const result = normaliseAddress(raw);
  if ("problem" in result) {
    ctx.addIssue({ code: "custom", message: result.problem });
    return z.NEVER;
  }
  return result.address;
});

export const hash32Field = z.string().transform((raw, ctx) => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(raw)) {
    ctx.addIssue({ code: "custom", message: `not a 32-byte hex hash (${quote(raw)})` });
    return z.NEVER;
  }
  return raw.toLowerCase();
});

export function urlField(protocols: readonly string[]) {
  return z.string().refine(
    (raw) => {
      try {
        return protocols.includes(new URL(raw).protocol);
      } catch {
        return false;
      }
    },
    {
      error: (issue) =>
        `not a ${protocols.map((p) => p.replace(":", "")).join("/")} URL (${quote(issue.input)})`,
    },
  );
}

/** A non-negative decimal written as a string, e.g. "12.5", kept as a string until scaled. */
export const decimalField = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { error: (issue) => `not a non-negative decimal string (${quote(issue.input)})` });

/** Scale a validated decimal string to an integer with `decimals` places, exactly. */
export function scaleDecimal(text: string, decimals: number): bigint | undefined {
  const [whole, fraction = ""] = text.split(".");
  if (fraction.length > decimals) return undefined;
  return BigInt(whole + fraction.padEnd(decimals, "0"));
}
