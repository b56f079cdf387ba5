import { expect } from "chai";
import hre, { deployments, ethers } from "hardhat";
import { JsonRpcChainRpc, type ChainRpc } from "../../bot/chain/chainRpc";
import { discoverPools } from "../../bot/state/discoverPools";
import { syncPools } from "../../bot/state/initialSync";
import { FactoryIndex } from "../../bot/state/factoryIndex";
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from "../../bot/venues/common/syncLimits";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { V3_TOPICS } from "../../bot/venues/uniswap-v3/events";
import { PoolStore } from "../../bot/state/poolStore";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { devnetPools, randomMarketStep, type MarketActors } from "../helpers/devnetMarket";
import { expectSameState } from "../helpers/expectSameState";
import { freshRead } from "../helpers/freshRead";
import { inProcessRpc } from "../keeper/harness";

/**
 * The initial sync's Mint-log route for young V3 pools (bot/state/initialSync.ts, V3TickReader):
 * ticks listed from the pools' Mint logs, read exactly, checked against the pools' liquidity, and
 * the bitmap walk as the fallback. Every result is compared with a walk of the whole bitmap.
 */
describe("V3 ticks from Mint logs (devnet)", function () {
  let actors: MarketActors;
  let discovered: PoolDescriptor[];

  const setup = deployments.createFixture(async (env) => {
    await env.deployments.fixture(["devnet"]);
    const { actors } = await devnetPools(env);
    let seed = 99;
    // Swaps, mints across ticks and burns (some to zero) on every venue.
    for (let block = 0; block < 30; block++) seed = await randomMarketStep(actors, seed);
    return { actors };
  });

  const head = async () => (await ethers.provider.getBlock("latest"))!.number;

  /** The devnet's pools as discovery finds them: V3 pools carry the block that created them. */
  async function discover(rpc: ChainRpc): Promise<PoolDescriptor[]> {
    const d = await deployments.all();
    return await discoverPools(
      rpc,
      new FactoryIndex([
        { venue: "uni", factory: d.UniV2Factory.address.toLowerCase(), kind: "uniswap-v2", feeBps: 30 },
        { venue: "sushi", factory: d.SushiV2Factory.address.toLowerCase(), kind: "uniswap-v2", feeBps: 30 },
        { venue: "uniV3", factory: d.UniV3Factory.address.toLowerCase(), kind: "uniswap-v3" },
      ]),
      { fromBlock: 0, toBlock: await head(), span: 100_000 },
    );
  }

  /** An in-process rpc whose logsInRange is replaced. */
  function withLogs(logsInRange: ChainRpc["logsInRange"]): JsonRpcChainRpc {
    const rpc = inProcessRpc(hre);
    rpc.logsInRange = logsInRange;
    return rpc;
  }

  const v3Count = () => discovered.filter((p) => p.kind === "uniswap-v3").length;

  beforeEach(async () => {
    ({ actors } = await setup());
    discovered = await discover(inProcessRpc(hre));
    expect(v3Count()).to.be.at.least(3);
    expect(discovered.every((p) => p.kind === "uniswap-v2" || p.createdAt !== undefined)).to.equal(true);
  });

  it("reads every young V3 pool at its minted ticks, exactly as a walk of its whole bitmap", async () => {
    const rpc = inProcessRpc(hre);
    const block = await head();
    const store = new PoolStore();
    const result = await syncPools(rpc, store, discovered, block);
    expect(result.unreadable).to.deep.equal([]);
    expect(result.v3Ticks).to.deep.equal({ fromMintLogs: v3Count(), fromBitmap: 0 });
    expectSameState(store, await freshRead(inProcessRpc(hre), discovered, block));
    const ticks = [...store.all()].filter((p) => p instanceof UniswapV3Pool).map((p) => p.ticks.length);
    expect(ticks.reduce((a, b) => a + b, 0)).to.be.greaterThan(2 * v3Count());
  });

  it("leaves out a minted tick that was burnt back to zero", async () => {
    const p = actors.v3.find((v) => v.spacing === 60) ?? actors.v3[0];
    const slot0 = await p.pool.slot0();
    // Far from the price and from every tick the market minted, so no other position shares them.
    const lower = Math.floor(Number(slot0.tick) / p.spacing) * p.spacing + p.spacing * 5000;
    const upper = lower + p.spacing * 7;
    const mint = await actors.positions.mint({
      token0: p.token0,
      token1: p.token1,
      fee: p.fee,
      tickLower: lower,
      tickUpper: upper,
      amount0Desired: 10n ** 18n,
      amount1Desired: 10n ** 18n,
      amount0Min: 0n,
      amount1Min: 0n,
      recipient: actors.traderAddress,
      deadline: 2n ** 64n,
    });
    const receipt = await mint.wait();
    const topic = actors.positions.interface.getEvent("IncreaseLiquidity")!.topicHash;
    const increase = actors.positions.interface.parseLog(
      receipt!.logs.find((l: { topics: readonly string[] }) => l.topics[0] === topic)!,
    )!;
    const { tokenId, liquidity } = increase.args as unknown as { tokenId: bigint; liquidity: bigint };
    expect(liquidity > 0n).to.equal(true);
    const before = new PoolStore();
    await syncPools(inProcessRpc(hre), before, discovered, await head());
    const pool = () => [...before.all()].find((x) => x.address === p.address) as UniswapV3Pool;
    expect(pool().ticks.index).to.include.members([lower, upper]);

    await actors.positions.decreaseLiquidity({
      tokenId,
      liquidity,
      amount0Min: 0n,
      amount1Min: 0n,
      deadline: 2n ** 64n,
    });
    const block = await head();
    const after = new PoolStore();
    const result = await syncPools(inProcessRpc(hre), after, discovered, block);
    expect(result.v3Ticks.fromMintLogs).to.equal(v3Count());
    const read = [...after.all()].find((x) => x.address === p.address) as UniswapV3Pool;
    expect(read.ticks.index).to.not.include.members([lower]);
    expect(read.ticks.index).to.not.include.members([upper]);
    expectSameState(after, await freshRead(inProcessRpc(hre), discovered, block));
  });

  it("walks the bitmap when the logs cannot be read, with the same state", async () => {
    const rpc = withLogs(async () => {
      throw new Error("query returned more than 10000 results");
    });
    const block = await head();
    const store = new PoolStore();
    const result = await syncPools(rpc, store, discovered, block);
    expect(result.v3Ticks).to.deep.equal({ fromMintLogs: 0, fromBitmap: v3Count() });
    expectSameState(store, await freshRead(inProcessRpc(hre), discovered, block));
  });

  it("walks the bitmap for a pool whose logs miss its mints (a log source behind the state)", async () => {
    const honest = inProcessRpc(hre);
    const victim = discovered.find((p) => p.kind === "uniswap-v3")!.address;
    const rpc = withLogs(async (from, to, topics, addresses) =>
      (await honest.logsInRange(from, to, topics, addresses)).filter(
        (l) => l.address.toLowerCase() !== victim,
      ),
    );
    const block = await head();
    const store = new PoolStore();
    const result = await syncPools(rpc, store, discovered, block);
    expect(result.v3Ticks).to.deep.equal({ fromMintLogs: v3Count() - 1, fromBitmap: 1 });
    expectSameState(store, await freshRead(inProcessRpc(hre), discovered, block));
  });

  it("walks the bitmap for pools older than v3MintLogBlocks, and asks for no logs", async () => {
    let logRequests = 0;
    const honest = inProcessRpc(hre);
    const rpc = withLogs(async (...args) => {
      logRequests++;
      return await honest.logsInRange(...args);
    });
    const block = await head();
    const oldest = Math.min(...discovered.flatMap((p) => (p.kind === "uniswap-v3" ? [p.createdAt!] : [])));
    const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, v3MintLogBlocks: block - oldest };
    const store = new PoolStore();
    const result = await syncPools(rpc, store, discovered, block, limits);
    const young = discovered.filter((p) => p.kind === "uniswap-v3" && block - p.createdAt! < block - oldest);
    expect(result.v3Ticks).to.deep.equal({
      fromMintLogs: young.length,
      fromBitmap: v3Count() - young.length,
    });
    expect(logRequests).to.equal(young.length > 0 ? 1 : 0);
    expectSameState(store, await freshRead(inProcessRpc(hre), discovered, block));
  });

  it("asks for Mint logs in spans of logSpan blocks, and only for the young pools", async () => {
    const seen: { from: number; to: number; topics: readonly string[]; addresses: number }[] = [];
    const honest = inProcessRpc(hre);
    const rpc = withLogs(async (from, to, topics, addresses) => {
      seen.push({ from, to, topics, addresses: addresses?.length ?? -1 });
      return await honest.logsInRange(from, to, topics, addresses);
    });
    const block = await head();
    const first = Math.min(...discovered.flatMap((p) => (p.kind === "uniswap-v3" ? [p.createdAt!] : [])));
    const span = Math.ceil((block - first + 1) / 3);
    const store = new PoolStore();
    await syncPools(rpc, store, discovered, block, {
      ...DEFAULT_SYNC_LIMITS,
      logSpan: span,
      logAddresses: 2,
    });
    const groups = Math.ceil(v3Count() / 2);
    expect(seen.length).to.equal(groups * 3);
    expect(
      seen.every((s) => s.topics.length === 1 && s.topics[0] === V3_TOPICS.mint && s.addresses <= 2),
    ).to.equal(true);
    expect(Math.min(...seen.map((s) => s.from))).to.equal(first);
    expect(Math.max(...seen.map((s) => s.to))).to.equal(block);
    expectSameState(store, await freshRead(inProcessRpc(hre), discovered, block));
  });
});
