import type { FundingKind } from "../risk/types";

/**
 * Gas the funding source adds over an inventory-funded plan, and what a coinbase tip adds, as
 * measured by `npm run bench:gas` on the devnet (test/executor/gas-snapshot.json; checked by
 * test/strategy/gasModel.test.ts): v2v2_inventory 135,180; v2v2_flashswap 136,930 (+1,750);
 * v2v2_balancer 168,654 (+33,474); v2v2_aave 255,079 (+119,899); v2v2_inventory_tip 152,214
 * (+17,034). Rounded up to the next hundred so costs are never understated.
 */
export const FUNDING_GAS_OVERHEAD: Readonly<Record<FundingKind, bigint>> = {
  inventory: 0n,
  "v2-flash-swap": 1_800n,
  // The V3 flash replaces the first hop's transfer with the callback's: the V3 hop figure of the
  // gas model is measured on exactly this funding (v3v2_v3flash).
  "v3-flash": 0n,
  balancer: 33_500n,
  aave: 119_900n,
};

export const TIP_GAS_OVERHEAD = 17_100n;
