import { expect } from "chai";
import { Interface, solidityPackedKeccak256, type Contract } from "ethers";
import { ethers } from "hardhat";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import {
  DECIMALS,
  PRICES_MICRO_USD,
  V3_RANGES_IN_SPACINGS,
  type TokenSymbol,
} from "../../bot/devnet/universe";
import { fullRange, sqrtPriceX96For } from "../../scripts/devnet/v3Math";
import { devnetFixture, type Devnet } from "../fixtures/devnet";

const poolIface = new Interface([...loadArtifact("PancakeV3Pool").abi]);

/** The symbols of a Pancake pool's token0 and token1, read from the pool. */
async function symbolsOf(net: Devnet, pool: Contract): Promise<[TokenSymbol, TokenSymbol]> {
  const bySymbol = new Map<string, TokenSymbol>();
  for (const symbol of Object.keys(DECIMALS) as TokenSymbol[]) {
    bySymbol.set((await net.token(symbol).getAddress()).toLowerCase(), symbol);
  }
  const t0 = ((await pool.getFunction("token0")()) as string).toLowerCase();
  const t1 = ((await pool.getFunction("token1")()) as string).toLowerCase();
  return [bySymbol.get(t0)!, bySymbol.get(t1)!];
}

describe("devnet PancakeSwap V3 liquidity", () => {
  it("starts every PancakeSwap V3 pool at the pancakeV3 prices, away from Uniswap V3's for the same pair", async () => {
    const net = await devnetFixture();
    const prices = PRICES_MICRO_USD.pancakeV3;
    for (const [name, pool] of Object.entries(net.pancakePools)) {
      const [sym0, sym1] = await symbolsOf(net, pool);
      const expected = sqrtPriceX96For(prices[sym0], DECIMALS[sym0], prices[sym1], DECIMALS[sym1]);
      const initialize = (await pool.queryFilter(pool.filters.Initialize!())).map((l) =>
        poolIface.parseLog(l)!,
      );
      expect(
        initialize.map((e) => e.args.sqrtPriceX96 as bigint),
        name,
      ).to.deep.equal([expected]);
      // Nothing has traded yet: slot0 still holds that price.
      expect(((await pool.getFunction("slot0")()) as { sqrtPriceX96: bigint }).sqrtPriceX96, name).to.equal(
        expected,
      );
      const uniV3 = sqrtPriceX96For(
        PRICES_MICRO_USD.uniV3[sym0],
        DECIMALS[sym0],
        PRICES_MICRO_USD.uniV3[sym1],
        DECIMALS[sym1],
      );
      expect(expected, `${name} is dislocated from Uniswap V3`).to.not.equal(uniV3);
    }
  });

  it("gives every pool the V3 ranges around its price and a full range, all held by PancakeV3PositionHolder", async () => {
    const net = await devnetFixture();
    const holder = await net.pancakeV3.positionHolder.getAddress();
    for (const [name, pool] of Object.entries(net.pancakePools)) {
      const spacing = Number(await pool.getFunction("tickSpacing")());
      const mints = (await pool.queryFilter(pool.filters.Mint!())).map((l) => poolIface.parseLog(l)!.args);
      const initialTick = Number(
        poolIface.parseLog((await pool.queryFilter(pool.filters.Initialize!()))[0]!)!.args.tick as bigint,
      );
      const aligned = Math.floor(initialTick / spacing) * spacing;
      const expected = [
        ...V3_RANGES_IN_SPACINGS.map(([lo, hi]) => [aligned + lo * spacing, aligned + hi * spacing]),
        [...fullRange(spacing)],
      ];
      expect(
        mints.map((m) => [Number(m.tickLower), Number(m.tickUpper)]),
        name,
      ).to.deep.equal(expected);
      for (const m of mints) {
        expect([m.sender, m.owner], name).to.deep.equal([holder, holder]);
        expect(m.amount as bigint, name).to.be.greaterThan(0n);
        const key = solidityPackedKeccak256(
          ["address", "int24", "int24"],
          [holder, m.tickLower, m.tickUpper],
        );
        const position = (await pool.getFunction("positions")(key)) as { liquidity: bigint };
        expect(position.liquidity, name).to.equal(m.amount);
      }
      // The active liquidity is the sum of the positions around the price (all of them but the
      // one-sided ranges).
      const active = mints
        .filter((m) => Number(m.tickLower) <= initialTick && initialTick < Number(m.tickUpper))
        .reduce((sum, m) => sum + (m.amount as bigint), 0n);
      expect(await pool.getFunction("liquidity")(), name).to.equal(active);
    }
  });

  it("mints through the holder for exactly the amounts the pool charges, paid by the caller", async () => {
    const net = await devnetFixture();
    const minter = net.signers[8]!;
    const pool = net.pancakePools.PancakeV3Pool_WETH_USDC_500!;
    const holder = net.pancakeV3.positionHolder.connect(minter) as Contract;
    const holderAddress = await holder.getAddress();
    await net.weth.connect(minter).getFunction("deposit")({ value: 100n * 10n ** 18n });
    await net.tokens.USDC.mint(minter.address, 1_000_000_000000n);
    await net.weth.connect(minter).getFunction("approve")(holderAddress, 2n ** 256n - 1n);
    await net.tokens.USDC.connect(minter).approve(holderAddress, 2n ** 256n - 1n);
    const { tick } = (await pool.getFunction("slot0")()) as { tick: bigint };
    const lower = Math.floor(Number(tick) / 10) * 10 - 50;
    const before = [
      await net.weth.getFunction("balanceOf")(minter.address),
      await net.tokens.USDC.balanceOf(minter.address),
    ];
    const receipt = await (
      await holder.getFunction("mint")(await pool.getAddress(), lower, lower + 100, 10n ** 15n)
    ).wait();
    const mint = receipt!.logs
      .map((l: { topics: string[]; data: string }) => poolIface.parseLog(l))
      .find((e: { name: string } | null) => e?.name === "Mint")!;
    const wethIsToken0 = (await pool.getFunction("token0")()) === (await net.weth.getAddress());
    const [wethPaid, usdcPaid] = wethIsToken0
      ? [mint.args.amount0 as bigint, mint.args.amount1 as bigint]
      : [mint.args.amount1 as bigint, mint.args.amount0 as bigint];
    expect(wethPaid).to.be.greaterThan(0n);
    expect(usdcPaid).to.be.greaterThan(0n);
    expect(before[0] - (await net.weth.getFunction("balanceOf")(minter.address))).to.equal(wethPaid);
    expect(before[1] - (await net.tokens.USDC.balanceOf(minter.address))).to.equal(usdcPaid);
    expect([mint.args.owner, mint.args.amount]).to.deep.equal([holderAddress, 10n ** 15n]);
    await expect(receipt).to.emit(holder, "PositionMinted");
  });

  it("refuses a mint callback from anyone but the pool being minted into", async () => {
    const net = await devnetFixture();
    const holder = net.pancakeV3.positionHolder;
    const stranger = net.signers[8]!;
    // Outside a mint no pool is expected at all: the callback cannot be used to pull approved tokens.
    await expect((holder.connect(stranger) as Contract).getFunction("pancakeV3MintCallback")(1n, 1n, "0x"))
      .to.be.revertedWithCustomError(holder, "UnexpectedCallback")
      .withArgs(stranger.address, ethers.ZeroAddress);
  });
});
