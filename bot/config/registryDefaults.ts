/**
 * Defaults for the six supported chains, from bot/config/registry/chains.json (copied from the
 * project's public-source registry, Base sourced separately; every entry's source and verification
 * status is listed in bot/config/registry/SOURCES.md). Only venues marked `default` and only entries whose status is
 * not unverified or partially verified are offered; a config file may still name anything itself.
 */
import { VENUE_KINDS } from "./schema";
import registry from "./registry/chains.json";

interface Sourced {
  readonly address: string;
  readonly status: string;
}

interface RegistryVenue {
  readonly name: string;
  readonly kind: string;
  /** Absent for a singleton venue (Uniswap V4's PoolManager), which is never a default. */
  readonly factory?: string;
  readonly poolDeployer?: string;
  readonly router?: string | null;
  readonly quoterV2?: string;
  readonly initCodeHash?: string;
  readonly feeBps?: number;
  readonly feeTiers?: number[];
  readonly callback?: string;
  readonly default: boolean;
  readonly fieldSources: Record<string, { status: string }>;
}

export interface RegistryChain {
  readonly name: string;
  readonly slug: string;
  readonly blockTimeMs: number;
  readonly tokens: readonly (Sourced & { symbol: string; decimals: number })[];
  readonly wrappedNative: Sourced;
  readonly multicall3: Sourced;
  readonly aaveV3Pool: Sourced;
  readonly balancerV2Vault: Sourced;
  readonly venues: readonly RegistryVenue[];
  readonly relays: readonly { name: string; url: string; status: string }[];
}

const chains = registry as unknown as Record<string, RegistryChain>;

/** True when the registry's status allows an entry to be shipped as a default. */
export function isShippable(status: string): boolean {
  return !/^(unverified|partially)/i.test(status);
}

export function registryChain(chainId: number): RegistryChain | undefined {
  return chains[String(chainId)];
}

function ok(entry: Sourced): string | undefined {
  return isShippable(entry.status) ? entry.address : undefined;
}

function venueDefaults(venue: RegistryVenue): Record<string, unknown> | undefined {
  if (!venue.default) return undefined;
  if (!(VENUE_KINDS as readonly string[]).includes(venue.kind)) return undefined;
  if (Object.values(venue.fieldSources).some((s) => !isShippable(s.status))) return undefined;
  const common = {
    name: venue.name,
    kind: venue.kind,
    factory: venue.factory,
    initCodeHash: venue.initCodeHash,
  };
  const router = venue.router ?? undefined;
  if (venue.kind === "uniswap-v2")
    return { ...common, router, feeBps: venue.feeBps, callback: venue.callback };
  return {
    ...common,
    poolDeployer: venue.poolDeployer,
    router,
    quoter: venue.quoterV2,
    feeTiers: venue.feeTiers,
  };
}

/**
 * The config-file sections a known chain may leave out, in the file format. Unknown chains get
 * nothing (their config must be complete).
 */
export function registryDefaults(chainId: number): Record<string, unknown> {
  const chain = registryChain(chainId);
  if (chain === undefined) return {};
  return {
    venues: chain.venues.map(venueDefaults).filter((v) => v !== undefined),
    baseTokens: chain.tokens
      .filter((t) => isShippable(t.status))
      .map((t) => ({ symbol: t.symbol, address: t.address, decimals: t.decimals })),
    wrappedNative: ok(chain.wrappedNative),
    flash: { aavePool: ok(chain.aaveV3Pool), balancerVault: ok(chain.balancerV2Vault) },
    multicall3: ok(chain.multicall3),
  };
}
