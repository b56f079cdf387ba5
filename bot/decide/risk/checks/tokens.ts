/** Checks on what the cycle touches: quarantined pools and tokens, the deny list and the allow list. */
import { reject } from "../types";
import type { RiskCandidate, RiskContext, RiskRejection } from "../types";

function tokensOf(candidate: RiskCandidate): string[] {
  const tokens = candidate.opportunity.path.flatMap((h) => [
    h.tokenIn.toLowerCase(),
    h.tokenOut.toLowerCase(),
  ]);
  return [...new Set(tokens)];
}

export function checkQuarantine(candidate: RiskCandidate, ctx: RiskContext): RiskRejection | undefined {
  for (const hop of candidate.opportunity.path) {
    const pool = hop.pool.toLowerCase();
    if (ctx.quarantinedPools.has(pool))
      return reject("QUARANTINED_POOL", `pool ${pool} is quarantined`, { pool });
  }
  for (const token of tokensOf(candidate)) {
    if (ctx.quarantinedTokens.has(token)) {
      return reject("QUARANTINED_TOKEN", `token ${token} is quarantined`, { token });
    }
  }
  return undefined;
}

export function checkTokenLists(candidate: RiskCandidate, ctx: RiskContext): RiskRejection | undefined {
  const { allowTokens, denyTokens } = ctx.limits;
  for (const token of tokensOf(candidate)) {
    if (denyTokens.has(token)) return reject("TOKEN_DENIED", `token ${token} is on the deny list`, { token });
    if (allowTokens !== undefined && !allowTokens.has(token)) {
      return reject("TOKEN_NOT_ALLOWED", `token ${token} is not on the allow list`, { token });
    }
  }
  return undefined;
}
