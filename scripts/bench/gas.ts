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

/** The project's ceilings: about 3 % above a bare, featureless contract doing the same swaps. */
export const CEILINGS: Partial<Record<CaseName, number>> = {
  v2v2_inventory: 136_000,
  v2v2_inventory_tip: 152_000,
  v2v2_flashswap: 138_000,
  v2v2v2_inventory: 188_000,
  v3v2_v3flash: 146_000,
  v2v2_balancer: 172_000,
  v2v2_aave: 255_000,
};

async function main(): Promise<void> {
  const gas = await measureGas();
  const n = (x: number) => x.toLocaleString("en-US").padStart(9);
  console.log("case".padEnd(24) + "  gasUsed  ceiling");
  for (const [name, used] of Object.entries(gas) as Array<[CaseName, number]>) {
    const ceiling = CEILINGS[name];
    const verdict = ceiling === undefined ? "" : used <= ceiling ? "  ok" : `  OVER by ${used - ceiling}`;
    console.log(name.padEnd(24) + n(used) + (ceiling === undefined ? "" : n(ceiling)) + verdict);
  }
  console.log(JSON.stringify(gas));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
