/**
 * Gas is a reviewed number: every standard case of scripts/bench/gas.ts must cost no more than the
 * committed snapshot (test/executor/gas-snapshot.json), and no more than 3 % above its floor, the
 * featureless reference contract (contracts/test/gas/GasFloor.sol) making the same calls from the
 * same state. The floors themselves must match the snapshot, so that the yardstick changes only on
 * review too. Regenerate the snapshot on purpose with `npm run bench:gas` and copy its last line.
 */
import { expect } from "chai";
import hre, { artifacts } from "hardhat";
import fs from "node:fs";
import path from "node:path";
import { Interface } from "ethers";
import { ceilingOf, MAX_FLOOR_RATIO, measureGas, type GasFigures } from "../../scripts/bench/gas";
import { CASE_NAMES } from "./cases";

const SNAPSHOT = path.join(__dirname, "gas-snapshot.json");

async function selectors(name: string): Promise<string[]> {
  const found: string[] = [];
  new Interface((await artifacts.readArtifact(name)).abi).forEachFunction((f) => found.push(f.selector));
  return found.sort();
}

describe("ArbExecutor: gas snapshot and floor", function () {
  let gas: GasFigures;
  const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8")) as Record<string, number>;

  before(async function () {
    // solidity-coverage instruments the bytecode and turns the optimizer off: gas means nothing then.
    if ((hre as unknown as Record<string, unknown>).__SOLIDITY_COVERAGE_RUNNING === true) this.skip();
    gas = await measureGas();
  });

  it("no case costs more gas than its committed snapshot", function () {
    for (const name of CASE_NAMES) {
      expect(snapshot[name], `${name} is missing from the snapshot`).to.be.a("number");
      expect(gas[name], `${name} grew`).to.be.at.most(snapshot[name]);
    }
  });

  it(`no case costs more than ${MAX_FLOOR_RATIO} times its floor, and the floors are the committed ones`, function () {
    for (const name of CASE_NAMES) {
      const floor = gas[`${name}_floor`];
      expect(floor, `${name}'s floor moved`).to.equal(snapshot[`${name}_floor`]);
      expect(gas[name], `${name} is over ${MAX_FLOOR_RATIO} x its floor ${floor}`).to.be.at.most(
        ceilingOf(floor),
      );
    }
  });
});

describe("ArbExecutor: the gas floor", function () {
  it("has the executor's ABI, so that both dispatch a call alike", async function () {
    expect(await selectors("GasFloor")).to.deep.equal(await selectors("ArbExecutor"));
  });
});
