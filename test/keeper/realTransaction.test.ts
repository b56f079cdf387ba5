import { expect } from "chai";
import hre from "hardhat";
import type { KeeperEventMap } from "../../bot/events/keeperEvents";
import type { SimulationRequest } from "../../bot/decide/simulator";
import { inProcessRpc, keeperOnDevnet, latestRef } from "./harness";
import { weirdTokenPairs } from "./weirdPairs";

/**
 * The simulation is the real transaction: from the operator, priced as it will be paid. A honeypot
 * token that reverts whenever the transaction pays for gas (GasPriceTrapToken) passes a zero-price
 * eth_call and would revert in the block; priced like the real transaction, the simulation reverts
 * too, and the cycle is never submitted.
 */
describe("keeper simulates the real transaction (a token that reads tx.gasprice)", function () {
  const fixture = hre.deployments.createFixture(async (h) => {
    await h.deployments.fixture(["devnet"]);
    const { token, pairs } = await weirdTokenPairs(h, "GasPriceTrapToken", "TRAP");
    // Sprung once the pools are seeded: from now on only a zero-price call can move the token.
    const trap = await h.ethers.getContractAt("GasPriceTrapToken", token);
    await (await trap.getFunction("arm")()).wait();
    return { trap: token, pairs };
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
