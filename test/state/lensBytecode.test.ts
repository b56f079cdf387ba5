import { expect } from "chai";
import { artifacts } from "hardhat";
import lensBytecode from "../../bot/state/lensBytecode.json";
import { LENS_CONTRACTS } from "../../scripts/lens/export-bytecode";

describe("deployless state readers", () => {
  for (const name of LENS_CONTRACTS) {
    it(`ships the creation code of ${name} exactly as contracts/lens compiles it`, async () => {
      const compiled = (await artifacts.readArtifact(name)).bytecode;
      expect(lensBytecode[name], "run `npx hardhat run scripts/lens/export-bytecode.ts`").to.equal(compiled);
    });
  }
});
