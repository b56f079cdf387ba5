import type { CostModel } from "./costModel";
import { Eip1559CostModel } from "./eip1559";

/**
 * The cost model of each chain kind, and the kind of each chain. Every chain the keeper runs on is
 * priced as an EIP-1559 chain without an L1 data fee today. The OP-stack model exists
 * (op-stack/opStackCostModel.ts) but is not registered: the keeper does not yet refresh its L1
 * parameters each block nor net its L1 fee, and a registered model would price OP chains without it
 * (docs/chains.md). Arbitrum's L1 component and the BNB Smart Chain and Polygon fee rules come with
 * the chains issue, each a CostModel registered here (ARCHITECTURE.md, "Add a chain").
 */
const MODELS: Readonly<Record<string, () => CostModel>> = {
  eip1559: () => new Eip1559CostModel(),
};

/** The chain kind of a chain id: every chain is an EIP-1559 chain until its own model exists. */
export function chainKindOf(_chainId: number): string {
  return "eip1559";
}

/** A fresh cost model for a chain. */
export function costModelFor(chainId: number): CostModel {
  return MODELS[chainKindOf(chainId)]();
}
