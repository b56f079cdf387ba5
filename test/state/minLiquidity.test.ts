import { expect } from "chai";
import hre, { deployments, ethers } from "hardhat";
import type { Address } from "../../bot/core/address";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { inProcessRpc } from "../keeper/harness";
import type { ChainConfig } from "../../bot/config/types";
import {
  discoverConfiguredPools,
  factoryIndexOf,
  minLiquidityAdmission,
} from "../../bot/app/configuredPools";
import { ONE_USD } from "../../bot/decide/risk/limits";
import { PriceTable } from "../../bot/prices/priceTable";
import { poolLiquidityUsd, poolsBelow } from "../../bot/state/liquidity";
import { freshRead } from "../helpers/freshRead";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { PoolStore } from "../../bot/state/poolStore";
import { StateSync } from "../../bot/state/stateSync";
import { devnetPools, type MarketActors } from "../helpers/devnetMarket";
import { expectSameState } from "../helpers/expectSameState";

const WETH = "0x" + "e1".repeat(20);
const USDC = "0x" + "0c".repeat(20);
const OTHER = "0x" + "77".repeat(20);
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;
const Q96 = 1n << 96n;

const prices = new PriceTable(
  [
    { token: WETH, decimals: 18, usdPerToken: 3_000n * ONE_USD },
    { token: USDC, decimals: 6, usdPerToken: ONE_USD },
  ],
  WETH,
);

function v2(reserveWeth: bigint, reserveUsdc: bigint, token1: Address = USDC): UniswapV2Pool {
  return new UniswapV2Pool({
    address: "0x" + "a2".repeat(20),
    token0: WETH,
    token1,
    reserve0: reserveWeth,
    reserve1: reserveUsdc,
    feeBps: 30,
  });
}

describe("pool liquidity (bot/state/liquidity.ts)", () => {
  it("V2: twice the smaller side valued in USD", () => {
    expect(poolLiquidityUsd(v2(10n * E18, 30_000n * E6), prices)).to.equal(60_000n * ONE_USD);
    // Dislocated: 1 WETH against 30,000 USDC is 6,000 USD deep, not 33,000.
    expect(poolLiquidityUsd(v2(1n * E18, 30_000n * E6), prices)).to.equal(6_000n * ONE_USD);
    // One side unpriced: twice the priced side; neither priced: unknown.
    expect(poolLiquidityUsd(v2(2n * E18, 5n, OTHER), prices)).to.equal(12_000n * ONE_USD);
    expect(poolLiquidityUsd(v2(2n * E18, 5n, OTHER), new PriceTable([], WETH))).to.equal(undefined);
  });

  it("V3: the virtual reserves of the active liquidity at the current price", () => {
    // Price 3,000 USDC per WETH in raw units: 3000e6 / 1e18; sqrtP = sqrt(3e-9).
    const sqrtPriceX96 = BigInt(Math.round(Math.sqrt(3e-9) * 2 ** 96));
    const liquidity = 10n ** 15n;
    const pool = new UniswapV3Pool({
      address: "0x" + "a3".repeat(20),
      token0: WETH,
      token1: USDC,
      fee: 500,
      tickSpacing: 10,
      sqrtPriceX96,
      tick: -196_257,
      liquidity,
      ticks: [
        { index: -887_270, liquidityNet: liquidity, liquidityGross: liquidity },
        { index: 887_270, liquidityNet: -liquidity, liquidityGross: liquidity },
      ],
    });
    const { amount0, amount1 } = pool.depthAtPrice();
    expect(amount0).to.equal((liquidity * Q96) / sqrtPriceX96);
    expect(amount1).to.equal((liquidity * sqrtPriceX96) / Q96);
    const usd = poolLiquidityUsd(pool, prices)!;
    // L = sqrt(x * y): about 18.26 WETH and 54,772 USDC, so about 109,544 USD.
    expect(Number(usd / ONE_USD)).to.be.within(109_000, 110_100);
    pool.liquidity = 0n;
    expect(poolLiquidityUsd(pool, prices)).to.equal(0n);
  });

  it("poolsBelow: below the minimum or unvalued; a minimum of 0 keeps every pool", () => {
    const deep = v2(10n * E18, 30_000n * E6);
    const thin = new UniswapV2Pool({
      ...deep,
      address: "0x" + "b2".repeat(20),
      reserve0: E18 / 10n,
      reserve1: 300n * E6,
    });
    const unvalued = new UniswapV2Pool({
      ...deep,
      reserve0: E18,
      reserve1: E18,
      address: "0x" + "c2".repeat(20),
      token0: OTHER,
      token1: "0x" + "88".repeat(20),
    });
    expect([...poolsBelow([deep, thin, unvalued], prices, 1_000n * ONE_USD)]).to.deep.equal([
      thin.address,
      unvalued.address,
    ]);
    expect(poolsBelow([deep, thin, unvalued], prices, 0n).size).to.equal(0);
  });
});

describe("discovery.minLiquidityUsd in StateSync (devnet)", function () {
  let actors: MarketActors;
  let a: Record<string, string>;

  const setup = deployments.createFixture(async (hre) => {
    await hre.deployments.fixture(["devnet"]);
    return await devnetPools(hre);
  });

  beforeEach(async () => {
    ({ actors } = await setup());
    const all = await deployments.all();
    a = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.address.toLowerCase()]));
  });

  function config(minLiquidityUsd: bigint, fromBlock = 0): ChainConfig {
    return {
      source: "test.json",
      venues: [
        {
          name: "Uniswap V2",
          kind: "uniswap-v2",
          factory: a.UniV2Factory,
          feeBps: 30,
          callback: "uniswapV2Call",
        },
        {
          name: "SushiSwap V2",
          kind: "uniswap-v2",
          factory: a.SushiV2Factory,
          feeBps: 30,
          callback: "uniswapV2Call",
        },
        { name: "Uniswap V3", kind: "uniswap-v3", factory: a.UniV3Factory },
      ],
      baseTokens: [
        { symbol: "WETH", address: a.WETH9, decimals: 18 },
        { symbol: "USDC", address: a.USDC, decimals: 6 },
      ],
      wrappedNative: a.WETH9,
      discovery: { tokenAllowList: undefined, minLiquidityUsd, fromBlock, logSpan: 100_000 },
    } as unknown as ChainConfig;
  }

  /** A new Sushi pair of two tokens that have none there yet, with `usd` dollars a side. */
  async function newPair(symbols: [string, string], usd: bigint): Promise<{ pair: string; block: number }> {
    const router = (await ethers.getContractAt(
      (await deployments.get("SushiV2Router02")).abi,
      a.SushiV2Router02,
      actors.trader,
    )) as unknown as {
      addLiquidity: (...args: unknown[]) => Promise<{ wait(): Promise<{ blockNumber: number }> }>;
    };
    const amount = (s: string) => usd * 10n ** BigInt(s === "USDT" ? 6 : 18);
    const [t0, t1] = symbols.map((s) => a[s]);
    const receipt = await (
      await router.addLiquidity(
        t0,
        t1,
        amount(symbols[0]),
        amount(symbols[1]),
        0n,
        0n,
        actors.traderAddress,
        2n ** 40n,
      )
    ).wait();
    const factory = await ethers.getContractAt(
      ["function getPair(address,address) view returns (address)"],
      a.SushiV2Factory,
    );
    return { pair: String(await factory.getPair(t0, t1)).toLowerCase(), block: receipt.blockNumber };
  }

  it("leaves out pools below the minimum at start and when discovered live; counts them", async () => {
    const thinAtStart = await newPair(["DAI", "USDT"], 100n);
    const rpc = inProcessRpc(hre);
    const cfg = config(1_000n * ONE_USD);
    const head = await rpc.headerByNumber("latest");
    const pools = await discoverConfiguredPools(cfg, rpc, head.number);
    expect(pools.map((p) => p.address)).to.include(thinAtStart.pair);
    const sync = new StateSync(rpc, {
      discovery: factoryIndexOf(cfg),
      admission: minLiquidityAdmission(cfg),
    });
    const started = await sync.start(pools, head);
    expect(started.leftOut.map((p) => p.address)).to.deep.equal([thinAtStart.pair]);
    expect(sync.store.has(thinAtStart.pair)).to.equal(false);
    expect(sync.store.size).to.equal(pools.length - 1);

    // Live: a thin pair and a deep one (1,000,000 USD a side) created while following the chain.
    const thinLive = await newPair(["DAI", "LINK"], 50n);
    const deepLive = await newPair(["USDT", "LINK"], 1_000_000n);
    const b = await ethers.provider.getBlock("latest");
    const advance = await sync.advance({ number: b!.number, hash: b!.hash!, parentHash: b!.parentHash });
    expect(advance.added.map((p) => p.address)).to.deep.equal([deepLive.pair]);
    expect(sync.store.has(thinLive.pair)).to.equal(false);
    expect(sync.store.has(deepLive.pair)).to.equal(true);
    expect(sync.leftOut.map((p) => p.address)).to.deep.equal([thinAtStart.pair, thinLive.pair]);
  });

  const latest = async () => {
    const b = await ethers.provider.getBlock("latest");
    return { number: b!.number, hash: b!.hash!, parentHash: b!.parentHash };
  };

  /** A fresh read of some pools at the latest block, to compare with the live store. */
  async function freshReadAtHead(pools: readonly PoolDescriptor[]): Promise<PoolStore> {
    return await freshRead(inProcessRpc(hre), pools, (await latest()).number);
  }

  it("a left-out V2 pair that gains liquidity is admitted from its Sync log alone, exact", async () => {
    const rpc = inProcessRpc(hre);
    const cfg = config(1_000n * ONE_USD);
    const sync = new StateSync(rpc, {
      discovery: factoryIndexOf(cfg),
      admission: minLiquidityAdmission(cfg),
    });
    const head = await rpc.headerByNumber("latest");
    await sync.start(await discoverConfiguredPools(cfg, rpc, head.number), head);
    const thin = await newPair(["DAI", "LINK"], 50n);
    expect((await sync.advance(await latest())).added).to.deep.equal([]);
    expect(sync.leftOut.map((p) => p.address)).to.deep.equal([thin.pair]);

    await newPair(["DAI", "LINK"], 1_000_000n); // the same pair, now deep
    const before = rpc.requestCount;
    const advance = await sync.advance(await latest());
    expect(advance.added.map((p) => p.address)).to.deep.equal([thin.pair]);
    expect(advance.changed.has(thin.pair)).to.equal(true);
    // Two requests: the header and the block's logs; the pair's state came from its Sync log.
    expect(rpc.requestCount - before).to.equal(2);
    expect(sync.leftOut).to.deep.equal([]);
    const d = sync.store.descriptor(thin.pair)!;
    expectSameState(
      sync.store,
      await freshReadAtHead([...sync.store.all()].map((p) => sync.store.descriptor(p.address)!)),
    );
    expect(d.venue).to.equal("SushiSwap V2");
  });

  it("a V3 pool created uninitialised is watched from its first swap after liquidity arrives", async () => {
    const rpc = inProcessRpc(hre);
    const cfg = config(1_000n * ONE_USD);
    const sync = new StateSync(rpc, {
      discovery: factoryIndexOf(cfg),
      admission: minLiquidityAdmission(cfg),
    });
    const head = await rpc.headerByNumber("latest");
    await sync.start(await discoverConfiguredPools(cfg, rpc, head.number), head);
    const factory = await ethers.getContractAt(
      [
        "function createPool(address,address,uint24) returns (address)",
        "function getPool(address,address,uint24) view returns (address)",
      ],
      a.UniV3Factory,
      actors.trader,
    );
    await (await factory.createPool(a.DAI, a.USDT, 500)).wait();
    const address = String(await factory.getPool(a.DAI, a.USDT, 500)).toLowerCase();
    expect((await sync.advance(await latest())).added).to.deep.equal([]);
    expect(sync.store.has(address)).to.equal(false);

    // 1 DAI = 1 USDT: raw price token1/token0 is 1e-12 with DAI first, 1e12 with USDT first.
    const daiFirst = a.DAI < a.USDT;
    const sqrtPriceX96 = daiFirst ? (1n << 96n) / 10n ** 6n : (1n << 96n) * 10n ** 6n;
    const pool = await ethers.getContractAt(["function initialize(uint160)"], address, actors.trader);
    await (await pool.initialize(sqrtPriceX96)).wait();
    const [amount0, amount1] = daiFirst ? [10n ** 24n, 10n ** 12n] : [10n ** 12n, 10n ** 24n];
    await (
      await actors.positions.mint({
        token0: daiFirst ? a.DAI : a.USDT,
        token1: daiFirst ? a.USDT : a.DAI,
        fee: 500,
        tickLower: -887_270,
        tickUpper: 887_270,
        amount0Desired: amount0,
        amount1Desired: amount1,
        amount0Min: 0n,
        amount1Min: 0n,
        recipient: actors.traderAddress,
        deadline: 2n ** 64n,
      })
    ).wait();
    // Initialize and mint alone do not bring it back: the next swap does.
    expect((await sync.advance(await latest())).added).to.deep.equal([]);
    await (
      await actors.swapRouter.exactInputSingle({
        tokenIn: a.DAI,
        tokenOut: a.USDT,
        fee: 500,
        recipient: actors.traderAddress,
        deadline: 2n ** 64n,
        amountIn: 10n ** 18n,
        amountOutMinimum: 0n,
        sqrtPriceLimitX96: 0n,
      })
    ).wait();
    const advance = await sync.advance(await latest());
    expect(advance.added.map((p) => p.address)).to.deep.equal([address]);
    expectSameState(
      sync.store,
      await freshReadAtHead([...sync.store.all()].map((p) => sync.store.descriptor(p.address)!)),
    );
  });

  it("a minimum of 0 watches every pool; discovery.fromBlock skips older factory logs", async () => {
    const thin = await newPair(["DAI", "USDT"], 100n);
    const rpc = inProcessRpc(hre);
    const head = await rpc.headerByNumber("latest");
    const cfg = config(0n);
    expect(minLiquidityAdmission(cfg)).to.equal(undefined);
    const all = await discoverConfiguredPools(cfg, rpc, head.number);
    const sync = new StateSync(rpc, { admission: minLiquidityAdmission(cfg) });
    await sync.start(all, head);
    expect(sync.store.has(thin.pair)).to.equal(true);
    expect(sync.leftOut).to.deep.equal([]);

    const recent = await discoverConfiguredPools(config(0n, thin.block), rpc, head.number);
    expect(recent.map((p) => p.address)).to.deep.equal([thin.pair]);
  });

  it("refuses a minimum without a USD base token to value it in", () => {
    const cfg = {
      ...config(1n),
      baseTokens: [{ symbol: "WETH", address: a.WETH9, decimals: 18 }],
    } as ChainConfig;
    expect(() => minLiquidityAdmission(cfg)).to.throw(
      /test\.json: discovery\.minLiquidityUsd: no USD stablecoin/,
    );
  });
});
