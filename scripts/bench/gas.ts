/**
 * Gas of ArbExecutor.execute per standard case (npm run bench:gas): the test world of
 * test/executor/fixture.ts (npm bytecode of Uniswap V2/V3, Balancer, Aave, WETH9; OpenZeppelin test
 * tokens; every pool traded in an earlier block), Hardhat's default hardfork. Prints a table, then
 * as the last line one JSON object { case: gasUsed } (transaction-level gasUsed).
 */
import { ethers } from "hardhat";
import { executorWorld } from "../../test/executor/fixture";
import { buildCase, CASE_NAMES, type CaseName } from "../../test/executor/cases";

/** Fixed keys for the bench's owner and operator: the same addresses (and gas) in any chain state. */
const OWNER_KEY = ethers.id("omni-arb gas bench owner");
const OPERATOR_KEY = ethers.id("omni-arb gas bench operator");
/** A deadline with four non-zero bytes, as every mainnet block number has. */
const DEADLINE = 0xfffffff0n;

export async function measureGas(): Promise<Record<CaseName, number>> {
  const start = await ethers.provider.send("evm_snapshot", []);
  const owner = new ethers.Wallet(OWNER_KEY, ethers.provider);
  const operator = new ethers.Wallet(OPERATOR_KEY, ethers.provider);
  for (const account of [owner, operator]) {
    await ethers.provider.send("hardhat_setBalance", [account.address, "0xd3c21bcecceda1000000"]); // 1e24 wei
  }
  const world = await executorWorld(owner, operator);
  const result = {} as Record<CaseName, number>;
  // BENCH_CASES=a,b limits the run to some cases (for quick comparisons while tuning).
  const only = process.env.BENCH_CASES ? process.env.BENCH_CASES.split(",") : undefined;
  for (const name of CASE_NAMES.filter((n) => only === undefined || only.includes(n))) {
    const snapshot = await ethers.provider.send("evm_snapshot", []);
    const { plan } = await buildCase(world, name, 1n, DEADLINE);
    const receipt = await world.operator
      .sendTransaction({ to: await world.executor.getAddress(), data: plan })
      .then((tx) => tx.wait())
      .catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
    if (receipt === null || receipt.status !== 1) throw new Error(`${name} failed`);
    result[name] = Number(receipt.gasUsed);
    await ethers.provider.send("evm_revert", [snapshot]);
  }
  await ethers.provider.send("evm_revert", [start]);
  return result;
}

async function main(): Promise<void> {
  const gas = await measureGas();
  console.log("case".padEnd(22) + "gasUsed");
  for (const [name, used] of Object.entries(gas)) console.log(name.padEnd(22) + used.toLocaleString("en-US"));
  console.log(JSON.stringify(gas));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
