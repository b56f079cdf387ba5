import type { Interface } from "ethers";
import type { Address } from "../core/address";

/**
 * What a failed simulation's revert names, when it names something: the executor's diagnostic
 * errors carry the account at fault (a pool that called back unexpectedly or did not answer, a
 * token whose call failed). Any other revert (a pool's own require, a token's, a profit short of
 * the plan's) names nothing.
 */
export function namedInRevert(
  revertData: string | undefined,
  errors: Interface | undefined,
): { role: "pool" | "token"; address: Address } | undefined {
  if (revertData === undefined || errors === undefined || revertData.length < 10) return undefined;
  let parsed;
  try {
    parsed = errors.parseError(revertData);
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  switch (parsed.name) {
    case "UnexpectedCallback":
    case "PoolCallFailed":
      return { role: "pool", address: String(parsed.args[0]).toLowerCase() };
    case "TokenCallFailed":
      return { role: "token", address: String(parsed.args[0]).toLowerCase() };
    default:
      return undefined;
  }
}
