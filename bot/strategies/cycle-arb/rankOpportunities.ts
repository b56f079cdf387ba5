import type { Opportunity } from "../opportunity";
import type { GasPricing } from "../strategy";

const WAD = 10n ** 18n;

/** Gas cost of an opportunity in its profit token, or undefined without a price for it. */
export function gasCostInProfitToken(o: Opportunity, pricing: GasPricing): bigint | undefined {
  const price = pricing.tokenPerNative.get(o.profitToken);
  if (price === undefined) return undefined;
  return (o.gas * pricing.gasPriceWei * price + WAD - 1n) / WAD;
}

/**
 * What an opportunity is ranked by: with pricing and a price for its token, its profit net of gas
 * in native-token value scaled by 1e18 (net * 1e18 / price); otherwise (`priced` false) its raw
 * profit. Priced keys rank before unpriced ones.
 */
export interface RankKey {
  readonly priced: boolean;
  readonly value: bigint;
}

export function rankKey(o: Opportunity, pricing?: GasPricing): RankKey {
  if (pricing === undefined) return { priced: true, value: o.profit };
  const price = pricing.tokenPerNative.get(o.profitToken);
  const cost = gasCostInProfitToken(o, pricing);
  if (price === undefined || price <= 0n || cost === undefined) return { priced: false, value: o.profit };
  return { priced: true, value: ((o.profit - cost) * WAD) / price };
}

/** Negative when `a` ranks before `b`: priced first, larger value first, ties on cycle id. */
export function compareRanked(a: Opportunity, ka: RankKey, b: Opportunity, kb: RankKey): number {
  if (ka.priced !== kb.priced) return ka.priced ? -1 : 1;
  if (ka.value !== kb.value) return ka.value > kb.value ? -1 : 1;
  return a.cycleId - b.cycleId;
}

/**
 * Best first. With pricing: by profit net of gas, compared in native-token value so that profits in
 * different tokens are comparable; unpriced tokens follow, by raw profit. Without pricing: by raw
 * profit (comparable only within one profit token, which is all a caller without prices can ask).
 * Ties break on cycle id so the order is deterministic.
 */
export function rankOpportunities(ops: readonly Opportunity[], pricing?: GasPricing): Opportunity[] {
  const keys = new Map<Opportunity, RankKey>();
  for (const o of ops) keys.set(o, rankKey(o, pricing));
  return [...ops].sort((a, b) => compareRanked(a, keys.get(a)!, b, keys.get(b)!));
}
