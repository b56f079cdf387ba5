/**
 * The gas floor of a standard case: contracts/test/gas/GasFloor.sol deployed with the case's pools,
 * amounts, lender and tip fixed at deployment, and holding what the executor holds, so that sent the
 * case's own calldata it makes the executor's pool, token and lender calls and nothing else. Used
 * by scripts/bench/gas.ts, from the same state as the case.
 */
import { ethers } from "hardhat";
import type { Contract } from "ethers";
import type { Plan } from "../../bot/plan/planEncoding";
import { E18, type Case } from "./cases";
import type { ExecutorWorld } from "./fixture";

const SHAPE: Record<Plan["funding"]["mode"], number> = {
  inventory: 0,
  v2flash: 1,
  v3flash: 2,
  balancer: 3,
  aave: 4,
};

/** Aave's premium on the fixture's Pool: 5 bps, rounded half up (PercentageMath.percentMul). */
function aavePremium(amount: bigint): bigint {
  return (amount * 5n + 5_000n) / 10_000n;
}

export async function deployFloor(w: ExecutorWorld, c: Case): Promise<Contract> {
  const { spec } = c;
  const mode = spec.funding.mode;
  const pools = spec.hops.map((h) => ("pair" in h ? h.pair : h.pool));
  const amountsOut = spec.hops.map((h) => ("amountOut" in h ? h.amountOut : 0n));
  const computed = spec.hops.find((h) => "feeBps" in h);
  let tip = 0n;
  if (spec.tip.kind !== "none") {
    if (spec.tip.from !== "weth") throw new Error("the gas floor pays tips by unwrapping WETH only");
    tip = spec.tip.kind === "share" ? (c.profit * BigInt(spec.tip.bps)) / 10_000n : spec.tip.wei;
  }
  const lender =
    mode === "balancer"
      ? await w.vault.getAddress()
      : mode === "aave"
        ? await w.aave.pool.getAddress()
        : ethers.ZeroAddress;
  const floor = (await (
    await ethers.getContractFactory("GasFloor", w.owner)
  ).deploy({
    shape: SHAPE[mode],
    token: spec.token,
    amountIn: spec.amountIn,
    lender,
    repay: mode === "aave" ? spec.amountIn + aavePremium(spec.amountIn) : spec.amountIn,
    pools,
    amountsOut,
    zeroForOne: spec.hops.reduce((bits, h, i) => bits | (h.zeroForOne ? 1n << BigInt(i) : 0n), 0n),
    feeBps: computed !== undefined && "feeBps" in computed ? computed.feeBps : 0,
    tip,
    weth: await w.weth.getAddress(),
  })) as unknown as Contract;
  await floor.waitForDeployment();
  // What the executor holds (fixture.ts), so that its balance slots change as the executor's do.
  await w.weth.transfer(await floor.getAddress(), 100n * E18);
  await w.tka.transfer(await floor.getAddress(), 100_000n * E18);
  return floor;
}
