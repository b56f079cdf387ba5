import { expect } from "chai";
import hre from "hardhat";
import type { KeeperEventMap } from "../../bot/events/keeperEvents";
import type { SimulationRequest } from "../../bot/decide/simulator";
import { inProcessRpc, keeperOnDevnet, latestRef } from "./harness";

const NO_DEADLINE = 2n ** 64n;

/**
 * The simulation is the real transaction: from the operator, priced as it will be paid. A honeypot
 * token that reverts whenever the transaction pays for gas (GasPriceTrapToken) passes a zero-price
 * eth_call and would revert in the block; priced like the real transaction, the simulation reverts
 * too, and the cycle is never submitted.
 */
describe("keeper simulates the real transaction (a token that reads tx.gasprice)", function () {
  const fixture = hre.deployments.createFixture(async (h) => {
    await h.deployments.fixture(["devnet"]);
    const [deployer] = await h.ethers.getSigners();
    const me = await deployer.getAddress();
    const trap = await (await h.ethers.getContractFactory("GasPriceTrapToken", deployer)).deploy();
    await trap.waitForDeployment();
    const trapAddress = (await trap.getAddress()).toLowerCase();
    const weth = await h.ethers.getContractAt(
      ["function deposit() payable", "function approve(address,uint256) returns (bool)"],
      (await h.deployments.get("WETH9")).address,
      deployer,
    );
    await (await weth.deposit({ value: 10n ** 21n })).wait();
    await (await trap.mint(me, 10n ** 24n)).wait();
    const pairs: string[] = [];
    // Uni: 100 TRAP : 100 WETH; Sushi: 100 TRAP : 150 WETH. A 50 % dislocation.
    for (const [prefix, wethAmount] of [
      ["Uni", 100n * 10n ** 18n],
      ["Sushi", 150n * 10n ** 18n],
    ] as const) {
      const router = await h.ethers.getContractAt(
        (await h.deployments.get(`${prefix}V2Router02`)).abi,
        (await h.deployments.get(`${prefix}V2Router02`)).address,
        deployer,
      );
      const factory = await h.ethers.getContractAt(
        (await h.deployments.get(`${prefix}V2Factory`)).abi,
        (await h.deployments.get(`${prefix}V2Factory`)).address,
      );
      await (await trap.approve(router.target, 2n ** 255n)).wait();
      await (await weth.approve(router.target, 2n ** 255n)).wait();
      await (
        await router.getFunction("addLiquidity")(
          trapAddress,
          weth.target,
          100n * 10n ** 18n,
          wethAmount,
          0n,
          0n,
          me,
          NO_DEADLINE,
        )
      ).wait();
      const pair = ((await factory.getFunction("getPair")(trapAddress, weth.target)) as string).toLowerCase();
      pairs.push(pair);
      await h.deployments.save(`${prefix}V2Pair_TRAP_WETH`, {
        address: pair,
        abi: (await h.deployments.get(`${prefix}V2Pair_WETH_USDC`)).abi,
      });
    }
    await (await trap.getFunction("arm")()).wait();
    return { trap: trapAddress, pairs };
  });

  it("the zero-price call would pass, the priced one reverts: nothing is submitted", async () => {
    const { pairs } = await fixture();
    const decisions: KeeperEventMap["decision"][0][] = [];
    const requests: SimulationRequest[] = [];
    const world = await keeperOnDevnet(hre, { maxSubmissionsPerBlock: 10 });
    world.events.on("decision", (d) => decisions.push(d));
    const simulator = (
      world.keeper as unknown as { deps: { simulator: { simulate(r: SimulationRequest): unknown } } }
    ).deps.simulator;
    const simulate = simulator.simulate.bind(simulator);
    simulator.simulate = (r: SimulationRequest) => {
      requests.push(r);
      return simulate(r);
    };
    await world.keeper.onHead(await latestRef(hre));
    await world.keeper.stop();

    const through = (path: readonly string[]) => path.some((p) => pairs.includes(p));
    const trapped = decisions.filter((d) => through(d.path));
    expect(trapped.length, JSON.stringify(decisions.map((d) => [d.code, d.path]))).to.be.greaterThan(0);
    for (const d of trapped) expect(d.accepted, d.code).to.equal(false);
    const reverted = trapped.filter((d) => d.code === "SIM_REVERT");
    expect(reverted.length).to.be.greaterThan(0);
    // The token refuses the pair's transfer out; the pair reports it.
    expect(reverted[0].message).to.match(/TRANSFER_FAILED|Trapped/);

    // The attack's premise: the same call at gas price zero returns the predicted profit.
    const request = requests.find((r) => r.route !== undefined && pairs.some((p) => r.route!.includes(p)))!;
    expect(request.maxFeePerGas, "simulated with the transaction's fees").to.be.greaterThan(0n);
    const free = await inProcessRpc(hre).call({
      from: request.from,
      to: request.to,
      data: request.data,
      blockTag: request.blockTag,
    });
    expect(BigInt(free.slice(0, 66))).to.equal(request.expectedKept);

    const db = world.journal.db;
    const keys = new Set(trapped.map((d) => d.key));
    const claimed = (
      db.prepare("SELECT idempotency_key AS k FROM submission_claims").all() as { k: string }[]
    )
      .map((r) => r.k)
      .filter((k) => keys.has(k));
    expect(claimed).to.deep.equal([]);
    await world.journal.close();
  });
});
