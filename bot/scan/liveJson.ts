import { opportunityToJson, type Opportunity } from "../strategies/opportunity";
import type { LiveScan } from "./liveScan";

/**
 * One line of `omni-arb scan --config --json` (docs/config.md, "omni-arb scan --config"): the
 * snapshot scan's fields, plus the block, each hop's venue, and the gas cost and net profit in the
 * profit token (null without a price for it). Integers are decimal strings, except `block`.
 */
export function liveOpportunityToJson(scan: LiveScan, o: Opportunity): Record<string, unknown> {
  const base = opportunityToJson(o);
  const cost = scan.gasCost(o);
  return {
    block: scan.block.number,
    ...base,
    path: o.path.map((h) => ({
      pool: h.pool,
      venue: scan.venueOf(h.pool) ?? null,
      tokenIn: h.tokenIn,
      tokenOut: h.tokenOut,
      amountIn: h.amountIn.toString(),
      amountOut: h.amountOut.toString(),
    })),
    gasCost: cost === undefined ? null : cost.toString(),
    netProfit: cost === undefined ? null : (o.profit - cost).toString(),
  };
}
