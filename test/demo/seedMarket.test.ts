import { expect } from "chai";
import { Contract } from "ethers";
import { ethers, network } from "hardhat";
import { devnetAddressesFromDeployments, type DevnetAddresses } from "../../bot/devnet/demo/addresses";
import { ERC20, POSITION_MANAGER, V2_PAIR, V3_POOL } from "../../bot/devnet/demo/abis";
import { v2Price, v3Price } from "../../bot/devnet/demo/prices";
import { planSeed } from "../../bot/devnet/demo/seedPlan";
import { seedMarket, type SeededMarket } from "../../bot/devnet/demo/seedMarket";
import { devnetFixture } from "../fixtures/devnet";

describe("demo: seedMarket", function () {
  this.timeout(300_000);
  let market: SeededMarket;
  let deployer: string;
  let addresses: DevnetAddresses;
  let clean: string;

  before(async () => {
    const net = await devnetFixture();
    clean = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    deployer = await net.deployer.getAddress();
    addresses = devnetAddressesFromDeployments(net.addresses);
    market = await seedMarket({
      signer: net.deployer,
      addresses,
      seed: 7,
      tokenCount: 6,
      maxDislocation: 0.002,
    });
  });

  // Leave the shared in-process chain as the devnet fixture made it.
  after(async () => {
    await network.provider.request({ method: "evm_revert", params: [clean] });
  });

  it("plans the same market from the same seed, and another from another seed", () => {
    const base = ["WETH", "USDC", "USDT", "DAI", "WBTC", "LINK"];
    const a = planSeed({ seed: 7, tokenCount: 6, baseSymbols: base });
    expect(planSeed({ seed: 7, tokenCount: 6, baseSymbols: base })).to.deep.equal(a);
    expect(planSeed({ seed: 8, tokenCount: 6, baseSymbols: base })).to.not.deep.equal(a);
    // Zero new tokens: the devnet's own market only.
    expect(planSeed({ seed: 7, tokenCount: 0, baseSymbols: base })).to.deep.equal({
      tokens: [],
      v2: [],
      v3: [],
    });
    expect(() => planSeed({ seed: 7, tokenCount: 21, baseSymbols: base })).to.throw(/tokenCount/);
    // The default size: dozens of pools over every venue kind, on top of the devnet's 27.
    const full = planSeed({ seed: 7, tokenCount: 12, baseSymbols: base });
    expect(full.v2.filter((p) => p.venue === "uni").length).to.be.greaterThanOrEqual(18);
    expect(full.v2.filter((p) => p.venue === "sushi").length).to.be.greaterThanOrEqual(18);
    expect(full.v3.length).to.be.greaterThanOrEqual(16);
    expect(new Set(full.v3.map((p) => p.fee))).to.deep.equal(new Set([500, 3000, 10000]));
    for (const p of [...full.v2, ...full.v3]) expect(Math.abs(p.dislocation)).to.be.at.most(0.002);
  });

  it("deploys the new tokens with a mix of decimals, beside the devnet's own", async () => {
    const fresh = market.tokens.filter((t) => t.seeded);
    expect(fresh).to.have.length(6);
    expect(market.tokens.filter((t) => !t.seeded).map((t) => t.symbol)).to.deep.equal([
      "WETH",
      "USDC",
      "USDT",
      "DAI",
      "WBTC",
      "LINK",
    ]);
    for (const t of fresh) {
      const c = new Contract(t.address, ERC20, ethers.provider);
      expect(Number(await c.getFunction("decimals")()), t.symbol).to.equal(t.decimals);
    }
    expect(new Set(market.tokens.map((t) => t.decimals)).size).to.be.greaterThan(2);
  });

  it("gives every new token a funded WETH pair on both V2 venues, priced near its reference", async () => {
    const bySymbol = new Map(market.tokens.map((t) => [t.address, t]));
    for (const t of market.tokens.filter((x) => x.seeded)) {
      for (const venue of ["uni", "sushi"] as const) {
        const pair = market.v2Pairs.find(
          (p) => p.venue === venue && p.tokenA === t.address && bySymbol.get(p.tokenB)!.symbol === "WETH",
        );
        expect(pair, `${venue} ${t.symbol}/WETH`).to.not.equal(undefined);
      }
    }
    expect(market.v2Pairs.length).to.be.greaterThan(12);
    for (const p of market.v2Pairs) {
      const pair = new Contract(p.address, V2_PAIR, ethers.provider);
      const [r0, r1] = (await pair.getFunction("getReserves")()) as [bigint, bigint];
      expect(r0 > 0n && r1 > 0n, p.address).to.equal(true);
      const token0 = (await pair.getFunction("token0")()) as string;
      const t0 = bySymbol.get(token0 === p.tokenA ? p.tokenA : p.tokenB)!;
      const other = bySymbol.get(token0 === p.tokenA ? p.tokenB : p.tokenA)!;
      const price = v2Price(r0, r1, t0.decimals, other.decimals);
      const reference = t0.priceUsd / other.priceUsd;
      expect(Math.abs(price / reference - 1), `${t0.symbol}/${other.symbol}`).to.be.lessThan(0.0021);
      expect(Number(await pair.getFunction("balanceOf")(deployer)) > 0).to.equal(true);
    }
  });

  it("creates V3 pools over several fee tiers, each with in-range liquidity and all its positions", async () => {
    expect(new Set(market.v3Pools.map((p) => p.fee)).size).to.be.greaterThan(1);
    expect(market.v3Pools.length).to.be.greaterThanOrEqual(6);
    const byAddress = new Map(market.tokens.map((t) => [t.address.toLowerCase(), t]));
    const manager = new Contract(addresses.uniV3.positionManager, POSITION_MANAGER, ethers.provider);
    const owned = Number(await manager.getFunction("balanceOf")(deployer));
    // The devnet itself minted 13 positions (12 ranges + full range) in each of its 9 pools.
    const devnetPositions = 9 * 13;
    expect(owned - devnetPositions).to.equal(market.v3Pools.reduce((n, p) => n + p.positions, 0));
    for (const p of market.v3Pools) {
      const pool = new Contract(p.address, V3_POOL, ethers.provider);
      expect(((await pool.getFunction("liquidity")()) as bigint) > 0n, p.address).to.equal(true);
      const [sqrtPriceX96] = (await pool.getFunction("slot0")()) as [bigint];
      const [t0, t1] = [byAddress.get(p.token0.toLowerCase())!, byAddress.get(p.token1.toLowerCase())!];
      const reference = t0.priceUsd / t1.priceUsd;
      const price = v3Price(sqrtPriceX96, t0.decimals, t1.decimals);
      expect(Math.abs(price / reference - 1), `${t0.symbol}/${t1.symbol}/${p.fee}`).to.be.lessThan(0.0021);
    }
  });
});
