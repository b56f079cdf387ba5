import type { Address } from "../core/address";
import type { BlockHeader } from "../chain/chainRpc";
import type { ChainConfig } from "../config/types";
import { UsageError } from "../core/errors";
import {
  discoverConfiguredPools,
  minLiquidityAdmission,
  syncLimitsOf,
  usdAnchorOf,
} from "../app/configuredPools";
import { connectChain } from "../app/connectChain";
import { costModelFor } from "../chains/registry";
import { poolPrices } from "../prices/poolPrices";
import type { PoolDescriptor } from "../venues/common/venue";
import { StateSync } from "../state/stateSync";
import { OpportunityEngine } from "../strategies/cycle-arb/engine";
import type { Opportunity } from "../strategies/opportunity";
import { gasCostInProfitToken } from "../strategies/cycle-arb/rankOpportunities";
import type { GasPricing } from "../strategies/strategy";

/** What `omni-arb scan --config` found at one block. */
export interface LiveScan {
  readonly chainId: number;
  readonly block: BlockHeader;
  /** Pools the venues' factories created from `discovery.fromBlock` (token rule applied). */
  readonly discovered: number;
  /** Pools synced and kept: what the engine searched. */
  readonly watched: number;
  /** Pools below `discovery.minLiquidityUsd`. */
  readonly belowMinLiquidity: readonly PoolDescriptor[];
  /** Pools whose state could not be read (no code, V3 not initialised). */
  readonly unreadable: readonly PoolDescriptor[];
  readonly cycles: number;
  /** Best first: by profit net of gas where the profit token has a price, as the keeper ranks. */
  readonly opportunities: readonly Opportunity[];
  /** The gas price opportunities are netted at: the cost model's price for the next block (its base fee). */
  readonly gasPriceWei: bigint;
  /** Gas cost of an opportunity in its profit token, undefined without a price for it. */
  gasCost(o: Opportunity): bigint | undefined;
  venueOf(pool: Address): string | undefined;
}

/**
 * The keeper's view of the chain at one block, read-only: checks the endpoint and chain id,
 * discovers the configured venues' pools, reads them with the keeper's batched readers, leaves
 * out those below the minimum liquidity, and runs the engine once. Needs no key and writes
 * nothing (no journal).
 */
export async function liveScan(config: ChainConfig, options: { block?: number } = {}): Promise<LiveScan> {
  const admission = minLiquidityAdmission(config);
  const { rpc, provider } = await connectChain(config);
  try {
    if (options.block !== undefined) {
      const latest = await rpc.blockNumber();
      if (options.block > latest) {
        throw new UsageError(
          "SCAN_BAD_BLOCK",
          `--block ${options.block}: beyond the chain's head (${latest})`,
        );
      }
    }
    const block = await rpc.headerByNumber(options.block ?? "latest");
    const pools = await discoverConfiguredPools(config, rpc, block.number);
    const sync = new StateSync(rpc, { admission, limits: syncLimitsOf(config) });
    const { unreadable, leftOut } = await sync.start(pools, block);
    const models = [...sync.store.all()];
    const costModel = costModelFor(config.chainId);
    const engine = new OpportunityEngine(models, {
      bases: config.baseTokens.map((t) => t.address),
      swapGas: (kinds) => costModel.swapGas(kinds),
    });
    engine.evaluateAll();
    const anchor = usdAnchorOf(config);
    // The keeper's decision price for the next block, without a priority fee (the scan pays none).
    const gasPriceWei = costModel.fees(block, { priorityFeeWei: 0n, blocks: 1 }).gasPriceWei;
    const pricing: GasPricing | undefined = anchor
      ? {
          gasPriceWei,
          tokenPerNative: poolPrices(
            models,
            { token: anchor.address, decimals: anchor.decimals },
            config.wrappedNative,
          ).tokenPerNative,
        }
      : undefined;
    return {
      chainId: config.chainId,
      block,
      discovered: pools.length,
      watched: models.length,
      belowMinLiquidity: leftOut,
      unreadable,
      cycles: engine.cycles.count,
      opportunities: engine.opportunities(pricing),
      gasPriceWei,
      gasCost: (o) => (pricing ? gasCostInProfitToken(o, pricing) : undefined),
      venueOf: (p) => sync.store.descriptor(p)?.venue,
    };
  } finally {
    provider.destroy();
  }
}
