import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet } from "ethers";
import pino from "pino";
import { parseConfig } from "../../bot/config/loadConfig";
import { runKeeper } from "../../bot/app/runKeeper";
import { freePort } from "../helpers/hardhatNode";
import { accountKey, startExecWorld, type ExecWorld } from "../exec/world";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "omni-arb.js");
const TRADER = 9;
const MAX = 2n ** 256n - 1n;
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Issue 5: `omni-arb scan --config <file> [--json]` on a devnet node: live opportunities from the
 * pools the config's factories created, read as the keeper reads them, nothing signed or written.
 */
describe("omni-arb scan --config (live, read-only)", function () {
  this.timeout(300_000);
  let w: ExecWorld;
  let dir: string;
  /** Uni V2's WETH/USDC pair, pushed 100 WETH off the other venues' price. */
  let pushed: string;
  let blockBeforePush: number;
  /** A DAI/USDT pair created by the test with about 250 USD in it, at 1.5 USDT per DAI. */
  let thin: string;
  let thinCreatedAt: number;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-scan-live-"));
    w = await startExecWorld();
    const d = w.deployments;
    const trader = w.wallet(TRADER).address;
    const router = w.contract("UniV2Router02", TRADER);
    const weth = w.contract("WETH9", TRADER);
    const dai = w.contract("DAI", TRADER);
    const usdt = w.contract("USDT", TRADER);
    blockBeforePush = await w.provider.getBlockNumber();
    await (await weth.deposit({ value: 100n * E18 })).wait();
    for (const t of [weth, usdt, dai]) await (await t.approve(d.UniV2Router02.address, MAX)).wait();
    await (
      await router.swapExactTokensForTokens(100n * E18, 0n, [w.weth, d.USDC.address], trader, 2n ** 40n)
    ).wait();
    pushed = d.UniV2Pair_WETH_USDC.address;

    await (await usdt.mint(trader, 1_000n * E6)).wait();
    await (await dai.mint(trader, 1_000n * E18)).wait();
    const added = await (
      await router.addLiquidity(
        d.DAI.address,
        d.USDT.address,
        100n * E18,
        150n * E6,
        0n,
        0n,
        trader,
        2n ** 40n,
      )
    ).wait();
    thinCreatedAt = added!.blockNumber;
    const factory = w.contract("UniV2Factory", 0);
    thin = String(await factory.getPair(d.DAI.address, d.USDT.address)).toLowerCase();
    expect(thin).to.not.equal("0x" + "0".repeat(40));
  });
  after(async () => {
    await w?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const d = w.deployments;
    const v2 = (name: string, factory: string) => ({
      name,
      kind: "uniswap-v2",
      factory: d[factory].address,
      initCodeHash: "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f",
      feeBps: 30,
    });
    return {
      name: "devnet",
      chainId: 31337,
      rpc: { http: w.url },
      venues: [
        v2("Uniswap V2", "UniV2Factory"),
        v2("SushiSwap V2", "SushiV2Factory"),
        {
          name: "Uniswap V3",
          kind: "uniswap-v3",
          factory: d.UniV3Factory.address,
          initCodeHash: "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54",
          feeTiers: [100, 500, 3000, 10000],
        },
      ],
      baseTokens: [
        { symbol: "WETH", address: d.WETH9.address, decimals: 18 },
        { symbol: "USDC", address: d.USDC.address, decimals: 6 },
        { symbol: "DAI", address: d.DAI.address, decimals: 18 },
      ],
      wrappedNative: d.WETH9.address,
      executor: d.ArbExecutor.address,
      limits: { killSwitchFile: path.join(dir, "KILL") },
      submission: {
        kind: "flashbots",
        relays: ["http://127.0.0.1:1"],
        builderPayment: { kind: "priority-fee" },
      },
      journal: { path: path.join(dir, "journal.sqlite") },
      discovery: { minLiquidityUsd: "1000" },
      ...overrides,
    };
  }

  let files = 0;
  function scan(cfg: Record<string, unknown> | string, ...args: string[]) {
    const file = path.join(dir, `config-${++files}.json`);
    fs.writeFileSync(file, typeof cfg === "string" ? cfg : JSON.stringify(cfg));
    // No key of any kind in the environment: a scan signs nothing.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OMNI_ARB_")));
    const r = spawnSync(process.execPath, [BIN, "scan", "--config", file, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, file };
  }

  const lines = (stdout: string): Json[] =>
    stdout
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l));
  const through = (ops: Json[], pool: string) =>
    ops.filter((o) => o.path.some((h: Json) => h.pool === pool.toLowerCase()));

  it("--json: finds the dislocated pair's opportunity, every line parses, with no key and no journal", () => {
    const r = scan(config(), "--json");
    expect(r.status, r.stderr).to.equal(0);
    const ops = lines(r.stdout);
    expect(ops.length).to.be.greaterThan(0);
    expect(through(ops, pushed).length).to.be.greaterThan(0);
    for (const o of ops) {
      expect(o.block).to.be.a("number");
      for (const k of ["amountIn", "amountOut", "profit", "gas", "gasCost", "netProfit"])
        expect(o[k], k).to.match(/^-?\d+$/);
      expect(BigInt(o.profit)).to.equal(BigInt(o.amountOut) - BigInt(o.amountIn));
      expect(BigInt(o.netProfit)).to.equal(BigInt(o.profit) - BigInt(o.gasCost));
      expect(o.path[0].tokenIn).to.equal(o.profitToken);
      for (const h of o.path) expect(["Uniswap V2", "SushiSwap V2", "Uniswap V3"]).to.include(h.venue);
    }
    expect(r.stderr).to.match(
      /^scan: chain 31337, block \d+: \d+ pools \(\d+ discovered from block 0, 1 below 1000\.00 USD/,
    );
    expect(fs.existsSync(path.join(dir, "journal.sqlite"))).to.equal(false);
  });

  it("without --json: the snapshot scan's table under a one-line summary", () => {
    const r = scan(config());
    expect(r.status, r.stderr).to.equal(0);
    const out = r.stdout.trim().split("\n");
    expect(out[0]).to.match(
      /^chain 31337, block \d+: \d+ pools \(\d+ discovered from block 0, 1 below 1000\.00 USD of liquidity, 0 unreadable\), \d+ cycles through WETH, USDC, DAI, \d+ profitable$/,
    );
    expect(out[1]).to.match(/^#\s+profit\s+amount in\s+gas\s+path$/);
    expect(out.length).to.be.greaterThan(2);
  });

  it("--block reads the chain at that block", () => {
    const r = scan(config(), "--json", "--block", String(blockBeforePush));
    expect(r.status, r.stderr).to.equal(0);
    const ops = lines(r.stdout);
    for (const o of ops) expect(o.block).to.equal(blockBeforePush);
    const beyond = scan(config(), "--block", "99999999");
    expect(beyond.status).to.equal(2);
    expect(beyond.stderr).to.match(/^omni-arb: --block 99999999: beyond the chain's head \(\d+\)\n$/);
  });

  it("discovery.minLiquidityUsd: a thin, dislocated pool is left out; with 0 it is searched", () => {
    const kept = scan(config({ discovery: { minLiquidityUsd: "0" } }), "--json");
    expect(kept.status, kept.stderr).to.equal(0);
    expect(through(lines(kept.stdout), thin).length).to.be.greaterThan(0);
    expect(kept.stderr).to.include(", 0 below 0.00 USD");

    const left = scan(config(), "--json");
    expect(left.status, left.stderr).to.equal(0);
    expect(through(lines(left.stdout), thin)).to.deep.equal([]);
    expect(left.stderr).to.include(", 1 below 1000.00 USD");
  });

  it("discovery.fromBlock: factory logs before it are not read", () => {
    const from = scan(config({ discovery: { minLiquidityUsd: "0", fromBlock: thinCreatedAt } }), "--json");
    expect(from.status, from.stderr).to.equal(0);
    expect(from.stderr).to.match(
      new RegExp(`^scan: chain 31337, block \\d+: 1 pools \\(1 discovered from block ${thinCreatedAt}, `),
    );
    const after = scan(config({ discovery: { fromBlock: thinCreatedAt + 1 } }));
    expect(after.status, after.stderr).to.equal(0);
    expect(after.stdout).to.match(/: 0 pools \(0 discovered from block \d+, /);
  });

  function expectOneLine(r: ReturnType<typeof scan>, pattern: RegExp): void {
    const shown = JSON.stringify(r);
    expect(r.status, shown).to.equal(2);
    expect(r.stdout, shown).to.equal("");
    expect(r.stderr, shown).to.match(/^omni-arb: [^\n]+\n$/);
    expect(r.stderr, shown).to.match(pattern);
  }

  it("exits 2 with one line: wrong chain id, unreachable RPC, invalid config", async () => {
    expectOneLine(scan(config({ chainId: 5 })), /chainId is 5 but http:\/\/127\.0\.0\.1:\d+ is chain 31337/);
    const port = await freePort();
    expectOneLine(
      scan(config({ rpc: { http: `http://127.0.0.1:${port}` } })),
      /config-\d+\.json: rpc\.http: cannot reach http:\/\/127\.0\.0\.1:\d+/,
    );
    expectOneLine(scan(config({ discovery: { fromBlock: -1 } })), /config-\d+\.json: discovery\.fromBlock: /);
    expectOneLine(scan("{ not json"), /config-\d+\.json: not valid JSON/);
    const both = scan(
      config(),
      "--snapshot",
      path.join(ROOT, "test", "fixtures", "snapshots", "mainnet-small.json"),
    );
    expect(both.status).to.equal(2);
    expect(both.stderr).to.include("exactly one of --snapshot");
  });

  it("the keeper (run --once) leaves out the same thin pool and logs how many it left out", async () => {
    const logged: Json[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const cfg = parseConfig(
      config({
        submission: { kind: "direct", builderPayment: { kind: "priority-fee" } },
        journal: { path: path.join(dir, "keeper.sqlite") },
      }),
      "keeper.json",
    );
    const running = await runKeeper({
      config: cfg,
      secrets: { operator: new Wallet(accountKey(1)), signer: undefined },
      log,
      once: true,
    });
    const { sync, pools } = running.assembled;
    expect(pools.map((p) => p.address)).to.include(thin);
    expect(sync.leftOut.map((p) => p.address)).to.deep.equal([thin]);
    expect(sync.store.has(thin)).to.equal(false);
    expect(sync.store.has(pushed)).to.equal(true);
    const synced = logged.find((l) => typeof l.msg === "string" && l.msg.startsWith("pools synced"));
    expect(synced, JSON.stringify(logged)).to.not.equal(undefined);
    expect(synced.belowMinLiquidity).to.equal(1);
    expect(synced.pools).to.equal(pools.length - 1);
    expect(synced.msg).to.equal(
      `pools synced: ${pools.length - 1} watched, 1 below the minimum liquidity, 0 unreadable`,
    );
  });
});
