import { expect } from "chai";
import hre, { deployments } from "hardhat";
import type { KeeperEventMap } from "../../bot/events/keeperEvents";
import { keeperOnDevnet, latestRef } from "./harness";

describe("keeper end to end on the devnet (direct submission)", function () {
  const fixture = deployments.createFixture(async (h) => {
    await h.deployments.fixture(["devnet"]);
  });
  beforeEach(async () => fixture());

  it("finds the devnet's dislocations, simulates them exactly, lands them, and realises exactly the predicted profit", async () => {
    const world = await keeperOnDevnet(hre);
    const decisions: KeeperEventMap["decision"][0][] = [];
    const outcomes: KeeperEventMap["outcome"][0][] = [];
    world.events.on("decision", (d) => decisions.push(d));
    world.events.on("outcome", (o) => outcomes.push(o));
    await world.keeper.onHead(await latestRef(hre));
    await world.keeper.stop();
    const accepted = decisions.filter((d) => d.accepted);
    expect(accepted.length, JSON.stringify(decisions.map((d) => [d.code, d.message]))).to.be.greaterThan(0);
    expect(outcomes.length).to.equal(accepted.length);
    for (const o of outcomes) {
      expect(
        o.outcome.kind,
        JSON.stringify(o.outcome, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
      ).to.equal("included");
      if (o.outcome.kind === "included") expect(o.outcome.realisedProfit).to.equal(o.predictedProfit);
    }
    const status = await world.journal.status({ breaker: world.settings.limits.breaker });
    expect(status.outcomes.included).to.equal(outcomes.length);
    await world.journal.close();
  });

  it("lands cycles through PancakeSwap V3 pools (their hop kind and callback), each realising exactly its prediction", async () => {
    // Three submissions a block: each is mined in a block of its own here (automine), and a plan is
    // valid for three blocks.
    const world = await keeperOnDevnet(hre, {}, undefined, (p) =>
      ["pancakeswap-v3", "uniswap-v2"].includes(p.kind),
    );
    const pancake = new Set(
      [...world.sync.store.all()].filter((m) => m.kind === "pancakeswap-v3").map((m) => m.address),
    );
    expect(pancake.size).to.equal(7);
    const outcomes: KeeperEventMap["outcome"][0][] = [];
    const paths = new Map<string, readonly string[]>();
    world.events.on("decision", (d) => paths.set(d.key, d.path));
    world.events.on("outcome", (o) => outcomes.push(o));
    for (let i = 0; i < 4; i++) {
      await world.keeper.onHead(await latestRef(hre));
      await hre.network.provider.request({ method: "evm_mine", params: [] });
    }
    await world.keeper.stop();
    const through = outcomes.filter((o) => paths.get(o.key)!.some((p) => pancake.has(p)));
    expect(through.length, "no cycle through a PancakeSwap V3 pool landed").to.be.greaterThan(0);
    for (const o of through) {
      expect(
        o.outcome.kind,
        JSON.stringify(o.outcome, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
      ).to.equal("included");
      if (o.outcome.kind === "included") expect(o.outcome.realisedProfit).to.equal(o.predictedProfit);
    }
    await world.journal.close();
  });
});
