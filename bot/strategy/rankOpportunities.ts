import type { Address } from "../amm/types";
import type { Opportunity } from "./opportunity";

/** What gas costs, to rank by profit net of gas. */
export interface GasPricing {
  /** Wei per gas unit. */
  readonly gasPriceWei: bigint;
  /**
   * Raw units of each profit token worth 1e18 wei of the native token (e.g. for USDC at 3,000
   * USDC/ETH: 3000e6). Tokens without a price cannot be netted and rank after all priced ones.
   */
  readonly tokenPerNative: ReadonlyMap<Address, bigint>;
}

const WAD = 10n ** 18n;

/** Gas cost of an opportunity in its profit token, or undefined without a price for it. */
export function gasCostInProfitToken(o: Opportunity, pricing: GasPricing): bigint | undefined {
  const price = pricing.tokenPerNative.get(o.profitToken);
  if (price === undefined) return undefined;
  return (o.gas * pricing.gasPriceWei * price + WAD - 1n) / WAD;
}

/**
 * Best first. With pricing: by profit net of gas, compared in native-token value so that profits in
 * different tokens are comparable; unpriced tokens follow, by raw profit. Without pricing: by raw
 * profit (comparable only within one profit token, which is all a caller without prices can ask).
 * Ties break on cycle id so the order is deterministic.
 */
export function rankOpportunities(ops: readonly Opportunity[], pricing?: GasPricing): Opportunity[] {
  const cmpBig = (a: bigint, b: bigint): number => (a > b ? -1 : a < b ? 1 : 0);
  if (pricing === undefined) {
    return [...ops].sort((a, b) => cmpBig(a.profit, b.profit) || a.cycleId - b.cycleId);
  }
  // Net value in wei of native token, scaled by 1e18 to keep precision: net * 1e18 / price.
  const value = new Map<Opportunity, bigint | undefined>();
  for (const o of ops) {
    const price = pricing.tokenPerNative.get(o.profitToken);
    const cost = gasCostInProfitToken(o, pricing);
    const priced = price !== undefined && price > 0n && cost !== undefined;
    value.set(o, !priced ? undefined : ((o.profit - (cost as bigint)) * WAD) / (price as bigint));
  }
  return [...ops].sort((a, b) => {
    const va = value.get(a);
    const vb = value.get(b);
    if (va !== undefined && vb !== undefined) return cmpBig(va, vb) || a.cycleId - b.cycleId;
    if (va !== undefined) return -1;
    if (vb !== undefined) return 1;
    return cmpBig(a.profit, b.profit) || a.cycleId - b.cycleId;
  });
}
