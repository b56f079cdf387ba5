import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { ONE_USD } from "../../bot/decide/risk/limits";

const BIN = path.join(__dirname, "..", "..", "bin", "omni-arb.js");
const WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";

function run(args: string[], env?: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env,
    cwd: ROOT,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ROOT = path.join(__dirname, "..", "..");
/** What the CLI needs to start (PATH for node's own use), and none of the keeper's variables. */
const EMPTY_ENV = { PATH: process.env.PATH ?? "" };

describe("omni-arb config check / status / report / kill / resume", function () {
  this.timeout(120_000);
  let dir: string;
  let configFile: string;
  let journalFile: string;
  let killFile: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-cli-"));
    journalFile = path.join(dir, "journal.sqlite");
    killFile = path.join(dir, "KILL");
    configFile = path.join(dir, "ethereum.json");
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        name: "ethereum",
        chainId: 1,
        rpc: { http: "http://127.0.0.1:8545" },
        limits: { killSwitchFile: killFile },
        submission: {
          kind: "flashbots",
          relays: ["https://relay.flashbots.net"],
          builderPayment: { kind: "coinbase-share", bps: 8000 },
        },
        journal: { path: journalFile },
      }),
    );
  });
  after(async () => fs.rmSync(dir, { recursive: true, force: true }));

  it("config check: an invalid file exits 2 with the one-line message", async () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({
        name: "x",
        chainId: 1,
        rpc: { http: "http://x" },
        venues: [
          {
            name: "v",
            kind: "uniswap-v2",
            factory: "0x12",
            initCodeHash: "0x" + "00".repeat(32),
            feeBps: 30,
          },
        ],
        submission: { kind: "direct", builderPayment: { kind: "priority-fee" } },
      }),
    );
    const r = run(["config", "check", bad]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal(`omni-arb: ${bad}: venues[0].factory: not an address ("0x12")\n`);
  });

  it("config check: a valid file exits 0 and shows what it resolved to", async () => {
    const r = run(["config", "check", configFile]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include("ethereum (chain 1) is valid");
    expect(r.stdout).to.include("Uniswap V2 (uniswap-v2)");
  });

  it("config check: config/base.json passes with an empty environment and lists the variables it needs", async () => {
    const r = run(["config", "check", path.join("config", "base.json")], EMPTY_ENV);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.equal("");
    expect(r.stdout).to.include("config/base.json: base (chain 8453) is valid");
    expect(r.stdout).to.include("  rpc: OMNI_ARB_RPC_HTTP (not set) and OMNI_ARB_RPC_WS (not set)");
    expect(r.stdout).to.include("Uniswap V3 (uniswap-v3)");
    expect(r.stdout).to.include("    OMNI_ARB_RPC_HTTP (rpc.http): not set\n");
    expect(r.stdout).to.include("    OMNI_ARB_RPC_WS (rpc.ws): not set\n");
    expect(r.stdout).to.include(
      "    OMNI_ARB_OPERATOR_KEY, or OMNI_ARB_KEYSTORE with OMNI_ARB_KEYSTORE_PASSWORD (operator key): not set\n",
    );
    expect(r.stdout).to.not.include("env-unset.invalid");
  });

  it("config check: a set variable is reported as set, never printed", async () => {
    const secretUrl = "https://rpc.example/v2/very-secret-api-key";
    const r = run(["config", "check", path.join("config", "base.json")], {
      ...EMPTY_ENV,
      OMNI_ARB_RPC_HTTP: secretUrl,
      OMNI_ARB_OPERATOR_KEY: "0x" + "11".repeat(32),
    });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include("  rpc: https://rpc.example and OMNI_ARB_RPC_WS (not set)");
    expect(r.stdout).to.include("    OMNI_ARB_RPC_HTTP (rpc.http): set\n");
    expect(r.stdout).to.include("(operator key): set\n");
    expect(r.stdout).to.not.include("very-secret-api-key");
    expect(r.stdout).to.not.include("11".repeat(32));
  });

  it("config check: a broken file fails with an empty environment, naming the field", async () => {
    const raw = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "base.json"), "utf8")) as {
      baseTokens: { decimals: number }[];
    };
    raw.baseTokens[1].decimals = 99;
    const broken = path.join(dir, "base-broken.json");
    fs.writeFileSync(broken, JSON.stringify(raw));
    const r = run(["config", "check", broken], EMPTY_ENV);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.match(new RegExp(`^omni-arb: ${broken}: baseTokens\\[1\\]\\.decimals: [^\n]+\n$`));
  });

  it("run still refuses to start when OMNI_ARB_RPC_HTTP is unset", async () => {
    const r = run(["run", "--config", path.join("config", "base.json"), "--once"], EMPTY_ENV);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal(
      "omni-arb: config/base.json: rpc.http: environment variable OMNI_ARB_RPC_HTTP is not set\n",
    );
  });

  it("status before the keeper ran is a usage error; after, it reads the journal", async () => {
    const before = run(["status", "--config", configFile]);
    expect(before.status).to.equal(2);
    expect(before.stderr).to.equal(`omni-arb: ${journalFile}: no journal yet (the keeper has not run)\n`);

    const journal = SqliteJournal.open(journalFile);
    const hop = {
      pool: "0x" + "0a".repeat(20),
      tokenIn: WETH,
      tokenOut: WETH,
      amountIn: 1n,
      amountOut: 2n,
      venue: "Uniswap V2",
    };
    const key = await journal.recordOpportunity({
      chainId: 1,
      targetBlock: 7n,
      path: [hop],
      amountIn: 10n ** 18n,
      amountOut: 10n ** 18n + 5n * 10n ** 15n,
      profit: 5n * 10n ** 15n,
      profitToken: WETH,
      gasEstimate: 150_000n,
    });
    await journal.recordDecision(key, { accepted: true, message: "ok" });
    await journal.claimSubmission(key, 7n);
    await journal.recordOutcome({
      idempotencyKey: key,
      targetBlock: 7n,
      status: "included",
      realisedProfit: 5n * 10n ** 15n,
      profitToken: WETH,
      realisedProfitUsd: 15n * ONE_USD,
    });
    await journal.close();

    const text = run(["status", "--config", configFile]);
    expect(text.status, text.stderr).to.equal(0);
    expect(text.stdout).to.include("realised profit: 15.00 USD; 0.005 WETH");
    expect(text.stdout).to.include("breaker: closed");
    expect(text.stdout).to.include("kill switch: released");

    const json = run(["status", "--config", configFile, "--json"]);
    const parsed = JSON.parse(json.stdout) as { realisedProfitUsd: string; outcomes: { included: number } };
    expect(parsed.realisedProfitUsd).to.equal((15n * ONE_USD).toString());
    expect(parsed.outcomes.included).to.equal(1);
  });

  it("report prints profit by day, venue and token", async () => {
    const r = run(["report", "--config", configFile]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/by venue:\n {2}Uniswap V2: 1 included, 0 not included, 0 failed, 15\.00 USD/);
    expect(run(["report", "--config", configFile, "--since", "yesterday"]).status).to.equal(2);
  });

  it("kill writes the kill file and resume removes it", async () => {
    const kill = run(["kill", "--config", configFile, "--reason", "maintenance"]);
    expect(kill.status, kill.stderr).to.equal(0);
    expect(fs.readFileSync(killFile, "utf8").split("\n")[0]).to.equal("maintenance");
    expect(run(["status", "--config", configFile]).stdout).to.include("kill switch: ENGAGED (maintenance)");
    expect(run(["resume", "--config", configFile]).status).to.equal(0);
    expect(fs.existsSync(killFile)).to.equal(false);
  });
});
