import { expect } from "chai";
import hre, { deployments } from "hardhat";
import type { KeeperEventMap } from "../../bot/events/keeperEvents";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { PoolStore } from "../../bot/state/poolStore";
import { devnetPools, randomMarketStep, type MarketActors } from "../helpers/devnetMarket";
import { inProcessRpc, keeperOnDevnet, latestRef } from "./harness";
import { expectSameState } from "../helpers/expectSameState";
import { freshRead } from "../helpers/freshRead";

async function freshReadAtHead(pools: readonly PoolDescriptor[]): Promise<PoolStore> {
  const head = Number(await hre.network.provider.request({ method: "eth_blockNumber", params: [] }));
  return await freshRead(inProcessRpc(hre), pools, head);
}

async function canonicalHash(n: number): Promise<string | undefined> {
  const b = (await hre.network.provider.request({
    method: "eth_getBlockByNumber",
    params: ["0x" + n.toString(16), false],
  })) as { hash: string } | null;
  return b?.hash;
}

/** Waits until the keeper has no submission in flight (direct submission mines its own block). */
async function settled(world: Awaited<ReturnType<typeof keeperOnDevnet>>): Promise<void> {
  const until = Date.now() + 20_000;
  while (world.keeper.pendingSubmissions > 0) {
    if (Date.now() > until) throw new Error("submissions still in flight");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Issue 5, acceptance 2: a reorg at keeper level. Hardhat's in-process network has no anvil_reorg;
 * evm_snapshot before the branch and evm_revert to it, then mining other blocks at the same
 * heights, is its equivalent: the blocks above the snapshot are replaced by another branch with
 * other hashes and other transactions.
 */
describe("keeper across a reorg (evm_snapshot/evm_revert, the in-process anvil_reorg)", function () {
  const fixture = deployments.createFixture(async (h) => {
    await h.deployments.fixture(["devnet"]);
  });

  it("ends equal to the canonical chain, reports the reorg, and never decides on an orphaned block after it", async () => {
    await fixture();
    const world = await keeperOnDevnet(hre);
    const pools = [...world.sync.store.all()].map((p) => world.sync.store.descriptor(p.address)!);
    const { actors } = (await devnetPools(hre)) as { actors: MarketActors };

    // Every decision is tied to the tip it was made on: the hash of the last `block` event
    // (decisions of a block follow its block event, and heads are processed one at a time).
    const blocks: KeeperEventMap["block"][0][] = [];
    const decided: { number: number; hash: string; afterReorg: boolean; code: string }[] = [];
    const offTip: string[] = [];
    world.events.on("block", (b) => blocks.push(b));
    world.events.on("decision", (d) => {
      const tip = blocks[blocks.length - 1];
      // No expect here: a throw inside a listener would be caught by the keeper as a fault.
      if (d.block !== tip.number) offTip.push(`${d.block} decided on tip ${tip.number}`);
      decided.push({
        number: d.block,
        hash: tip.hash,
        afterReorg: blocks.some((b) => b.reorgDepth > 0),
        code: d.code,
      });
    });

    await world.keeper.onHead(await latestRef(hre));
    await settled(world);
    const fork = (await hre.network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    const ancestor = await latestRef(hre);

    // Branch A: the keeper follows it block by block (and may land trades in it).
    let seed = 7;
    const orphanHashes = new Set<string>();
    const canonicalWhenDecided = new Map<string, string>();
    for (let i = 0; i < 4; i++) {
      seed = await randomMarketStep(actors, seed);
      const head = await latestRef(hre);
      await world.keeper.onHead(head);
      await settled(world);
      const tip = (await latestRef(hre)).number;
      for (let n = ancestor.number + 1; n <= tip; n++) {
        const h = (await canonicalHash(n))!;
        orphanHashes.add(h);
        canonicalWhenDecided.set(`${n}:${h}`, h);
      }
    }
    const orphanTip = await latestRef(hre);
    expect(decided.length, "the keeper made decisions on branch A").to.be.greaterThan(0);

    // Branch B replaces everything above the ancestor, one block longer than A was.
    await hre.network.provider.request({ method: "evm_revert", params: [fork] });
    seed = 4242;
    while ((await latestRef(hre)).number <= orphanTip.number) seed = await randomMarketStep(actors, seed);
    const beforeReorg = blocks.length;
    await world.keeper.onHead(await latestRef(hre));
    await settled(world);
    const reorgEvents = blocks.slice(beforeReorg).filter((b) => b.reorgDepth > 0);
    expect(reorgEvents.length, JSON.stringify(blocks.slice(beforeReorg))).to.equal(1);
    expect(reorgEvents[0].reorgDepth).to.be.greaterThan(0);

    // A late head from the orphaned branch (a slow subscription) must not bring it back.
    await world.keeper.onHead(orphanTip);
    // And the keeper carries on along branch B.
    for (let i = 0; i < 3; i++) {
      seed = await randomMarketStep(actors, seed);
      await world.keeper.onHead(await latestRef(hre));
      await settled(world);
    }
    // A direct submission mines its own block after the keeper saw the head it came from: let the
    // keeper follow those blocks too before comparing with the chain.
    for (let i = 0; i < 5 && world.sync.tip?.hash !== (await latestRef(hre)).hash; i++) {
      await world.keeper.onHead(await latestRef(hre));
      await settled(world);
    }
    await world.keeper.stop();

    const head = await latestRef(hre);
    expect(world.sync.tip?.hash).to.equal(head.hash);
    expectSameState(world.sync.store, await freshReadAtHead(pools));

    // The orphaned branch really was replaced.
    for (let n = ancestor.number + 1; n <= orphanTip.number; n++) {
      expect(orphanHashes.has((await canonicalHash(n))!), `block ${n} still canonical`).to.equal(false);
    }
    // Block events after the reorg are all on the canonical chain.
    for (const b of blocks.slice(beforeReorg))
      expect(await canonicalHash(b.number), `block event ${b.number}`).to.equal(b.hash);

    expect(offTip, "a decision is on the tip just applied").to.deep.equal([]);
    const after = decided.filter((d) => d.afterReorg);
    expect(after.length, "the keeper decided after the reorg").to.be.greaterThan(0);
    for (const d of after) {
      expect(orphanHashes.has(d.hash), `decision on orphaned ${d.number}`).to.equal(false);
      expect(await canonicalHash(d.number), `decision on ${d.number}`).to.equal(d.hash);
    }
    // Decisions before the reorg were on blocks that were canonical at the time.
    for (const d of decided.filter((x) => !x.afterReorg)) {
      const canonicalNow = await canonicalHash(d.number);
      expect(
        canonicalNow === d.hash || canonicalWhenDecided.has(`${d.number}:${d.hash}`),
        `decision on ${d.number} ${d.hash}`,
      ).to.equal(true);
    }
    await world.journal.close();
  });
});
