import type { Wallet } from "ethers";
import { Interface } from "ethers";
import type { ChainRpc } from "../chain/chainRpc";
import { PollingHeadSource, WsHeadSource, type HeadSource } from "../chain/headStream";
import type { ChainConfig } from "../config/types";
import { OmniArbError, UsageError } from "../core/errors";
import { readExecutorLenders, reconcileLenders } from "../execute/executorLenders";
import type { JournalPort } from "../journal/port";
import { SqliteJournal } from "../journal/sqlite/sqliteJournal";
import type { CostModel } from "../chains/costModel";
import { costModelFor } from "../chains/registry";
import { KillSwitch } from "./killSwitch";
import type { FundingKind } from "../chains/costModel";
import type { PoolDescriptor } from "../venues/common/venue";
import { StateSync } from "../state/stateSync";
import { KeeperEvents } from "../events/keeperEvents";
import { Keeper, type KeeperSettings } from "../pipeline/keeper";
import { checkChainId } from "./connectChain";
import {
  discoverConfiguredPools,
  factoryIndexOf,
  minLiquidityAdmission,
  syncLimitsOf,
  usdAnchorOf,
} from "./configuredPools";
import { EthCallSimulator } from "../decide/simulator";
import type { Submitter } from "../execute/submitter";

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
  readonly journal: JournalPort;
  readonly costModel: CostModel;
  readonly heads: HeadSource;
  readonly killSwitch: KillSwitch;
  readonly pools: PoolDescriptor[];
  readonly sync: StateSync;
}

/**
 * Everything the keeper needs, built from one validated config: pools discovered from the
 * venues' factories (from `discovery.fromBlock`), state sync leaving out pools below
 * `discovery.minLiquidityUsd` (at start and when discovered live), simulator, journal, kill switch. Checks at start that the node
 * is the configured chain and that the executor has code: a misconfigured keeper stops before it
 * decides anything.
 */
export async function assembleKeeper(o: AssembleOptions): Promise<AssembledKeeper> {
  const { config, rpc } = o;
  await checkChainId(rpc, config);
  if (!config.executor)
    throw new UsageError("NO_EXECUTOR", `${config.source}: executor: no executor address configured`);
  if ((await rpc.code(config.executor)) === "0x") {
    throw new UsageError(
      "EXECUTOR_NO_CODE",
      `${config.source}: executor: no contract at ${config.executor} on chain ${config.chainId}`,
    );
  }
  // The lenders are the executor's immutables: plan with those, and stop on a config naming others.
  const lenders = reconcileLenders(
    { aavePool: config.flash.aavePool, balancerVault: config.flash.balancerVault },
    await readExecutorLenders(rpc, config.executor, config.source),
    config.executor,
    config.source,
  );

  const head = await rpc.headerByNumber("latest");
  const admission = minLiquidityAdmission(config);
  const pools = await discoverConfiguredPools(config, rpc, head.number);

  const journal: JournalPort = SqliteJournal.open(config.journalPath);
  const costModel = costModelFor(config.chainId);
  const errors = o.executorAbi ? new Interface(o.executorAbi as never) : undefined;
  const killSwitch = new KillSwitch(config.limits.killSwitchFile);
  const events = o.events ?? new KeeperEvents();
  const sync = new StateSync(rpc, {
    discovery: factoryIndexOf(config),
    admission,
    limits: syncLimitsOf(config),
  });
  const usdAnchor = usdAnchorOf(config);
  const callbackOf = new Map(
    config.venues.flatMap((v) =>
      "callback" in v ? [[v.name, V2_CALLBACK_SELECTORS[v.callback]] as const] : [],
    ),
  );
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
      balancerVault: lenders.balancerVault,
      aavePool: lenders.aavePool,
      aaveFeeBps: config.flash.aaveFeeBps,
      allowed: allowed.filter(
        (k) => (k !== "balancer" || lenders.balancerVault) && (k !== "aave" || lenders.aavePool),
      ),
    },
    // By the pool's venue, looked up when asked: pools discovered live get their venue's callback too.
    v2Callback: (pool) =>
      callbackOf.get(sync.store.descriptor(pool)?.venue ?? "") ?? V2_CALLBACK_SELECTORS.uniswapV2Call,
  };
  const keeper = new Keeper(settings, {
    rpc,
    sync,
    simulator: new EthCallSimulator(rpc, errors),
    submitter: o.submitter,
    journal,
    killSwitch: () => killSwitch.state(),
    events,
    costModel,
    errors,
  });
  const heads =
    o.heads ??
    (config.rpc.ws
      ? new WsHeadSource(config.rpc.ws)
      : new PollingHeadSource(() => rpc.headerByNumber("latest"), o.pollMs ?? 1_000));
  return { keeper, journal, heads, killSwitch, pools, sync, costModel };
}

export class KeeperStartError extends OmniArbError {
  override readonly name = "KeeperStartError";
}
