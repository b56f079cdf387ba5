import type { Wallet } from "ethers";
import { Interface } from "ethers";
import type { Address } from "../amm/types";
import type { ChainRpc } from "../chain/chainRpc";
import { PollingHeadSource, WsHeadSource, type HeadSource } from "../chain/headStream";
import type { ChainConfig } from "../config/types";
import { OmniArbError, UsageError } from "../errors";
import { Journal } from "../journal/Journal";
import { KillSwitch } from "../risk/killSwitch";
import type { FundingKind } from "../risk/types";
import { discoverPools, type VenueFactory } from "../state/discoverPools";
import type { PoolDescriptor } from "../state/poolDescriptor";
import { StateSync } from "../state/stateSync";
import { KeeperEvents } from "./events";
import { Keeper, type KeeperSettings } from "./keeper";
import { EthCallSimulator } from "./simulator";
import type { Submitter } from "./submitter";

/** The V2 flash-swap callbacks by name: the selector the pair calls on the receiver. */
const V2_CALLBACK_SELECTORS: Record<string, string> = {
  uniswapV2Call: "0x10d1e85c",
  pancakeCall: "0x84800812",
};

export interface AssembleOptions {
  readonly config: ChainConfig;
  readonly rpc: ChainRpc;
  readonly operator: Wallet;
  readonly submitter: Submitter;
  /** The executor's custom errors, to explain simulation reverts. */
  readonly executorAbi?: readonly unknown[];
  readonly events?: KeeperEvents;
  /** Head stream; default: WebSocket when the config has one, else HTTP polling. */
  readonly heads?: HeadSource;
  readonly pollMs?: number;
  readonly maxSubmissionsPerBlock?: number;
  readonly priorityFeeWei?: bigint;
}

export interface AssembledKeeper {
  readonly keeper: Keeper;
  readonly journal: Journal;
  readonly heads: HeadSource;
  readonly killSwitch: KillSwitch;
  readonly pools: PoolDescriptor[];
  readonly sync: StateSync;
}

/**
 * Everything the keeper needs, built from one validated config: pools discovered from the
 * venues' factories, state sync, simulator, journal, kill switch. Checks at start that the node
 * is the configured chain and that the executor has code: a misconfigured keeper stops before it
 * decides anything.
 */
export async function assembleKeeper(o: AssembleOptions): Promise<AssembledKeeper> {
  const { config, rpc } = o;
  const chainId = await rpc.chainId();
  if (chainId !== BigInt(config.chainId)) {
    throw new UsageError(
      "CHAIN_ID_MISMATCH",
      `${config.source}: chainId is ${config.chainId} but ${config.rpc.http} is chain ${chainId}`,
    );
  }
  if (!config.executor)
    throw new UsageError("NO_EXECUTOR", `${config.source}: executor: no executor address configured`);
  if ((await rpc.code(config.executor)) === "0x") {
    throw new UsageError(
      "EXECUTOR_NO_CODE",
      `${config.source}: executor: no contract at ${config.executor} on chain ${chainId}`,
    );
  }

  const head = await rpc.headerByNumber("latest");
  const allow = config.discovery.tokenAllowList;
  const venues: VenueFactory[] = config.venues.map((v) =>
    v.kind === "uniswap-v2"
      ? { venue: v.name, factory: v.factory, kind: v.kind, feeBps: v.feeBps }
      : { venue: v.name, factory: v.factory, kind: v.kind },
  );
  const pools = await discoverPools(rpc, venues, {
    fromBlock: 0,
    toBlock: head.number,
    span: 100_000,
    accept: (a, b) => (allow ? allow.has(a) && allow.has(b) : true),
  });

  const journal = Journal.open(config.journalPath);
  const killSwitch = new KillSwitch(config.limits.killSwitchFile);
  const events = o.events ?? new KeeperEvents();
  const sync = new StateSync(rpc, {
    discovery: {
      v2Factories: new Map(
        config.venues.flatMap((v) =>
          v.kind === "uniswap-v2" ? [[v.factory, { venue: v.name, feeBps: v.feeBps }] as const] : [],
        ),
      ),
      v3Factories: new Map(
        config.venues.flatMap((v) =>
          v.kind === "uniswap-v3" ? [[v.factory, { venue: v.name }] as const] : [],
        ),
      ),
      accept: (a, b) => (allow ? allow.has(a) && allow.has(b) : true),
    },
  });
  const callbackOf = new Map<Address, string>();
  const usdAnchor =
    config.baseTokens.find((t) => /^USDC/i.test(t.symbol)) ??
    config.baseTokens.find((t) => /USD/i.test(t.symbol));
  if (!usdAnchor)
    throw new UsageError(
      "NO_USD_BASE",
      `${config.source}: baseTokens: no USD stablecoin to value profits in`,
    );
  const allowed: FundingKind[] = ["v2-flash-swap", "v3-flash", "balancer", "aave"];
  const settings: KeeperSettings = {
    chainId: config.chainId,
    executor: config.executor,
    operator: (await o.operator.getAddress()).toLowerCase(),
    bases: config.baseTokens.map((t) => t.address),
    usdAnchor: { token: usdAnchor.address, decimals: usdAnchor.decimals },
    wrappedNative: config.wrappedNative,
    limits: config.limits,
    builderPayment: config.submission.builderPayment,
    submissionKind: config.submission.kind,
    blocksAhead: config.submission.blocksAhead,
    // One operator key, one nonce: of several bundles for one block only one could land, and the
    // others would fail as "state moved". Direct transactions take consecutive nonces.
    maxSubmissionsPerBlock: o.maxSubmissionsPerBlock ?? (config.submission.kind === "flashbots" ? 1 : 3),
    priorityFeeWei: o.priorityFeeWei ?? 0n,
    gasMarginBps: 12_000n,
    funding: {
      balancerVault: config.flash.balancerVault,
      aavePool: config.flash.aavePool,
      aaveFeeBps: config.flash.aaveFeeBps,
      allowed: allowed.filter(
        (k) => (k !== "balancer" || config.flash.balancerVault) && (k !== "aave" || config.flash.aavePool),
      ),
    },
    v2Callback: (pool) => callbackOf.get(pool) ?? V2_CALLBACK_SELECTORS.uniswapV2Call,
  };
  for (const p of pools) {
    if (p.kind !== "uniswap-v2") continue;
    const v = config.venues.find((x) => x.name === p.venue);
    if (v?.kind === "uniswap-v2") callbackOf.set(p.address, V2_CALLBACK_SELECTORS[v.callback]);
  }
  const keeper = new Keeper(settings, {
    rpc,
    sync,
    simulator: new EthCallSimulator(rpc, o.executorAbi ? new Interface(o.executorAbi as never) : undefined),
    submitter: o.submitter,
    journal,
    killSwitch: () => killSwitch.state(),
    events,
  });
  const heads =
    o.heads ??
    (config.rpc.ws
      ? new WsHeadSource(config.rpc.ws)
      : new PollingHeadSource(() => rpc.headerByNumber("latest"), o.pollMs ?? 1_000));
  return { keeper, journal, heads, killSwitch, pools, sync };
}

export class KeeperStartError extends OmniArbError {
  override readonly name = "KeeperStartError";
}
