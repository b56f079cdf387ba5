import { expect } from "chai";
import { spawnSync } from "node:child_process";
import path from "node:path";

const BIN = path.join(__dirname, "..", "..", "bin", "omni-arb.js");

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("omni-arb command", () => {
  it("prints help and exits 0", () => {
    const r = run(["--help"]);
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/Usage: omni-arb/);
  });

  it("rejects an unknown command with exit status 2 and a one-line reason", () => {
    const r = run(["no-such-command"]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/unknown command 'no-such-command'/);
    expect(r.stderr).not.to.match(/\n\s+at /); // no stack trace
  });
});
