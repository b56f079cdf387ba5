/**
 * Small helpers shared by the executor's tests: sending a plan, building plans with defaults, and
 * a pair of V2 venues (uni cheaper, sushi 2 % dearer in WETH) for any token, including the weird ones.
 */
import { ethers } from "hardhat";
import type { Contract, Signer } from "ethers";
import { encodeExecute, type Plan } from "../../bot/plan/planEncoding";
import { npmArtifact, V2_PAIR, type ExecutorWorld } from "./fixture";
import { deadline, E18 } from "./cases";

/** Sends `execute()` calldata to the executor from `signer` (the operator by default). */
export async function run(w: ExecutorWorld, data: string, signer: Signer = w.operator) {
  return signer.sendTransaction({ to: await w.executor.getAddress(), data });
}

/** A plan with defaults: inventory funding, WETH, 1 WETH in, 1 wei of profit, no tip. */
export async function planData(w: ExecutorWorld, plan: Partial<Plan> & Pick<Plan, "hops">): Promise<string> {
  return encodeExecute({
    deadlineBlock: await deadline(),
    funding: { mode: "inventory" },
    token: await w.weth.getAddress(),
    amountIn: E18,
    minProfit: 1n,
    tip: { kind: "none" },
    ...plan,
  });
}

export async function balanceOf(
  token: Contract,
  account: { getAddress(): Promise<string> } | string,
): Promise<bigint> {
  const who = typeof account === "string" ? account : await account.getAddress();
  return (await token.balanceOf(who)) as bigint;
}

/**
 * WETH/`token` pairs on both V2 venues, funded by minting (no transfer, so even fee-on-transfer and
 * rebasing tokens start with exact reserves): 100 WETH against 300,000 on uni, 306,000 on sushi.
 */
export async function weirdPairs(
  w: ExecutorWorld,
  token: Contract,
): Promise<{ uni: Contract; sushi: Contract }> {
  const abi = npmArtifact(V2_PAIR).abi;
  const weth = await w.weth.getAddress();
  const address = await token.getAddress();
  const make = async (factory: Contract, tokenAmount: bigint) => {
    await factory.createPair(weth, address);
    const pair = new ethers.Contract(await factory.getPair(weth, address), abi, w.owner) as Contract;
    await w.weth.transfer(await pair.getAddress(), 100n * E18);
    await token.mint(await pair.getAddress(), tokenAmount);
    await pair.mint(w.owner.address);
    return pair;
  };
  return { uni: await make(w.uniFactory, 300_000n * E18), sushi: await make(w.sushiFactory, 306_000n * E18) };
}
