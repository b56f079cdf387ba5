import { expect } from "chai";
import hre, { deployments } from "hardhat";
import type { KeeperEventMap } from "../../bot/events/keeperEvents";
import { keeperOnDevnet, latestRef } from "./harness";
import { weirdTokenPairs } from "./weirdPairs";

/**
 * Issue 5, acceptance 1: a fee-on-transfer token (1 % burnt on every transfer) paired with WETH on
 * both V2 venues at prices far apart. The keeper's models see an arbitrage; the executor's eth_call
 * cannot realise it. It must never be submitted; the failed simulation is journaled and the token
 * and its pools are quarantined.
 */
describe("keeper quarantines a fee-on-transfer token", function () {
  const fixture = deployments.createFixture(async (h) => {
    await h.deployments.fixture(["devnet"]);
    const { token, pairs, weth } = await weirdTokenPairs(h, "FeeOnTransferToken", "FOT");
    return { fot: token, pairs, weth };
  });

  it("never submits a cycle through it, journals the failed simulation and quarantines the token and its pools", async () => {
    const { fot, pairs, weth } = await fixture();
    const decisions: KeeperEventMap["decision"][0][] = [];
    const handedOff: KeeperEventMap["handedOff"][0][] = [];
    const quarantined: KeeperEventMap["quarantine"][0][] = [];
    const world = await keeperOnDevnet(hre, { maxSubmissionsPerBlock: 10 });
    world.events.on("decision", (d) => decisions.push(d));
    world.events.on("handedOff", (h) => handedOff.push(h));
    world.events.on("quarantine", (q) => quarantined.push(q));
    expect(world.sync.store.get(pairs[0]), "the keeper tracks the FOT pairs").to.not.equal(undefined);
    await world.keeper.onHead(await latestRef(hre));
    // A second block: the quarantine must hold (no new attempt through the token).
    await hre.network.provider.request({ method: "evm_mine", params: [] });
    const before = decisions.length;
    await world.keeper.onHead(await latestRef(hre));
    await world.keeper.stop();

    const through = (path: readonly string[]) => path.some((p) => pairs.includes(p));
    const fotDecisions = decisions.filter((d) => through(d.path));
    expect(fotDecisions.length, JSON.stringify(decisions.map((d) => [d.code, d.path]))).to.be.greaterThan(0);
    for (const d of fotDecisions) expect(d.accepted, d.code).to.equal(false);
    expect(fotDecisions.map((d) => d.code)).to.satisfy((codes: string[]) =>
      codes.some((c) => c === "SIM_MISMATCH" || c === "SIM_REVERT"),
    );
    // After the quarantine, later blocks stop the token at the risk gate, before any simulation.
    for (const d of decisions.slice(before).filter((x) => through(x.path)))
      expect(d.code).to.not.be.oneOf(["SIM_MISMATCH", "SIM_REVERT", "ACCEPTED"]);

    const fotKeys = new Set(fotDecisions.map((d) => d.key));
    expect(handedOff.filter((h) => fotKeys.has(h.key))).to.deep.equal([]);
    const db = world.journal.db;
    const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    const opportunities = rows("SELECT idempotency_key, path FROM opportunities").filter((r) =>
      pairs.some((p) => String(r.path).toLowerCase().includes(p)),
    );
    expect(opportunities.length).to.be.greaterThan(0);
    for (const o of opportunities) {
      const key = o.idempotency_key as string;
      expect(
        db.prepare("SELECT count(*) AS n FROM submission_claims WHERE idempotency_key = ?").get(key),
      ).to.deep.equal({ n: 0 });
      expect(
        db.prepare("SELECT count(*) AS n FROM submissions WHERE idempotency_key = ?").get(key),
      ).to.deep.equal({ n: 0 });
    }
    const failedSims = rows(
      "SELECT idempotency_key, ok, error, simulated_profit FROM simulations WHERE ok = 0",
    ).filter((r) => opportunities.some((o) => o.idempotency_key === r.idempotency_key));
    expect(failedSims.length).to.be.greaterThan(0);

    const q = await world.journal.quarantines();
    expect(
      q.some((x) => x.kind === "token" && x.address === fot),
      JSON.stringify(q),
    ).to.equal(true);
    for (const p of pairs)
      expect(
        q.some((x) => x.kind === "pool" && x.address === p),
        p,
      ).to.equal(true);
    // WETH is a base token: never quarantined.
    expect(q.some((x) => x.kind === "token" && x.address === weth)).to.equal(false);
    expect(quarantined.some((x) => x.kind === "token" && x.address === fot)).to.equal(true);
    await world.journal.close();
  });
});
