/**
 * `npm run bench:keeper`: the keeper against a separate Hardhat node over HTTP (real JSON-RPC
 * requests, ethers batching), on the devnet plus enough created pools for POOLS in total
 * (scripts/bench/keeperMarket.ts). Measures:
 *  - sync: Keeper.start(pools), the initial state read of every pool, in ms and HTTP requests
 *    (pool discovery from factory logs is measured apart and NOT included);
 *  - block to decision: with automine off, swaps move MOVES distinct pools (drawn in proportion to
 *    liquidity), one block is mined, its header fetched; from the moment the header is received to
 *    the first simulated, risk-checked, journaled opportunity handed to the submitter (the
 *    keeper's `handedOff` event), or to the end of processing when nothing is handed off.
 * The submitter records the request and resolves "not-included" at once: submission is not part
 * of the measure. Prints a table, then as the last line one JSON object with the figures.
 */
import { Interface, JsonRpcProvider } from "ethers";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { httpChainRpc } from "../../bot/chain/chainRpc";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { KeeperEvents, type KeeperStage } from "../../bot/events/keeperEvents";
import { Keeper, type KeeperSettings } from "../../bot/pipeline/keeper";
import { EthCallSimulator } from "../../bot/decide/simulator";
import type { SubmissionRequest, Submitter } from "../../bot/execute/submitter";
import { discoverPools } from "../../bot/state/discoverPools";
import { FactoryIndex } from "../../bot/state/factoryIndex";
import { bitmapWordRange } from "../../bot/venues/uniswap-v3/reader";
import { StateSync } from "../../bot/state/stateSync";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { startExecWorld, type ExecWorld } from "../../test/exec/world";
import { addressesOf, devnetKeeperSettings, hardhatWallet } from "../../test/keeper/harness";
import { BulkSender, createMarket, depthPrefix, queueSwaps, type MarketAddresses } from "./keeperMarket";
import { Prng } from "./prng";

const POOLS = 1000;
const MOVES = 50;
const WARMUP_BLOCKS = 5;
const BLOCKS = 40;
const SEED = 20_261_125;
/** The account that creates the market and trades (1 is the keeper's operator). */
const TRADER = 3;

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (v: readonly number[]) => (v.length === 0 ? NaN : percentile(v, 0.5));

async function main(): Promise<void> {
  const tStart = performance.now();
  let world: ExecWorld | undefined;
  let journal: SqliteJournal | undefined;
  const cleanups: Array<() => unknown> = [];
  const onSignal = () => {
    void (async () => {
      for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
      await world?.close().catch(() => undefined);
      process.exit(130);
    })();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    console.log("starting a Hardhat node (devnet + executor deployed at start) ...");
    world = await startExecWorld();
    const d = world.deployments;
    const nodeMs = performance.now() - tStart;
    const provider = new JsonRpcProvider(world.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    cleanups.push(() => provider.destroy());
    await provider.send("evm_setAutomine", [false]);
    await provider.send("evm_setBlockGasLimit", ["0x" + (1_000_000_000).toString(16)]);

    const a: MarketAddresses = {
      weth: d.WETH9.address,
      usdc: d.USDC.address,
      dai: d.DAI.address,
      uniRouter: d.UniV2Router02.address,
      sushiRouter: d.SushiV2Router02.address,
      uniFactory: d.UniV2Factory.address,
      sushiFactory: d.SushiV2Factory.address,
      v3Factory: d.UniV3Factory.address,
      positionManager: d.NonfungiblePositionManager.address,
      swapRouter: d.SwapRouter.address,
    };
    const { rpc, provider: keeperProvider } = httpChainRpc(world.url, 31337n);
    cleanups.push(() => keeperProvider.destroy());
    // Time spent waiting on HTTP (summed over requests; overlapping ones count twice): the node's
    // share of a figure, against the keeper's own work.
    let httpMs = 0;
    const counted = keeperProvider._send.bind(keeperProvider);
    keeperProvider._send = async (payload) => {
      const t = performance.now();
      try {
        return await counted(payload);
      } finally {
        httpMs += performance.now() - t;
      }
    };
    const venues = [
      { venue: "uni", factory: a.uniFactory, kind: "uniswap-v2" as const, feeBps: 30 },
      { venue: "sushi", factory: a.sushiFactory, kind: "uniswap-v2" as const, feeBps: 30 },
      { venue: "uniV3", factory: a.v3Factory, kind: "uniswap-v3" as const },
    ];
    const discover = async () =>
      await discoverPools(rpc, new FactoryIndex(venues), {
        fromBlock: 0,
        toBlock: Number(await provider.getBlockNumber()),
        span: 100_000,
      });
    const devnetPoolCount = (await discover()).length;

    console.log(`creating ${POOLS - devnetPoolCount} pools next to the devnet's ${devnetPoolCount} ...`);
    const tMarket = performance.now();
    const sender = await BulkSender.open(world.wallet(TRADER), provider);
    const market = await createMarket(sender, provider, a, POOLS - devnetPoolCount, SEED);
    const marketMs = performance.now() - tMarket;
    await provider.send("evm_setBlockGasLimit", ["0x" + (30_000_000).toString(16)]);
    await provider.send("evm_mine", []);

    // Discovery (not part of the sync figure).
    const r0 = rpc.requestCount;
    const tDisc = performance.now();
    const pools = await discover();
    const discoveryMs = performance.now() - tDisc;
    const discoveryRequests = rpc.requestCount - r0;

    // The keeper, as test/keeper/harness.ts assembles it, with a recording submitter.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-bench-keeper-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    journal = SqliteJournal.open(path.join(dir, "journal.sqlite"));
    const j = journal;
    cleanups.push(() => void j.close());
    const handed: SubmissionRequest[] = [];
    const submitter: Submitter = {
      kind: "direct",
      submit: async (request) => {
        handed.push(request);
        return {
          kind: "not-included",
          reason: "outbid",
          lastTargetBlock: request.targetBlock,
          detail: "benchmark: not submitted",
        };
      },
    };
    const settings: KeeperSettings = devnetKeeperSettings(addressesOf(d), hardhatWallet(1).address);
    const events = new KeeperEvents();
    const sync = new StateSync(rpc);
    const keeper = new Keeper(settings, {
      rpc,
      sync,
      simulator: new EthCallSimulator(rpc, new Interface(d.ArbExecutor.abi as never)),
      submitter,
      journal,
      killSwitch: () => ({ engaged: false }),
      events,
    });

    const r1 = rpc.requestCount;
    const h1 = httpMs;
    const tSync = performance.now();
    const started = await keeper.start(pools);
    const syncMs = performance.now() - tSync;
    const syncHttpMs = httpMs - h1;
    const syncRequests = rpc.requestCount - r1;

    // Per-block observations.
    let current = -1;
    let firstHandOff: number | undefined;
    let handOffs = 0;
    let changed = 0;
    const stages = new Map<KeeperStage, number>();
    let httpAtHandOff: number | undefined;
    const codes = new Map<string, number>();
    let faults = 0;
    events.on("handedOff", (e) => {
      if (e.block !== current) return;
      handOffs++;
      if (firstHandOff === undefined) {
        firstHandOff = e.ms;
        httpAtHandOff = httpMs;
      }
    });
    events.on("block", (e) => (changed = e.changedPools));
    // Stage times up to the block's first hand-off: the breakdown of block_to_decision.
    events.on("stage", (e) => {
      if (firstHandOff === undefined) stages.set(e.stage, (stages.get(e.stage) ?? 0) + e.ms);
    });
    events.on("decision", (e) => codes.set(e.code, (codes.get(e.code) ?? 0) + 1));
    events.on("fault", (e) => {
      faults++;
      console.error(`fault at block ${e.block}: ${e.message}`);
    });

    // The HTTP floor: round trips of a trivial request to the node.
    const pings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await provider.send("eth_blockNumber", []);
      pings.push(performance.now() - t);
    }

    const rng = new Prng(SEED + 1);
    const prefix = depthPrefix(market.pools);
    const rows: Array<{
      decisionMs: number;
      decisionHttpMs: number;
      processMs: number;
      handed: number;
      changed: number;
      requests: number;
      stages: Map<KeeperStage, number>;
    }> = [];
    for (let b = 0; b < WARMUP_BLOCKS + BLOCKS; b++) {
      queueSwaps(sender, a, market.pools, prefix, MOVES, rng);
      await sender.send();
      await provider.send("evm_mine", []);
      const header = (await provider.send("eth_getBlockByNumber", ["latest", false])) as {
        number: string;
        hash: string;
        parentHash: string;
      };
      const t0 = performance.now();
      const head = { number: Number(header.number), hash: header.hash, parentHash: header.parentHash };
      current = head.number;
      firstHandOff = undefined;
      httpAtHandOff = undefined;
      const h0 = httpMs;
      handOffs = 0;
      changed = 0;
      stages.clear();
      const rq = rpc.requestCount;
      await keeper.onHead(head, t0);
      const processMs = performance.now() - t0;
      if (b < WARMUP_BLOCKS) continue;
      rows.push({
        decisionMs: firstHandOff ?? processMs,
        decisionHttpMs: (httpAtHandOff ?? httpMs) - h0,
        processMs,
        handed: handOffs,
        changed,
        requests: rpc.requestCount - rq,
        stages: new Map(stages),
      });
    }
    await keeper.stop();

    const decision = rows.map((r) => r.decisionMs);
    const withHandOff = rows.filter((r) => r.handed > 0);
    const stageMedian = (s: KeeperStage) => round(median(rows.map((r) => r.stages.get(s) ?? 0)), 2);
    const p50 = round(percentile(decision, 0.5), 2);
    const p99 = round(percentile(decision, 0.99), 2);

    const line = (k: string, v: string | number) => console.log(`  ${k.padEnd(60)} ${v}`);
    console.log("");
    console.log("keeper benchmark (separate Hardhat node over HTTP, ethers JSON-RPC batching)");
    line("node start + devnet/executor deploy (ms)", round(nodeMs, 0));
    line(
      "market: tokens / pools created / txs",
      `${market.tokens} / ${market.pools.length} / ${market.transactions}`,
    );
    line("market creation (ms)", round(marketMs, 0));
    line("pools discovered (devnet + created)", pools.length);
    line("discovery from factory logs (ms / HTTP requests)", `${round(discoveryMs)} / ${discoveryRequests}`);
    line("SYNC Keeper.start, discovery excluded (ms)", round(syncMs));
    line("SYNC HTTP requests", syncRequests);
    line("  of which waiting on the node over HTTP (ms)", round(syncHttpMs));
    line("unreadable pools at sync", started.unreadable.length);
    line(
      "V3 ticks found from Mint logs / by bitmap walk (pools)",
      `${started.v3Ticks.fromMintLogs} / ${started.v3Ticks.fromBitmap}`,
    );
    const v3Pools = [...sync.store.all()].filter((p): p is UniswapV3Pool => p instanceof UniswapV3Pool);
    const words = v3Pools.reduce((n, p) => {
      const { wordLo, wordHi } = bitmapWordRange(p.tickSpacing);
      return n + wordHi - wordLo + 1;
    }, 0);
    line(
      "V3 initialised ticks read / bitmap words a full walk calls",
      `${v3Pools.reduce((n, p) => n + p.ticks.length, 0)} / ${words}`,
    );
    console.log("");
    line(`blocks measured (after ${WARMUP_BLOCKS} warm-up)`, rows.length);
    line("swaps per block / pools changed (median)", `${MOVES} / ${median(rows.map((r) => r.changed))}`);
    line("blocks with a hand-off / hand-offs total", `${withHandOff.length} / ${handed.length}`);
    line("BLOCK->DECISION p50 (ms)", p50);
    line("BLOCK->DECISION p99 (ms, = max of the blocks)", p99);
    line(
      "  hand-off blocks only p50 / p99 (ms)",
      withHandOff.length === 0
        ? "n/a"
        : `${round(
            percentile(
              withHandOff.map((r) => r.decisionMs),
              0.5,
            ),
            2,
          )} / ${round(
            percentile(
              withHandOff.map((r) => r.decisionMs),
              0.99,
            ),
            2,
          )}`,
    );
    line(
      "slowest blocks (#: ms to decision = sync + evaluate + simulate + rest)",
      rows
        .map((r, i) => ({ i, r }))
        .sort((x, y) => y.r.decisionMs - x.r.decisionMs)
        .slice(0, 3)
        .map(({ i, r }) => {
          const [sy, ev, si] = (["sync", "evaluate", "simulate"] as const).map((k) => r.stages.get(k) ?? 0);
          return `#${i}: ${round(r.decisionMs)} = ${round(sy)} + ${round(ev)} + ${round(si)} + ${round(r.decisionMs - sy - ev - si)}`;
        })
        .join(", "),
    );
    line(
      "whole block processing p50 / p99 (ms)",
      `${round(
        percentile(
          rows.map((r) => r.processMs),
          0.5,
        ),
        2,
      )} / ${round(
        percentile(
          rows.map((r) => r.processMs),
          0.99,
        ),
        2,
      )}`,
    );
    line(
      "  HTTP wait before the first hand-off p50 (ms)",
      round(median(rows.map((r) => r.decisionHttpMs)), 2),
    );
    line("HTTP round trip, eth_blockNumber p50 (ms)", round(median(pings), 2));
    line("HTTP requests per block (median)", median(rows.map((r) => r.requests)));
    line(
      "before 1st hand-off, median sync/evaluate/risk/simulate (ms)",
      (["sync", "evaluate", "risk", "simulate"] as const).map(stageMedian).join(" / "),
    );
    line("decisions by code", [...codes].map(([k, v]) => `${k} ${v}`).join(", ") || "none");
    line("faults", faults);
    line("submitter", "recording, resolves not-included at once (submission not measured)");
    line("total run (s)", round((performance.now() - tStart) / 1000));
    line(
      "load average 1 min at the end / cores",
      `${round(os.loadavg()[0], 2)} / ${os.cpus().length} (node, keeper and others share them)`,
    );
    console.log("");
    console.log(
      JSON.stringify({
        pools: pools.length,
        sync_ms: round(syncMs),
        sync_rpc_requests: syncRequests,
        block_to_decision_ms_p50: p50,
        block_to_decision_ms_p99: p99,
      }),
    );
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await Promise.resolve(c());
      } catch {
        // best effort
      }
    }
    await world?.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
