/**
 * Gas is a reviewed number: every standard case of scripts/bench/gas.ts must cost no more than the
 * committed snapshot (test/executor/gas-snapshot.json). Regenerate the snapshot on purpose with
 * `npm run bench:gas` and copy its last line.
 */
import { expect } from "chai";
import hre from "hardhat";
import fs from "node:fs";
import path from "node:path";
import { measureGas } from "../../scripts/bench/gas";
import { CASE_NAMES } from "./cases";

const SNAPSHOT = path.join(__dirname, "gas-snapshot.json");

describe("ArbExecutor: gas snapshot", function () {
  it("no case costs more gas than its committed snapshot", async function () {
    // solidity-coverage instruments the bytecode and turns the optimizer off: gas means nothing then.
    if ((hre as unknown as Record<string, unknown>).__SOLIDITY_COVERAGE_RUNNING === true) this.skip();
    const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8")) as Record<string, number>;
    const gas = await measureGas();
    for (const name of CASE_NAMES) {
      expect(snapshot[name], `${name} is missing from the snapshot`).to.be.a("number");
      expect(gas[name], `${name} grew`).to.be.at.most(snapshot[name]);
    }
  });
});
