/**
 * Copies what the keeper needs from the Solidity build into bot/, so it runs without a Hardhat
 * build: the creation code of the deployless state readers (contracts/lens/) into
 * bot/venues/common/lensBytecode.json, and ArbExecutor's ABI (to explain its custom errors) into
 * bot/plan/ArbExecutor.abi.json. Tests (test/state/lensBytecode.test.ts) fail when a copy and a
 * fresh compile differ.
 *
 *   npx hardhat run scripts/lens/export-bytecode.ts
 */
import { artifacts } from "hardhat";
import { writeFileSync } from "node:fs";
import path from "node:path";

export const LENS_CONTRACTS = ["V2StateReader", "V3StateReader", "V3TickReader", "BalanceReader"] as const;

async function main(): Promise<void> {
  const out: Record<string, string> = {};
  for (const name of LENS_CONTRACTS) out[name] = (await artifacts.readArtifact(name)).bytecode;
  const file = path.join(__dirname, "..", "..", "bot", "venues", "common", "lensBytecode.json");
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${file}`);
  const abiFile = path.join(__dirname, "..", "..", "bot", "plan", "ArbExecutor.abi.json");
  writeFileSync(abiFile, JSON.stringify((await artifacts.readArtifact("ArbExecutor")).abi, null, 2) + "\n");
  console.log(`wrote ${abiFile}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
