/**
 * `npx hardhat deploy --network <name> --tags executor` as a deployer runs it on a chain without
 * the devnet: owner, operators, WETH and lenders from environment variables, checked one by one.
 * Runs the Hardhat CLI in a child process on its in-process network (nothing is saved).
 */
import { expect } from "chai";
import hre from "hardhat";
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT_CLI = require.resolve("hardhat/internal/cli/bootstrap");
const addr = (byte: string) => "0x" + byte.padStart(40, "0");

function deploy(env: Record<string, string>): { status: number | null; out: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OMNI_ARB_")));
  const r = spawnSync(
    process.execPath,
    [HARDHAT_CLI, "deploy", "--network", "hardhat", "--tags", "executor"],
    {
      cwd: ROOT,
      env: { ...clean, ...env },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("executor deploy script (--tags executor)", function () {
  this.timeout(240_000);

  before(function () {
    // Under `npm run coverage` a child Hardhat in this project empties the parent's report
    // (measured: the funding suite alone 100 %, followed by this file 0 %). The script is
    // TypeScript, not Solidity: nothing to measure here.
    if ((hre as unknown as Record<string, unknown>).__SOLIDITY_COVERAGE_RUNNING === true) this.skip();
  });

  it("deploys with owner, operators, WETH and lenders from the environment", function () {
    const r = deploy({
      OMNI_ARB_OWNER: addr("a1"),
      OMNI_ARB_OPERATORS: `${addr("c1")}, ${addr("c2")}`,
      OMNI_ARB_WETH: addr("ee"),
      OMNI_ARB_AAVE_POOL: addr("bb"),
      OMNI_ARB_BALANCER_VAULT: "none",
    });
    expect(r.status, r.out).to.equal(0);
    const line = r.out.split("\n").find((l) => l.startsWith("ArbExecutor at "));
    expect(line, r.out).to.not.equal(undefined);
    expect(line!.toLowerCase()).to.include(`owner ${addr("a1")}`);
    expect(line!.toLowerCase()).to.include(`weth ${addr("ee")}`);
    expect(line!.toLowerCase()).to.include(`aave pool ${addr("bb")}`);
    expect(line!.toLowerCase()).to.include(`balancer vault ${addr("0")}`);
    expect(line!.toLowerCase()).to.include(`operators ${addr("c1")}, ${addr("c2")}`);
    // Only the executor: --tags executor must not deploy the devnet's test tokens on a real chain.
    expect(r.out).to.not.match(/deploying "(WETH9|USDC|UniswapV2Factory)/);
  });

  it("names the variable when an input is missing or not an address", function () {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ OMNI_ARB_OPERATORS: addr("c1") }, /WETH \(no WETH9 deployment on this network: set OMNI_ARB_WETH\)/],
      [{ OMNI_ARB_WETH: addr("ee"), OMNI_ARB_OPERATORS: "0xnope" }, /OMNI_ARB_OPERATORS\[0\].*"0xnope"/],
      [
        { OMNI_ARB_WETH: addr("ee"), OMNI_ARB_OPERATORS: addr("c1"), OMNI_ARB_AAVE_POOL: "pool" },
        /OMNI_ARB_AAVE_POOL .*"pool"/,
      ],
    ];
    for (const [env, message] of cases) {
      const r = deploy(env);
      expect(r.status, r.out).to.not.equal(0);
      expect(r.out).to.match(message);
    }
  });
});
