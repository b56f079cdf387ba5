import type { FundingKind } from "./costModel";

/**
 * Gas the funding source adds over an inventory-funded plan, and what a coinbase tip adds, as
 * measured by `npm run bench:gas` on the devnet (test/executor/gas-snapshot.json; checked by
 * test/strategy/gasModel.test.ts): v2v2_inventory 134,812; v2v2_flashswap 136,388 (+1,576);
 * v2v2_balancer 166,659 (+31,847); v2v2_aave 254,486 (+119,674); v2v2_inventory_tip 151,826
 * (+17,014). Rounded up to the next hundred so costs are never understated.
 */
export const FUNDING_GAS_OVERHEAD: Readonly<Record<FundingKind, bigint>> = {
  inventory: 0n,
  "v2-flash-swap": 1_600n,
  // The V3 flash replaces the first hop's transfer with the callback's: the V3 hop figure of the
  // gas model is measured on exactly this funding (v3v2_v3flash).
  "v3-flash": 0n,
  balancer: 31_900n,
  aave: 119_700n,
};

export const TIP_GAS_OVERHEAD = 17_100n;
