import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startHardhatNode, type NodeHandle } from "../helpers/hardhatNode";
import { hardhatWallet } from "./harness";

const BIN = path.join(__dirname, "..", "..", "bin", "omni-arb.js");
/** Hardhat's public test account 1: never a real key, but treated here as a secret. */
const OPERATOR_KEY = hardhatWallet(1).privateKey;
const EXECUTOR = "0x" + "11".repeat(20);

/**
 * Issue 5, acceptance 5: bad input through `omni-arb run --config <file> --once`. Each case exits
 * with status 2 and exactly one line on stderr, no stack trace, and the operator key appears
 * nowhere in the output.
 */
describe("omni-arb run: bad input exits 2 with one line and never shows the key", function () {
  this.timeout(180_000);
  let dir: string;
  let node: NodeHandle;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-badinput-"));
    node = await startHardhatNode();
  });
  after(async () => {
    await node?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      name: "ethereum",
      chainId: 1,
      rpc: { http: node.url },
      executor: EXECUTOR,
      limits: { killSwitchFile: path.join(dir, "KILL") },
      submission: { kind: "direct", builderPayment: { kind: "priority-fee" } },
      journal: { path: path.join(dir, "journal.sqlite") },
      ...overrides,
    };
  }

  function run(file: string, contents: string, env: Record<string, string> = {}) {
    const configFile = path.join(dir, file);
    fs.writeFileSync(configFile, contents);
    const r = spawnSync(process.execPath, [BIN, "run", "--config", configFile, "--once"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, OMNI_ARB_OPERATOR_KEY: OPERATOR_KEY, ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, configFile };
  }

  function expectUsageError(r: ReturnType<typeof run>, keys: string[], pattern: RegExp): void {
    const shown = JSON.stringify({ status: r.status, stdout: r.stdout.slice(-2000), stderr: r.stderr });
    expect(r.status, shown).to.equal(2);
    expect(r.stderr, shown).to.match(/^[^\n]+\n$/);
    expect(r.stderr, shown).to.not.match(/\bat .+:\d+:\d+/);
    expect(r.stderr, shown).to.match(pattern);
    for (const key of keys) {
      const bare = key.replace(/^0x/, "").toLowerCase();
      for (const out of [r.stdout, r.stderr]) expect(out.toLowerCase()).to.not.include(bare);
    }
  }

  it("malformed config (not JSON)", () => {
    const r = run("malformed.json", '{ "name": "ethereum", "chainId": 1,, }');
    expectUsageError(r, [OPERATOR_KEY], /malformed\.json: not valid JSON/);
  });

  it("unknown venue kind", () => {
    const r = run(
      "venue.json",
      JSON.stringify(
        config({
          venues: [
            {
              name: "Curve",
              kind: "curve-stableswap",
              factory: "0x" + "22".repeat(20),
              feeBps: 4,
            },
          ],
        }),
      ),
    );
    expectUsageError(r, [OPERATOR_KEY], /venue\.json: venues\[0\]/);
  });

  it("bad operator key (not hex, and beyond the curve order)", () => {
    const notHex = "0x" + "zz" + OPERATOR_KEY.slice(4);
    const r1 = run("key1.json", JSON.stringify(config()), { OMNI_ARB_OPERATOR_KEY: notHex });
    expectUsageError(r1, [notHex, OPERATOR_KEY], /OMNI_ARB_OPERATOR_KEY/);
    const beyond = "0x" + "ff".repeat(32);
    const r2 = run("key2.json", JSON.stringify(config()), { OMNI_ARB_OPERATOR_KEY: beyond });
    expectUsageError(r2, [beyond, OPERATOR_KEY], /OMNI_ARB_OPERATOR_KEY/);
  });

  it("wrong chain id (chainId 1 against a hardhat node)", () => {
    const r = run("chain.json", JSON.stringify(config()));
    expectUsageError(r, [OPERATOR_KEY], /chainId is 1 but .* is chain 31337/);
  });

  it("unreachable RPC (a closed port)", async () => {
    const port = await freePort();
    const r = run("closed.json", JSON.stringify(config({ rpc: { http: `http://127.0.0.1:${port}` } })));
    expectUsageError(r, [OPERATOR_KEY], /cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });

  it("unreachable RPC whose URL carries an API key: the key is not shown", async () => {
    const port = await freePort();
    const apiKey = "k3y" + "a1b2c3d4e5f6".repeat(2);
    const r = run(
      "keyed.json",
      JSON.stringify(
        config({ rpc: { http: `http://user:pw@127.0.0.1:${port}/v3/${apiKey}?token=${apiKey}` } }),
      ),
    );
    expectUsageError(r, [OPERATOR_KEY, apiKey, "user:pw"], /cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });
});
