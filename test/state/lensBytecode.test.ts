import { expect } from "chai";
import { artifacts } from "hardhat";
import lensBytecode from "../../bot/venues/common/lensBytecode.json";
import executorAbi from "../../bot/plan/ArbExecutor.abi.json";
import { LENS_CONTRACTS } from "../../scripts/lens/export-bytecode";

describe("artifacts the keeper ships", () => {
  it("ships ArbExecutor's ABI exactly as contracts/ compiles it", async () => {
    const compiled = (await artifacts.readArtifact("ArbExecutor")).abi;
    expect(executorAbi, "run `npx hardhat run scripts/lens/export-bytecode.ts`").to.deep.equal(compiled);
  });
});

describe("deployless state readers", () => {
  for (const name of LENS_CONTRACTS) {
    it(`ships the creation code of ${name} exactly as contracts/lens compiles it`, async () => {
      const compiled = (await artifacts.readArtifact(name)).bytecode;
      expect(lensBytecode[name], "run `npx hardhat run scripts/lens/export-bytecode.ts`").to.equal(compiled);
    });
  }
});
