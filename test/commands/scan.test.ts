import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "snapshots", "mainnet-small.json");

function scan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "omni-arb.js"), "scan", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withSnapshot(mutate: (s: Json) => void): string {
  const s = JSON.parse(readFileSync(FIXTURE, "utf8"));
  mutate(s);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "omni-arb-scan-")), "snapshot.json");
  writeFileSync(file, JSON.stringify(s));
  return file;
}

describe("omni-arb scan (end to end)", function () {
  this.timeout(120_000);

  it("prints a table of the profitable cycles of a good snapshot and exits 0", () => {
    const r = scan("--snapshot", FIXTURE);
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).to.match(
      /^chain 1, block 21000000: 9 pools, \d+ cycles through WETH, USDC, USDT, DAI, \d+ profitable$/,
    );
    expect(lines[1]).to.match(/^#\s+profit\s+amount in\s+gas\s+path$/);
    expect(lines.length).to.be.greaterThan(2);
  });

  it("--json prints one exact opportunity per line, best first, integers as decimal strings", () => {
    const r = scan(
      "--snapshot",
      FIXTURE,
      "--json",
      "--base",
      "USDC",
      "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
    );
    expect(r.status, r.stderr).to.equal(0);
    const ops = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(ops.length).to.be.greaterThan(0);
    let previous: bigint | undefined;
    for (const o of ops) {
      expect(Object.keys(o)).to.include.members(["path", "amountIn", "amountOut", "profit", "profitToken"]);
      for (const k of ["amountIn", "amountOut", "profit"]) expect(o[k]).to.match(/^\d+$/);
      expect(BigInt(o.profit)).to.equal(BigInt(o.amountOut) - BigInt(o.amountIn));
      expect(BigInt(o.profit) > 0n).to.equal(true);
      // Raw profits are only comparable within one token: check the order within each.
      if (o.profitToken === ops[0].profitToken) {
        if (previous !== undefined) expect(BigInt(o.profit) <= previous).to.equal(true);
        previous = BigInt(o.profit);
      }
      expect(o.path[0].tokenIn).to.equal(o.profitToken);
      expect(o.path[o.path.length - 1].tokenOut).to.equal(o.profitToken);
      expect(o.path[0].amountIn).to.equal(o.amountIn);
      expect(o.path[o.path.length - 1].amountOut).to.equal(o.amountOut);
      for (let i = 1; i < o.path.length; i++) {
        expect(o.path[i].tokenIn).to.equal(o.path[i - 1].tokenOut);
        expect(o.path[i].amountIn).to.equal(o.path[i - 1].amountOut);
      }
    }
    const tokens = new Set(ops.map((o) => o.profitToken));
    expect(
      [...tokens].every((t) =>
        ["0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"].includes(
          t,
        ),
      ),
    ).to.equal(true);
  });

  it("exits 2 with a one-line message naming pool and field for a malformed snapshot", () => {
    const cases: [(s: Json) => void, string[]][] = [
      [(s: Json) => (s.pools[1].reserve1 = "-5"), ["pool 1 (0x5a5a", "reserve1"]],
      [(s: Json) => (s.pools[2].liquidity = "7"), ["pool 2 (0x5a5a", "liquidity"]],
      [(s: Json) => (s.pools[3].kind = "balancer"), ["pool 3", "kind"]],
    ];
    for (const [mutate, parts] of cases) {
      const r = scan("--snapshot", withSnapshot(mutate));
      expect(r.status).to.equal(2);
      expect(r.stdout).to.equal("");
      const lines = r.stderr.trim().split("\n");
      expect(lines.length, r.stderr).to.equal(1);
      for (const p of parts) expect(lines[0]).to.include(p);
    }
  });

  it("exits 2 for a missing file, non-JSON and an unknown --base", () => {
    const missing = scan("--snapshot", path.join(tmpdir(), "no-such-omni-arb-snapshot.json"));
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.include("cannot read");
    const dir = mkdtempSync(path.join(tmpdir(), "omni-arb-scan-"));
    writeFileSync(path.join(dir, "bad.json"), "{ nope");
    const notJson = scan("--snapshot", path.join(dir, "bad.json"));
    expect(notJson.status).to.equal(2);
    expect(notJson.stderr).to.include("not JSON");
    const base = scan("--snapshot", FIXTURE, "--base", "WBTC");
    expect(base.status).to.equal(2);
    expect(base.stderr).to.include("--base WBTC");
  });
});
