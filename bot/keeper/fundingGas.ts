import type { FundingKind } from "../risk/types";

/**
 * Gas the funding source adds over an inventory-funded plan, and what a coinbase tip adds, as
 * measured by `npm run bench:gas` on the devnet (test/executor/gas-snapshot.json):
 * v2v2_inventory 135,659; v2v2_flashswap 137,647; v2v2_balancer 169,238; v2v2_aave 256,910;
 * v2v2_inventory_tip 152,410. Rounded up to the next thousand so costs are never understated.
 */
export const FUNDING_GAS_OVERHEAD: Readonly<Record<FundingKind, bigint>> = {
  inventory: 0n,
  "v2-flash-swap": 2_000n,
  // The V3 flash replaces the first hop's transfer with the callback's: about an inventory hop.
  "v3-flash": 0n,
  balancer: 34_000n,
  aave: 122_000n,
};

export const TIP_GAS_OVERHEAD = 17_000n;
