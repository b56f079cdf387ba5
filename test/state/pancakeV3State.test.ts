/**
 * PancakeSwap V3 through the venue seam: its pools are found from its factory's PoolCreated logs,
 * read with the V3 readers, and kept exact from its own Swap log (two more fields than Uniswap V3's,
 * so another topic: the bug that left such pools stale when they were configured as uniswap-v3) and
 * the Mint and Burn logs it shares with Uniswap V3.
 */
import { expect } from "chai";
import hre, { deployments, ethers } from "hardhat";
import type { Contract } from "ethers";
import { discoverPools } from "../../bot/state/discoverPools";
import { FactoryIndex } from "../../bot/state/factoryIndex";
import { StateSync } from "../../bot/state/stateSync";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../../bot/venues/uniswap-v3/math/tickMath";
import { V3_TOPICS } from "../../bot/venues/uniswap-v3/events";
import { PANCAKE_V3_SWAP_TOPIC } from "../../bot/venues/pancakeswap-v3/events";
import type { V3Descriptor } from "../../bot/venues/uniswap-v3/venue";
import { Prng } from "../../bot/core/prng";
import { devnetFixture } from "../fixtures/devnet";
import { expectSameState } from "../helpers/expectSameState";
import { freshRead } from "../helpers/freshRead";
import { inProcessRpc, latestRef } from "../keeper/harness";

describe("PancakeSwap V3 pools through the venue seam (devnet)", function () {
  const setup = deployments.createFixture(async () => {
    const net = await devnetFixture();
    const swapper = (await (await ethers.getContractFactory("PoolSwapper")).deploy()) as unknown as Contract;
    const me = await swapper.getAddress();
    for (const symbol of ["USDC", "USDT", "DAI", "WBTC", "LINK"] as const) {
      await net.tokens[symbol].mint(me, 10n ** 30n);
    }
    await net.weth.getFunction("deposit")({ value: 10n ** 23n });
    await net.weth.getFunction("transfer")(me, 10n ** 23n);
    return { net, swapper };
  });

  async function discover(net: Awaited<ReturnType<typeof devnetFixture>>): Promise<V3Descriptor[]> {
    const factory = (await net.pancakeV3.factory.getAddress()).toLowerCase();
    const index = new FactoryIndex([{ venue: "PancakeSwap V3", kind: "pancakeswap-v3", factory }]);
    const head = await latestRef(hre);
    return (await discoverPools(inProcessRpc(hre), index, {
      fromBlock: 0,
      toBlock: head.number,
      span: 100_000,
    })) as V3Descriptor[];
  }

  it("discovers every pool of the factory as the pancakeswap-v3 kind, with its fee, spacing and creation block", async () => {
    const { net } = await setup();
    const found = await discover(net);
    const expected = await Promise.all(Object.values(net.pancakePools).map((p) => p.getAddress()));
    expect(found.map((d) => d.address).sort()).to.deep.equal(expected.map((a) => a.toLowerCase()).sort());
    for (const d of found) {
      expect(d.kind).to.equal("pancakeswap-v3");
      expect(d.createdAt).to.be.a("number");
      expect([1, 10, 50, 200]).to.include(d.tickSpacing);
    }
  });

  it("stays equal to a fresh read through random swaps, mints and burns, from its own logs", async () => {
    const { net, swapper } = await setup();
    const pools = await discover(net);
    const rpc = inProcessRpc(hre);
    const sync = new StateSync(rpc);
    const started = await sync.start(pools);
    expect(started.unreadable).to.deep.equal([]);
    // Young pools: their ticks come from their Mint logs (checked against the bitmap walk below).
    expect(started.v3Ticks.fromMintLogs).to.equal(pools.length);
    const rng = new Prng(0xcafe);
    const positions: { pool: string; lower: number; upper: number; amount: bigint }[] = [];
    let pancakeSwaps = 0;
    for (let block = 0; block < 12; block++) {
      const d = pools[rng.int(0, pools.length - 1)];
      const pool = d.address;
      const zeroForOne = rng.next() < 0.5;
      const amount = 10n ** BigInt(rng.int(15, 21)) * BigInt(rng.int(1, 9));
      const receipt = await (
        await swapper.swapV3(pool, zeroForOne, amount, zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n)
      ).wait();
      const topics = receipt.logs
        .filter((l: { address: string }) => l.address.toLowerCase() === pool)
        .map((l: { topics: string[] }) => l.topics[0]);
      pancakeSwaps += topics.filter((t: string) => t === PANCAKE_V3_SWAP_TOPIC).length;
      expect(topics, "no Uniswap V3 Swap log from a PancakeSwap pool").to.not.include(V3_TOPICS.swap);
      if (block % 3 === 0) {
        const slot0 = await new ethers.Contract(
          pool,
          ["function slot0() view returns (uint160,int24)"],
          ethers.provider,
        ).slot0();
        const tick = Number(slot0[1]);
        const lower = (Math.floor(tick / d.tickSpacing) - rng.int(1, 5)) * d.tickSpacing;
        const upper = lower + rng.int(1, 8) * d.tickSpacing;
        const liquidity = 10n ** BigInt(rng.int(12, 18));
        await swapper.mintV3Batch(pool, [lower], [upper], [liquidity]);
        positions.push({ pool, lower, upper, amount: liquidity });
      }
      if (block % 4 === 3 && positions.length > 0) {
        const p = positions.shift()!;
        await swapper.burnV3(p.pool, p.lower, p.upper, p.amount);
      }
      const head = await latestRef(hre);
      const advance = await sync.advance(head);
      expect(advance.changed.has(pool)).to.equal(true);
    }
    expect(pancakeSwaps).to.equal(12);
    expectSameState(sync.store, await freshRead(rpc, pools, (await latestRef(hre)).number));
  });
});
