import { expect } from "chai";
import { Interface, type Contract, type Log } from "ethers";
import { ethers } from "hardhat";
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../../bot/venues/uniswap-v3/math/tickMath";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import type { TokenSymbol } from "../../bot/devnet/universe";
import { devnetFixture, type Devnet } from "../fixtures/devnet";

const NO_DEADLINE = 2n ** 64n;
const ONE_WETH = 10n ** 18n;
const ERC20_BALANCE = ["function balanceOf(address) view returns (uint256)"];

/** Uniswap V2's output for an exact input, as in UniswapV2Library.getAmountOut. */
function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee);
}

describe("devnet swaps", () => {
  for (const venue of ["uni", "sushi"] as const) {
    it(`swaps WETH for USDC through the ${venue} Router02 for exactly the constant-product output`, async () => {
      const net = await devnetFixture();
      const trader = net.signers[5]!;
      const { router } = net.v2[venue];
      const pair = net.pairs[`${venue === "uni" ? "Uni" : "Sushi"}V2Pair_WETH_USDC`]!;
      const [r0, r1] = (await pair.getFunction("getReserves")()) as [bigint, bigint, bigint];
      const wethIsToken0 = (await pair.getFunction("token0")()) === (await net.weth.getAddress());
      const [reserveWeth, reserveUsdc] = wethIsToken0 ? [r0, r1] : [r1, r0];
      const expected = v2AmountOut(ONE_WETH, reserveWeth, reserveUsdc);

      await net.weth.connect(trader).getFunction("deposit")({ value: ONE_WETH });
      await net.weth.connect(trader).getFunction("approve")(await router.getAddress(), ONE_WETH);
      const before = await net.tokens.USDC.balanceOf(trader.address);
      await router.connect(trader).getFunction("swapExactTokensForTokens")(
        ONE_WETH,
        expected,
        [await net.weth.getAddress(), await net.tokens.USDC.getAddress()],
        trader.address,
        NO_DEADLINE,
      );
      expect((await net.tokens.USDC.balanceOf(trader.address)) - before).to.equal(expected);
    });
  }

  it("prices WETH about 1 % higher on sushi than on uni, so a cycle between them exists", async () => {
    const net = await devnetFixture();
    const path = [await net.weth.getAddress(), await net.tokens.USDC.getAddress()];
    const [, uniOut] = (await net.v2.uni.router.getFunction("getAmountsOut")(ONE_WETH, path)) as bigint[];
    const [, sushiOut] = (await net.v2.sushi.router.getFunction("getAmountsOut")(ONE_WETH, path)) as bigint[];
    // 1 WETH into $10M/$4M-deep pools at 3,000 and 3,030 USDC, less the 0.3 % fee and impact.
    expect(uniOut).to.equal(v2AmountOut(ONE_WETH, 3333333333333333333333n, 10_000_000_000000n));
    expect(sushiOut).to.equal(v2AmountOut(ONE_WETH, 1320132013201320132013n, 4_000_000_000000n));
    expect(uniOut).to.be.within(2_990_000000n, 2_992_000000n);
    expect(sushiOut).to.be.within(3_018_000000n, 3_021_000000n);
  });

  for (const fee of [500, 3000] as const) {
    it(`swaps through the V3 SwapRouter (WETH/USDC ${fee}) for exactly QuoterV2's quote, crossing ticks`, async () => {
      const net = await devnetFixture();
      const trader = net.signers[6]!;
      const amountIn = 2_000n * ONE_WETH;
      const weth = await net.weth.getAddress();
      const usdc = await net.tokens.USDC.getAddress();
      const params = { tokenIn: weth, tokenOut: usdc, amountIn, fee, sqrtPriceLimitX96: 0n };
      const [quoted, sqrtPriceAfter, ticksCrossed] = (await net.v3.quoter
        .getFunction("quoteExactInputSingle")
        .staticCall(params)) as [bigint, bigint, bigint, bigint];
      expect(ticksCrossed).to.be.greaterThan(0n);

      await net.weth.connect(trader).getFunction("deposit")({ value: amountIn });
      await net.weth.connect(trader).getFunction("approve")(await net.v3.swapRouter.getAddress(), amountIn);
      const before = await net.tokens.USDC.balanceOf(trader.address);
      await net.v3.swapRouter.connect(trader).getFunction("exactInputSingle")({
        tokenIn: weth,
        tokenOut: usdc,
        fee,
        recipient: trader.address,
        deadline: NO_DEADLINE,
        amountIn,
        amountOutMinimum: quoted,
        sqrtPriceLimitX96: 0n,
      });
      expect((await net.tokens.USDC.balanceOf(trader.address)) - before).to.equal(quoted);
      const pool = net.pools[`UniV3Pool_WETH_USDC_${fee}`]!;
      const [sqrtPriceX96] = (await pool.getFunction("slot0")()) as [bigint];
      expect(sqrtPriceX96).to.equal(sqrtPriceAfter);
    });
  }

  it("quotes an exact-output V3 swap that the SwapRouter then fills for exactly the quoted input", async () => {
    const net = await devnetFixture();
    const trader = net.signers[7]!;
    const amountOut = 1_000_000_000000n; // 1M USDC: past the innermost 1-tick-spacing position
    const dai = await net.tokens.DAI.getAddress();
    const usdc = await net.tokens.USDC.getAddress();
    const [quotedIn, , ticksCrossed] = (await net.v3.quoter.getFunction("quoteExactOutputSingle").staticCall({
      tokenIn: dai,
      tokenOut: usdc,
      amount: amountOut,
      fee: 100,
      sqrtPriceLimitX96: 0n,
    })) as [bigint, bigint, bigint, bigint];
    expect(ticksCrossed).to.be.greaterThan(0n);
    await net.tokens.DAI.mint(trader.address, quotedIn);
    await net.tokens.DAI.connect(trader).approve(await net.v3.swapRouter.getAddress(), quotedIn);
    await net.v3.swapRouter.connect(trader).getFunction("exactOutputSingle")({
      tokenIn: dai,
      tokenOut: usdc,
      fee: 100,
      recipient: trader.address,
      deadline: NO_DEADLINE,
      amountOut,
      amountInMaximum: quotedIn,
      sqrtPriceLimitX96: 0n,
    });
    expect(await net.tokens.DAI.balanceOf(trader.address)).to.equal(0n);
    expect(await net.tokens.USDC.balanceOf(trader.address)).to.equal(amountOut);
  });
});

describe("devnet PancakeSwap V3 swaps", () => {
  const poolIface = new Interface([...loadArtifact("PancakeV3Pool").abi]);

  /** A funded swap driver (PoolSwapper answers pancakeV3SwapCallback from the pool it calls only). */
  async function swapperWith(net: Devnet, symbol: TokenSymbol, amount: bigint): Promise<Contract> {
    const swapper = (await (await ethers.getContractFactory("PoolSwapper")).deploy()) as unknown as Contract;
    if (symbol === "WETH") {
      await net.weth.getFunction("deposit")({ value: amount });
      await net.weth.getFunction("transfer")(await swapper.getAddress(), amount);
    } else {
      await net.token(symbol).getFunction("mint")(await swapper.getAddress(), amount);
    }
    return swapper;
  }

  /** The pool's initialised ticks, from its Mint logs. */
  async function initialisedTicks(pool: Contract): Promise<number[]> {
    const ticks = new Set<number>();
    for (const log of await pool.queryFilter(pool.filters.Mint!())) {
      const { tickLower, tickUpper } = poolIface.parseLog(log)!.args;
      ticks.add(Number(tickLower));
      ticks.add(Number(tickUpper));
    }
    return [...ticks];
  }

  /**
   * Quotes a swap with an eth_call of it (the pool's own amounts on the current state), sends it,
   * and checks that exactly those amounts moved between the driver and the pool, and that the
   * Swap log says the same. Returns the amounts, the ticks crossed and the protocol fee taken.
   */
  async function quoteAndSwap(
    net: Devnet,
    name: string,
    swapper: Contract,
    zeroForOne: boolean,
    amountSpecified: bigint,
  ): Promise<{ amount0: bigint; amount1: bigint; crossed: number; protocolFee: bigint }> {
    const pool = net.pancakePools[name]!;
    const poolAddress = await pool.getAddress();
    const swapperAddress = await swapper.getAddress();
    const tokens = [
      new ethers.Contract(await pool.getFunction("token0")(), ERC20_BALANCE, ethers.provider),
      new ethers.Contract(await pool.getFunction("token1")(), ERC20_BALANCE, ethers.provider),
    ];
    const balances = async () =>
      await Promise.all(
        tokens.flatMap((t) => [poolAddress, swapperAddress].map((a) => t.getFunction("balanceOf")(a))),
      );
    const limit = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
    const [amount0, amount1] = (await swapper
      .getFunction("swapV3")
      .staticCall(poolAddress, zeroForOne, amountSpecified, limit)) as [bigint, bigint];
    const [tickBefore, feesBefore, before] = [
      Number(((await pool.getFunction("slot0")()) as { tick: bigint }).tick),
      (await pool.getFunction("protocolFees")()) as [bigint, bigint],
      await balances(),
    ];
    const receipt = await (
      await swapper.getFunction("swapV3")(poolAddress, zeroForOne, amountSpecified, limit)
    ).wait();
    const after = await balances();
    // [pool's token0, driver's token0, pool's token1, driver's token1]
    expect(after.map((b, i) => b - before[i]!)).to.deep.equal([amount0, -amount0, amount1, -amount1]);
    const swap = (receipt!.logs as Log[])
      .filter((l) => l.address === poolAddress)
      .map((l) => poolIface.parseLog(l))
      .find((e) => e?.name === "Swap")!;
    expect([swap.args.amount0, swap.args.amount1]).to.deep.equal([amount0, amount1]);
    const [sqrtPriceX96, tick] = (await pool.getFunction("slot0")()) as [bigint, bigint];
    expect([swap.args.sqrtPriceX96, swap.args.tick]).to.deep.equal([sqrtPriceX96, tick]);
    expect(swap.args.liquidity).to.equal(await pool.getFunction("liquidity")());
    // The protocol's share of the fee, in the input token only, is what the pool set aside.
    const feesAfter = (await pool.getFunction("protocolFees")()) as [bigint, bigint];
    const logged = [swap.args.protocolFeesToken0 as bigint, swap.args.protocolFeesToken1 as bigint];
    expect([feesAfter[0] - feesBefore[0], feesAfter[1] - feesBefore[1]]).to.deep.equal(logged);
    expect(logged[zeroForOne ? 1 : 0]).to.equal(0n);
    const tickAfter = Number(tick);
    const crossed = (await initialisedTicks(pool)).filter((t) =>
      zeroForOne ? t > tickAfter && t <= tickBefore : t > tickBefore && t <= tickAfter,
    ).length;
    return { amount0, amount1, crossed, protocolFee: logged[zeroForOne ? 0 : 1]! };
  }

  for (const fee of [500, 2500] as const) {
    it(`swaps 2,000 WETH for USDC through PancakeV3Pool_WETH_USDC_${fee}, moving exactly the pool's quote and crossing ticks`, async () => {
      const net = await devnetFixture();
      const amountIn = 2_000n * ONE_WETH;
      const swapper = await swapperWith(net, "WETH", amountIn);
      const pool = net.pancakePools[`PancakeV3Pool_WETH_USDC_${fee}`]!;
      const zeroForOne = (await pool.getFunction("token0")()) === (await net.weth.getAddress());
      const r = await quoteAndSwap(net, `PancakeV3Pool_WETH_USDC_${fee}`, swapper, zeroForOne, amountIn);
      const [paid, got] = zeroForOne ? [r.amount0, -r.amount1] : [r.amount1, -r.amount0];
      expect(paid).to.equal(amountIn);
      // About 2,988 USDC a WETH at the pancakeV3 price, less the fee and the price impact.
      expect(got).to.be.within(5_000_000_000000n, 2_000n * 2_988_000000n);
      expect(r.crossed).to.be.greaterThan(0);
      expect(r.protocolFee).to.be.greaterThan(0n);
      expect(await net.tokens.USDC.balanceOf(await swapper.getAddress())).to.equal(got);
    });
  }

  it("fills an exact-output swap of 1M USDT through PancakeV3Pool_USDC_USDT_100 for exactly the pool's quoted input", async () => {
    const net = await devnetFixture();
    const name = "PancakeV3Pool_USDC_USDT_100";
    const amountOut = 1_000_000_000000n; // past the innermost one-tick-spacing position
    const swapper = await swapperWith(net, "USDC", 2_000_000_000000n);
    const pool = net.pancakePools[name]!;
    const zeroForOne = (await pool.getFunction("token0")()) === (await net.tokens.USDC.getAddress());
    const r = await quoteAndSwap(net, name, swapper, zeroForOne, -amountOut);
    const [paid, got] = zeroForOne ? [r.amount0, -r.amount1] : [r.amount1, -r.amount0];
    expect(got).to.equal(amountOut);
    // USDT is 0.999 USDC at the pancakeV3 prices; the 1 bp fee and the impact add less than 0.1 %.
    expect(paid).to.be.within((amountOut * 999n) / 1000n, amountOut);
    expect(r.crossed).to.be.greaterThan(0);
    expect(await net.tokens.USDT.balanceOf(await swapper.getAddress())).to.equal(amountOut);
    expect(await net.tokens.USDC.balanceOf(await swapper.getAddress())).to.equal(2_000_000_000000n - paid);
  });
});
