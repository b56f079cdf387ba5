/** Human-readable amounts for rejection messages (display only; decisions use the exact bigints). */
import { ONE_USD } from "./limits";

/** "12.34 USD" from a USD value with 18 decimals (truncated to cents, sign kept). */
export function formatUsd(usd: bigint): string {
  const negative = usd < 0n;
  const cents = (negative ? -usd : usd) / (ONE_USD / 100n);
  const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")} USD`;
  return negative ? `-${text}` : text;
}

/** "30.5 gwei" from wei. */
export function formatGwei(wei: bigint): string {
  const whole = wei / 10n ** 9n;
  const fraction = (wei % 10n ** 9n).toString().padStart(9, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole} gwei` : `${whole}.${fraction} gwei`;
}

/** "1.5x" from basis points. */
export function formatRatio(bps: bigint): string {
  const whole = bps / 10_000n;
  const fraction = (bps % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole}x` : `${whole}.${fraction}x`;
}
