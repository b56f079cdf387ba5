import fs from "node:fs";
import path from "node:path";
import { JsonRpcProvider, Wallet } from "ethers";
import pino, { type Logger } from "pino";
import { PollingHeadSource } from "../../chain/headStream";
import { parseConfig } from "../../config/loadConfig";
import { KeeperEvents } from "../../events/keeperEvents";
import { hardhatTestWallet } from "./devAccounts";
import { poolPrices } from "../../prices/poolPrices";
import { runKeeper, type RunningKeeper } from "../../app/runKeeper";
import { startDevnetRelay, type DevnetRelay } from "../relay/devnetRelay";
import { readDevnetAddresses } from "./addresses";
import { setUpDemoMarket, type DemoMarket } from "./demoMarket";
import type { NaiveSearcher } from "./naiveSearcher";
import { setUpNaiveSearcher } from "./naiveSearcherSetUp";
import { deployDevnet, setAutomine, startDemoNode, type DemoNode } from "./demoNode";
import { DemoTally, type DemoSummary } from "./demoSummary";

const ROOT = path.join(__dirname, "..", "..", "..");

export interface DemoOptions {
  /** Stop after this many blocks (default: run until stopped). */
  readonly blocks?: number;
  readonly seed: number;
  /** Dashboard port on 127.0.0.1 (0 = any free port). */
  readonly port: number;
  readonly blockIntervalMs: number;
  /** Progress and per-block status lines (the terminal); never the JSON summary. */
  readonly print: (line: string) => void;
  readonly log?: Logger;
  /** Leave out the competing searcher. */
  readonly noCompetitor?: boolean;
}

export interface RunningDemo {
  readonly dashboardUrl: string;
  readonly nodeUrl: string;
  readonly relayUrl: string;
  readonly events: KeeperEvents;
  /** Resolves after `blocks` blocks (never, without a limit). */
  readonly finished: Promise<void>;
  stop(): Promise<DemoSummary>;
}

/**
 * `npm start`: a live arbitrage desk on a local chain with the same code paths as production. A
 * Hardhat node carrying the protocols' real bytecode, the devnet relay building a block every
 * interval from the public mempool and Flashbots bundles, a market of noise traders and a naive
 * competing searcher, and the keeper with its dashboard. Only the configuration is the devnet's.
 */
export async function runDemo(o: DemoOptions): Promise<RunningDemo> {
  const log = o.log ?? pino({ level: "silent" });
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    o.print("starting a local Hardhat node ...");
    const node: DemoNode = await startDemoNode();
    cleanups.push(() => node.stop());
    // The builder simulates on a second node forked from the first, so the chain everyone
    // follows only ever shows sealed blocks (docs/relay.md, "Where simulations run").
    const simNode: DemoNode = await startDemoNode();
    cleanups.push(() => simNode.stop());
    o.print(
      `node ${node.url}; deploying Uniswap V2 x2, Uniswap V3, Aave V3, Balancer V2 and ArbExecutor from npm bytecode ...`,
    );
    await deployDevnet(node);
    const addresses = readDevnetAddresses(path.join(ROOT, "deployments"), "demo");
    const provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, batchStallTime: 1 });
    cleanups.push(async () => provider.destroy());
    o.print(
      `seeding the market (seed ${o.seed}): extra tokens and pools on every venue, funding traders ...`,
    );
    const traders = [3, 4, 5, 6, 7, 8].map((i) => hardhatTestWallet(i).connect(provider));
    // The market's set-up waits for receipts: mine as it goes, the relay takes over after.
    const market: DemoMarket = await setUpDemoMarket({
      provider,
      addresses,
      seed: o.seed,
      deployer: hardhatTestWallet(0).connect(provider),
      traders,
      searcher: undefined,
    });
    await setAutomine(node, false);
    const relay: DevnetRelay = await startDevnetRelay({
      rpcUrl: node.url,
      simRpcUrl: simNode.url,
      port: 0,
      intervalMs: o.blockIntervalMs,
      logger: log,
    });
    cleanups.push(() => relay.close());
    let competitor: NaiveSearcher | undefined;
    if (!o.noCompetitor) {
      o.print("deploying the competing naive searcher ...");
      competitor = await setUpCompetitor(provider, addresses, market, relay);
    }

    const raw = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "devnet.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const dataDir = path.join(ROOT, "data", "demo");
    fs.mkdirSync(dataDir, { recursive: true });
    const journal = path.join(dataDir, `omni-arb-demo-${Date.now()}.sqlite`);
    const config = parseConfig(
      {
        ...raw,
        rpc: { http: node.url, ws: node.wsUrl },
        deployments: { network: "demo" },
        submission: { ...(raw.submission as object), relays: [relay.url] },
        journal: { path: journal },
        limits: { ...(raw.limits as object), killSwitchFile: path.join(dataDir, "KILL") },
      },
      "config/devnet.json (demo)",
      { deploymentsDir: path.join(ROOT, "deployments") },
    );
    const events = new KeeperEvents();
    const usdc = config.baseTokens.find((t) => t.symbol === "USDC")!;
    const anchor = { token: usdc.address, decimals: usdc.decimals };
    const keeperRef: { current?: RunningKeeper } = {};
    // Profits in tokens other than WETH are valued in wei at the pools' own prices when they land.
    const tally = new DemoTally(events, config.wrappedNative, (token, amount) => {
      if (!keeperRef.current) return undefined;
      const { tokenPerNative } = poolPrices(
        keeperRef.current.assembled.sync.store.all(),
        anchor,
        config.wrappedNative,
      );
      const perNative = tokenPerNative.get(token);
      return perNative === undefined || perNative === 0n ? undefined : (amount * 10n ** 18n) / perNative;
    });
    o.print("starting the keeper ...");
    const keeper: RunningKeeper = await runKeeper({
      config,
      secrets: { operator: hardhatTestWallet(1), signer: new Wallet(Wallet.createRandom().privateKey) },
      log,
      dashboardPort: o.port,
      events,
      priorityFeeWei: 1_000_000n,
    });
    keeperRef.current = keeper;
    cleanups.push(() => keeper.stop());
    const dashboardUrl = keeper.dashboard?.url ?? "";
    o.print(
      `dashboard: ${dashboardUrl}   (relay ${relay.url}, node ${node.url}, journal ${path.relative(ROOT, journal)})`,
    );

    let resolveFinished: () => void = () => undefined;
    const finished = new Promise<void>((r) => (resolveFinished = r));
    let firstBlock: number | undefined;
    let lastBlock = 0;
    const heads = new PollingHeadSource(
      async () => {
        const b = await provider.getBlock("latest");
        return { number: b!.number, hash: b!.hash!, parentHash: b!.parentHash };
      },
      Math.max(50, Math.floor(o.blockIntervalMs / 5)),
    );
    heads.start((h) => {
      firstBlock ??= h.number;
      lastBlock = h.number;
      const mined = h.number - firstBlock;
      // The rival bids for the next block from this block's state, then the traders move prices.
      (competitor ? competitor.step(h.number) : Promise.resolve(undefined))
        .then(() => market.onHead(h.number))
        .catch((err: unknown) => log.warn({ err }, "market step failed"));
      const s = tally.summary(mined);
      o.print(
        `block ${h.number}  opportunities ${s.opportunities}  submitted ${s.bundles_submitted}  included ${s.bundles_included}  ` +
          `profit ${formatEth(tally.realisedProfitWei)} WETH  block->bundle p50 ${s.block_to_bundle_ms_p50 ?? "-"} ms`,
      );
      if (o.blocks !== undefined && mined >= o.blocks) resolveFinished();
    });
    cleanups.push(() => heads.stop());

    return {
      dashboardUrl,
      nodeUrl: node.url,
      relayUrl: relay.url,
      events,
      finished,
      stop: async () => {
        // Whatever fails while stopping, the nodes and servers are stopped: nothing is left running.
        try {
          await heads.stop();
          await keeper.stop();
        } finally {
          await cleanup();
        }
        return tally.summary(firstBlock === undefined ? 0 : lastBlock - firstBlock);
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function setUpCompetitor(
  provider: JsonRpcProvider,
  addresses: ReturnType<typeof readDevnetAddresses>,
  market: DemoMarket,
  relay: DevnetRelay,
): Promise<NaiveSearcher> {
  // Its set-up sends transactions and waits for them: let the relay mine meanwhile.
  const mining = setInterval(() => void relay.mineNow().catch(() => undefined), 200);
  try {
    const { searcher } = await setUpNaiveSearcher({
      provider,
      addresses,
      owner: hardhatTestWallet(2).connect(provider),
      relayUrl: relay.url,
      tokens: market.market.tokens,
    });
    return searcher;
  } finally {
    clearInterval(mining);
  }
}

function formatEth(wei: bigint): string {
  const neg = wei < 0n;
  const abs = neg ? -wei : wei;
  const whole = abs / 10n ** 18n;
  const frac = (abs % 10n ** 18n).toString().padStart(18, "0").slice(0, 6);
  return `${neg ? "-" : ""}${whole}.${frac}`;
}
