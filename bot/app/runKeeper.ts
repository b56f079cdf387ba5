import type { Logger } from "pino";
import { Interface, type InterfaceAbi } from "ethers";
import type { KeeperSecrets } from "../config/secrets";
import type { ChainConfig } from "../config/types";
import { startDashboard, type Dashboard } from "../observe/dashboard/server";
import { makeSubmitter } from "../execute/makeSubmitter";
import { isBreakerOpen } from "../decide/risk/breaker";
import { formatUsd } from "../decide/risk/format";
import { createKeeperMetrics } from "../observe/metrics";
import type { StatusSnapshot } from "../observe/status";
import { HeadCollector } from "../collectors/heads";
import { assembleKeeper, type AssembledKeeper } from "./assemble";
import { connectChain } from "./connectChain";
import { KeeperEvents } from "../events/keeperEvents";
import type { PoolDescriptor } from "../venues/common/venue";
import executorAbi from "../plan/ArbExecutor.abi.json";
import { venueOf } from "../venues/registry";

/** How often the cached safety state is read again from the journal without an event. */
const STATUS_REFRESH_MS = 1_000;

export interface RunOptions {
  readonly config: ChainConfig;
  readonly secrets: KeeperSecrets;
  readonly log: Logger;
  /** Decide on the current head once, wait for the outcomes, and return. */
  readonly once?: boolean;
  /** Serve the dashboard and /metrics on this loopback port (0 = any free port). */
  readonly dashboardPort?: number;
  readonly events?: KeeperEvents;
  readonly pollMs?: number;
  readonly maxSubmissionsPerBlock?: number;
  readonly priorityFeeWei?: bigint;
}

export interface RunningKeeper {
  readonly assembled: AssembledKeeper;
  readonly dashboard: Dashboard | undefined;
  readonly events: KeeperEvents;
  /** Stops taking heads, waits for submissions in flight, closes the journal and the dashboard. */
  stop(): Promise<void>;
}

/**
 * The keeper as a running service: checks the chain, discovers and syncs pools, follows heads,
 * decides and submits, logs every decision and outcome (redacted), and serves the dashboard.
 */
export async function runKeeper(o: RunOptions): Promise<RunningKeeper> {
  const { config, log } = o;
  const { rpc, provider } = await connectChain(config);
  const errors = new Interface(executorAbi as InterfaceAbi);
  const submitter = await makeSubmitter(config.submission, {
    provider,
    chainId: BigInt(config.chainId),
    operator: o.secrets.operator.connect(provider),
    reputationSigner: o.secrets.signer,
    errors,
  });
  const events = o.events ?? new KeeperEvents();
  const assembled = await assembleKeeper({
    config,
    rpc,
    operator: o.secrets.operator,
    submitter,
    executorAbi: executorAbi as unknown[],
    events,
    pollMs: o.pollMs,
    maxSubmissionsPerBlock: o.maxSubmissionsPerBlock,
    priorityFeeWei: o.priorityFeeWei,
  });
  const { keeper, journal, heads, killSwitch, pools } = assembled;
  logEvents(events, log);

  // Observers (metrics scrapes, the dashboard) read the safety state synchronously: it is kept
  // here, refreshed from the journal at start and whenever an event may have changed it.
  let status: StatusSnapshot = { breakerOpen: false, killSwitch: killSwitch.state().engaged };
  const refresh = async () => {
    const [s, quarantines] = await Promise.all([
      journal.status({ breaker: config.limits.breaker, chainId: config.chainId }),
      journal.quarantines(),
    ]);
    const kill = killSwitch.state();
    status = {
      breakerOpen: isBreakerOpen(s.breaker, Date.now(), config.limits.breaker),
      killSwitch: kill.engaged,
      reason: kill.reason,
      quarantined: quarantines.map((q) => ({ kind: q.kind, address: q.address, reason: q.reason })),
    };
  };
  const refreshQuietly = () =>
    void refresh().catch((err: unknown) => log.warn({ err }, "status refresh failed"));
  await refresh();
  for (const e of ["quarantine", "outcome", "gate"] as const) events.on(e, refreshQuietly);
  // Time alone changes it too: a breaker cools down, a quarantine expires, a kill file appears.
  const ticker = setInterval(refreshQuietly, STATUS_REFRESH_MS);
  ticker.unref();
  const snapshot = (): StatusSnapshot => status;
  let dashboard: Dashboard | undefined;
  if (o.dashboardPort !== undefined) {
    const metrics = createKeeperMetrics(events, { tokens: config.baseTokens, statusSnapshot: snapshot });
    dashboard = await startDashboard({
      events,
      port: o.dashboardPort,
      metrics: metrics.registry,
      tokens: config.baseTokens,
      labels: poolLabels(pools, config),
      statusSnapshot: snapshot,
    });
    log.info({ url: dashboard.url }, "dashboard serving");
  }

  const { head, unreadable, v3Ticks } = await keeper.start(pools);
  const thin = assembled.sync.leftOut.length;
  log.info(
    {
      block: head.number,
      pools: pools.length - unreadable.length - thin,
      unreadable: unreadable.length,
      belowMinLiquidity: thin,
      minLiquidityUsd: formatUsd(config.discovery.minLiquidityUsd),
      fromBlock: config.discovery.fromBlock,
      v3TicksFromMintLogs: v3Ticks.fromMintLogs,
      v3TicksFromBitmap: v3Ticks.fromBitmap,
    },
    `pools synced: ${pools.length - unreadable.length - thin} watched, ${thin} below the minimum liquidity, ${unreadable.length} unreadable`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      clearInterval(ticker);
      await running;
      await keeper.stop();
      await journal.close();
      await dashboard?.close();
      provider.destroy();
    })());

  const abort = new AbortController();
  let running: Promise<void> | undefined;
  if (o.once) {
    await keeper.onHead(head);
    await stop();
  } else {
    const collector = new HeadCollector(heads, {
      onStatus: (s) =>
        s.kind === "connected"
          ? log.info("head stream connected")
          : log.warn({ reason: s.reason, retryInMs: s.retryInMs }, "head stream lost"),
    });
    running = keeper
      .run(collector, abort.signal)
      .catch((err: unknown) => log.error({ err }, "head stream failed"));
  }
  return { assembled, dashboard, events, stop };
}

/** Display names for pools, e.g. "WETH/USDC Uniswap V3 0.05%", from their descriptors and the base tokens' symbols. */
function poolLabels(pools: readonly PoolDescriptor[], config: ChainConfig): Record<string, string> {
  const symbol = (a: string) =>
    config.baseTokens.find((t) => t.address === a)?.symbol ?? `${a.slice(0, 6)}…${a.slice(-4)}`;
  return Object.fromEntries(
    pools.map((p) => {
      const terms = venueOf(p.kind).terms(p);
      return [p.address, `${symbol(p.token0)}/${symbol(p.token1)} ${p.venue}${terms ? ` ${terms}` : ""}`];
    }),
  );
}

function logEvents(events: KeeperEvents, log: Logger): void {
  events.on("decision", (d) =>
    (d.accepted ? log.info : log.debug).call(
      log,
      { block: d.block, key: d.key, code: d.code, profit: d.profit, token: d.profitToken },
      d.message,
    ),
  );
  events.on("attempt", (a) =>
    log.info(
      { key: a.idempotencyKey, relay: a.relay, state: a.state, target: a.targetBlock, error: a.error },
      "submission attempt",
    ),
  );
  events.on("outcome", (o) =>
    log.info({ key: o.key, outcome: o.outcome, predicted: o.predictedProfit }, `outcome: ${o.outcome.kind}`),
  );
  events.on("quarantine", (q) => log.warn(q, "quarantined"));
  events.on("fault", (f) =>
    log.error({ block: f.block, err: f.error }, `block processing failed: ${f.message}`),
  );
}
