import { expect } from "chai";
import hre, { deployments, ethers, network } from "hardhat";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { PoolStore } from "../../bot/state/poolStore";
import { StateSync } from "../../bot/state/stateSync";
import { devnetPools, randomMarketStep, type MarketActors } from "../helpers/devnetMarket";
import { expectSameState } from "../helpers/expectSameState";
import { freshRead } from "../helpers/freshRead";
import { inProcessRpc } from "../keeper/harness";

/** A fresh read of every pool at the latest block, independent of the live store. */
async function freshReadAtHead(pools: readonly PoolDescriptor[]): Promise<PoolStore> {
  const head = Number(await network.provider.request({ method: "eth_blockNumber", params: [] }));
  return await freshRead(inProcessRpc(hre), pools, head);
}

describe("StateSync on the devnet", function () {
  let pools: PoolDescriptor[];
  let actors: MarketActors;

  const setup = deployments.createFixture(async (hre) => {
    await hre.deployments.fixture(["devnet"]);
    return await devnetPools(hre);
  });

  beforeEach(async () => {
    ({ pools, actors } = await setup());
  });

  const latestRef = async () => {
    const b = await ethers.provider.getBlock("latest");
    return { number: b!.number, hash: b!.hash!, parentHash: b!.parentHash };
  };

  it("reads every V2 pair and V3 pool in a handful of requests", async () => {
    const rpc = inProcessRpc(hre);
    const sync = new StateSync(rpc);
    const { unreadable } = await sync.start(pools);
    expect(unreadable).to.deep.equal([]);
    expect(sync.store.size).to.equal(pools.length);
    expect(pools.some((p) => p.kind === "uniswap-v3")).to.equal(true);
    // In-process there is no batching, so this counts eth_calls: a few per venue kind (each kind's
    // reader batches its own pools), not one per pool.
    const kinds = new Set(pools.map((p) => p.kind)).size;
    expect(kinds).to.equal(3);
    expect(rpc.requestCount).to.be.at.most(8 * kinds);
    expect(pools.length).to.be.at.least(20);
    expectSameState(sync.store, await freshReadAtHead(pools));
  });

  it("stays exactly equal to the chain through random swaps, mints and burns, from logs alone", async () => {
    const sync = new StateSync(inProcessRpc(hre));
    await sync.start(pools);
    let seed = 7;
    for (let block = 0; block < 40; block++) {
      seed = await randomMarketStep(actors, seed);
      const advance = await sync.advance(await latestRef());
      expect(advance.applied.length).to.be.greaterThan(0);
    }
    expectSameState(sync.store, await freshReadAtHead(pools));
  });

  it("catches up several missed blocks at once", async () => {
    const sync = new StateSync(inProcessRpc(hre));
    await sync.start(pools);
    let seed = 11;
    for (let i = 0; i < 5; i++) seed = await randomMarketStep(actors, seed);
    const advance = await sync.advance(await latestRef());
    expect(advance.applied.length).to.be.at.least(5);
    expectSameState(sync.store, await freshReadAtHead(pools));
  });

  it("rolls back a reorg to the common ancestor and ends equal to the canonical chain", async () => {
    const sync = new StateSync(inProcessRpc(hre));
    await sync.start(pools);
    let seed = 3;
    const fork = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    const ancestor = await latestRef();
    for (let i = 0; i < 4; i++) {
      seed = await randomMarketStep(actors, seed);
      await sync.advance(await latestRef());
    }
    const orphanTip = await latestRef();
    // Replace the four blocks with a different branch: same heights, other transactions.
    await network.provider.request({ method: "evm_revert", params: [fork] });
    seed = 1234;
    for (let i = 0; i < 5; i++) seed = await randomMarketStep(actors, seed);
    const head = await latestRef();
    expect(head.number).to.be.greaterThan(orphanTip.number);
    const advance = await sync.advance(head);
    expect(advance.reorg?.ancestor).to.equal(ancestor.number);
    expect(advance.reorg?.dropped.map((b) => b.hash)).to.include(orphanTip.hash);
    expect(sync.tip?.hash).to.equal(head.hash);
    expectSameState(sync.store, await freshReadAtHead(pools));
  });
});
