/**
 * Gas of ArbExecutor.execute per standard case (npm run bench:gas): the test world of
 * test/executor/fixture.ts (npm bytecode of Uniswap V2/V3, PancakeSwap V3, Balancer, Aave, WETH9;
 * OpenZeppelin test tokens; every pool traded in an earlier block), Hardhat's default hardfork.
 * Each case also runs, from the same state and with the same calldata, on its gas floor
 * (contracts/test/gas/GasFloor.sol, see test/executor/floor.ts): a featureless contract making the
 * same pool, token and lender calls. Prints a table (case, gasUsed, floor, ratio, ceiling), then as
 * the last line one JSON object { case: gasUsed, case_floor: floor gasUsed } (transaction-level).
 */
import { ethers } from "hardhat";
import { executorWorld, type ExecutorWorld } from "../../test/executor/fixture";
import { buildCase, CASE_NAMES, type CaseName } from "../../test/executor/cases";
import { deployFloor } from "../../test/executor/floor";

/** Fixed keys for the bench's owner and operator: the same addresses (and gas) in any chain state. */
const OWNER_KEY = ethers.id("omni-arb gas bench owner");
const OPERATOR_KEY = ethers.id("omni-arb gas bench operator");
/** A deadline with four non-zero bytes, as every mainnet block number has. */
const DEADLINE = 0xfffffff0n;

/** The executor may cost at most this much more than the floor: 3 % for all its features. */
export const MAX_FLOOR_RATIO = 1.03;

/** A case's ceiling: 3 % above its floor, rounded down. */
export function ceilingOf(floor: number): number {
  return Math.floor(floor * MAX_FLOOR_RATIO);
}

export type GasFigures = Record<CaseName | `${CaseName}_floor`, number>;

async function gasOf(world: ExecutorWorld, to: string, data: string, what: string): Promise<number> {
  const receipt = await world.operator
    .sendTransaction({ to, data })
    .then((tx) => tx.wait())
    .catch((error: unknown) => {
      throw new Error(`${what}: ${String(error)}`);
    });
  if (receipt === null || receipt.status !== 1) throw new Error(`${what} failed`);
  return Number(receipt.gasUsed);
}

export async function measureGas(): Promise<GasFigures> {
  const start = await ethers.provider.send("evm_snapshot", []);
  const owner = new ethers.Wallet(OWNER_KEY, ethers.provider);
  const operator = new ethers.Wallet(OPERATOR_KEY, ethers.provider);
  for (const account of [owner, operator]) {
    await ethers.provider.send("hardhat_setBalance", [account.address, "0xd3c21bcecceda1000000"]); // 1e24 wei
  }
  const world = await executorWorld(owner, operator);
  const result = {} as GasFigures;
  // BENCH_CASES=a,b limits the run to some cases (for quick comparisons while tuning).
  const only = process.env.BENCH_CASES ? process.env.BENCH_CASES.split(",") : undefined;
  for (const name of CASE_NAMES.filter((n) => only === undefined || only.includes(n))) {
    const snapshot = await ethers.provider.send("evm_snapshot", []);
    const c = await buildCase(world, name, 1n, DEADLINE);
    const state = await ethers.provider.send("evm_snapshot", []);
    result[name] = await gasOf(world, await world.executor.getAddress(), c.plan, name);
    await ethers.provider.send("evm_revert", [state]);
    const floor = await deployFloor(world, c);
    result[`${name}_floor`] = await gasOf(world, await floor.getAddress(), c.plan, `${name} floor`);
    await ethers.provider.send("evm_revert", [snapshot]);
  }
  await ethers.provider.send("evm_revert", [start]);
  return result;
}

async function main(): Promise<void> {
  const gas = await measureGas();
  const n = (x: number) => x.toLocaleString("en-US").padStart(9);
  console.log("case".padEnd(24) + "  gasUsed    floor   ratio  ceiling");
  for (const name of CASE_NAMES.filter((c) => gas[c] !== undefined)) {
    const used = gas[name];
    const floor = gas[`${name}_floor`];
    const ceiling = ceilingOf(floor);
    const verdict = used <= ceiling ? "  ok" : `  OVER by ${used - ceiling}`;
    const ratio = (used / floor).toFixed(4).padStart(8);
    console.log(name.padEnd(24) + n(used) + n(floor) + ratio + n(ceiling) + verdict);
  }
  console.log(JSON.stringify(gas));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
