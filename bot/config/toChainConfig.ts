/**
 * Converts a schema-valid config file into the engine's ChainConfig: decimal strings scaled to
 * bigint, token symbols looked up in baseTokens, defaults applied. Cross-field problems (unknown
 * symbols, duplicate tokens, too many decimals) become the same one-line UsageError as schema ones.
 */
import { normaliseAddress, quote, scaleDecimal } from "./fields";
import { configError } from "./configError";
import type { ConfigFile } from "./schema";
import type { ChainConfig, TokenInfo, Venue } from "./types";
import { DEFAULT_BREAKER, DEFAULT_LIMITS, USD_DECIMALS } from "../decide/risk/limits";
import type { RiskLimits } from "../decide/risk/limits";

export const DEFAULT_JOURNAL_PATH = "./data/omni-arb.sqlite";

function usd(source: string, path: PropertyKey[], text: string | undefined, fallback: bigint): bigint {
  if (text === undefined) return fallback;
  const value = scaleDecimal(text, USD_DECIMALS);
  if (value === undefined) throw configError(source, path, `too many decimal places (${quote(text)})`);
  return value;
}

function tokenMap(
  source: string,
  path: PropertyKey[],
  amounts: Record<string, string> | undefined,
  tokens: readonly TokenInfo[],
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [key, text] of Object.entries(amounts ?? {})) {
    const asAddress = normaliseAddress(key);
    const token =
      "address" in asAddress
        ? tokens.find((t) => t.address === asAddress.address)
        : tokens.find((t) => t.symbol === key);
    if (token === undefined) {
      throw configError(source, [...path, key], `unknown token ${quote(key)} (not in baseTokens)`);
    }
    const value = scaleDecimal(text, token.decimals);
    if (value === undefined) {
      throw configError(source, [...path, key], `more than ${token.decimals} decimals for ${token.symbol}`);
    }
    out.set(token.address, value);
  }
  return out;
}

function limitsOf(file: ConfigFile, source: string, tokens: readonly TokenInfo[]): RiskLimits {
  const l = file.limits;
  const b = l.breaker ?? {};
  const gwei = l.maxGasPriceGwei === undefined ? undefined : scaleDecimal(l.maxGasPriceGwei, 9);
  if (gwei === undefined && l.maxGasPriceGwei !== undefined) {
    throw configError(source, ["limits", "maxGasPriceGwei"], "more than 9 decimal places");
  }
  return {
    minNetProfitUsd: usd(
      source,
      ["limits", "minNetProfitUsd"],
      l.minNetProfitUsd,
      DEFAULT_LIMITS.minNetProfitUsd,
    ),
    minNetProfit: tokenMap(source, ["limits", "minNetProfit"], l.minNetProfit, tokens),
    minGasReturnBps:
      l.minGasReturn === undefined
        ? DEFAULT_LIMITS.minGasReturnBps
        : BigInt(Math.round(l.minGasReturn * 10_000)),
    maxTradeUsd: usd(source, ["limits", "maxTradeUsd"], l.maxTradeUsd, DEFAULT_LIMITS.maxTradeUsd),
    maxTrade: tokenMap(source, ["limits", "maxTrade"], l.maxTrade, tokens),
    maxLoan: tokenMap(source, ["limits", "maxLoan"], l.maxLoan, tokens),
    maxGasPriceWei: gwei ?? DEFAULT_LIMITS.maxGasPriceWei,
    allowTokens: l.allowTokens === undefined ? undefined : new Set(l.allowTokens),
    denyTokens: new Set(l.denyTokens ?? []),
    dailyLossBudgetUsd: usd(
      source,
      ["limits", "dailyLossBudgetUsd"],
      l.dailyLossBudgetUsd,
      DEFAULT_LIMITS.dailyLossBudgetUsd,
    ),
    perTradeLossCapUsd: usd(
      source,
      ["limits", "perTradeLossCapUsd"],
      l.perTradeLossCapUsd,
      DEFAULT_LIMITS.perTradeLossCapUsd,
    ),
    breaker: {
      maxConsecutiveFailures: b.maxConsecutiveFailures ?? DEFAULT_BREAKER.maxConsecutiveFailures,
      window: b.window ?? DEFAULT_BREAKER.window,
      minSuccessRateBps:
        b.minSuccessRate === undefined
          ? DEFAULT_BREAKER.minSuccessRateBps
          : Math.round(b.minSuccessRate * 10_000),
      minSamples: b.minSamples ?? DEFAULT_BREAKER.minSamples,
      coolDownMs: b.coolDownSeconds === undefined ? DEFAULT_BREAKER.coolDownMs : b.coolDownSeconds * 1000,
    },
    killSwitchFile: l.killSwitchFile ?? DEFAULT_LIMITS.killSwitchFile,
    quarantineMs:
      l.quarantineSeconds === undefined ? DEFAULT_LIMITS.quarantineMs : l.quarantineSeconds * 1_000,
  };
}

function checkUnique(source: string, tokens: readonly TokenInfo[], venues: readonly Venue[]): void {
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    for (const key of [`symbol:${t.symbol}`, `address:${t.address}`]) {
      if (seen.has(key))
        throw configError(source, ["baseTokens", i], `duplicate token ${quote(key.split(":")[1])}`);
      seen.add(key);
    }
  });
  const names = new Set<string>();
  venues.forEach((v, i) => {
    if (names.has(v.name))
      throw configError(source, ["venues", i, "name"], `duplicate venue name ${quote(v.name)}`);
    names.add(v.name);
  });
}

export function toChainConfig(file: ConfigFile, source: string): ChainConfig {
  const venues: Venue[] = file.venues.map((v) =>
    v.kind === "uniswap-v2"
      ? { ...v, router: v.router }
      : {
          name: v.name,
          kind: v.kind,
          factory: v.factory,
          poolDeployer: v.poolDeployer,
          router: v.router,
          quoter: v.quoter,
          initCodeHash: v.initCodeHash,
          feeTiers: [...v.feeTiers],
        },
  );
  const baseTokens: TokenInfo[] = file.baseTokens.map((t) => ({ ...t }));
  checkUnique(source, baseTokens, venues);
  const minLiquidityUsd = usd(source, ["discovery", "minLiquidityUsd"], file.discovery.minLiquidityUsd, 0n);
  return {
    source,
    name: file.name,
    chainId: file.chainId,
    rpc: { http: file.rpc.http, ws: file.rpc.ws },
    venues,
    baseTokens,
    wrappedNative: file.wrappedNative,
    flash: {
      aavePool: file.flash.aavePool,
      aaveFeeBps: file.flash.aaveFeeBps,
      balancerVault: file.flash.balancerVault,
    },
    multicall3: file.multicall3,
    executor: file.executor,
    limits: limitsOf(file, source, baseTokens),
    submission: {
      kind: file.submission.kind,
      relays: [...file.submission.relays],
      builderPayment: file.submission.builderPayment,
      blocksAhead: file.submission.blocksAhead,
    },
    journalPath: file.journal?.path ?? DEFAULT_JOURNAL_PATH,
    discovery: {
      tokenAllowList:
        file.discovery.tokenAllowList === undefined ? undefined : new Set(file.discovery.tokenAllowList),
      minLiquidityUsd,
      fromBlock: file.discovery.fromBlock,
      logSpan: file.discovery.logSpan,
    },
  };
}
