import type { Address } from "../core/address";
import type { ChainRpc } from "../chain/chainRpc";
import type { ChainConfig, TokenInfo } from "../config/types";
import { UsageError } from "../core/errors";
import { discoverPools } from "../state/discoverPools";
import { FactoryIndex } from "../state/factoryIndex";
import { poolsBelow } from "../state/liquidity";
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from "../venues/common/syncLimits";
import type { FactoryConfig } from "../venues/common/venue";
import type { PoolDescriptor } from "../venues/common/venue";
import type { PoolAdmission } from "../state/stateSync";
import { poolPrices } from "../prices/poolPrices";

/**
 * The pools a config asks for, shared by the keeper and `omni-arb scan --config`: the venues'
 * factories, the token rule, the first block to read factory logs from, and the minimum liquidity.
 */

/** The base token profits and liquidity are valued in USD through: USDC first, else any *USD*. */
export function usdAnchorOf(config: ChainConfig): TokenInfo | undefined {
  return (
    config.baseTokens.find((t) => /^USDC/i.test(t.symbol)) ??
    config.baseTokens.find((t) => /USD/i.test(t.symbol))
  );
}

function acceptTokens(config: ChainConfig): (a: Address, b: Address) => boolean {
  const allow = config.discovery.tokenAllowList;
  return (a, b) => (allow ? allow.has(a) && allow.has(b) : true);
}

/** The venues' factories, indexed for discovery, with the config's token rule. */
export function factoryIndexOf(config: ChainConfig): FactoryIndex {
  const factories: FactoryConfig[] = config.venues.map((v) => ({
    venue: v.name,
    kind: v.kind,
    factory: v.factory,
    feeBps: "feeBps" in v ? v.feeBps : undefined,
  }));
  return new FactoryIndex(factories, acceptTokens(config));
}

/** Every pool the venues' factories created from `discovery.fromBlock` to `toBlock`, token rule applied. */
export async function discoverConfiguredPools(
  config: ChainConfig,
  rpc: ChainRpc,
  toBlock: number,
): Promise<PoolDescriptor[]> {
  return await discoverPools(rpc, factoryIndexOf(config), {
    fromBlock: config.discovery.fromBlock,
    toBlock,
    span: config.discovery.logSpan,
  });
}

/** The state readers' limits, with the config's eth_getLogs span for the young V3 pools' Mint logs. */
export function syncLimitsOf(config: ChainConfig): SyncLimits {
  return { ...DEFAULT_SYNC_LIMITS, logSpan: config.discovery.logSpan };
}

/**
 * The minimum-liquidity rule (`discovery.minLiquidityUsd`) as a StateSync admission: pools valued
 * below it (bot/state/liquidity.ts) are not watched. Tokens are priced from the pools themselves
 * (the candidates and those already watched), through the USD base token. Undefined when the rule
 * is off (0); a UsageError when it is on and no base token is a USD stablecoin.
 */
export function minLiquidityAdmission(config: ChainConfig): PoolAdmission | undefined {
  const minUsd = config.discovery.minLiquidityUsd;
  if (minUsd <= 0n) return undefined;
  const anchor = usdAnchorOf(config);
  if (!anchor) {
    throw new UsageError(
      "NO_USD_BASE",
      `${config.source}: discovery.minLiquidityUsd: no USD stablecoin in baseTokens to value liquidity in`,
    );
  }
  const usd = { token: anchor.address, decimals: anchor.decimals };
  return {
    rejects: (candidates, watched) => {
      const { prices } = poolPrices([...watched, ...candidates], usd, config.wrappedNative);
      return poolsBelow(candidates, prices, minUsd);
    },
  };
}
