import { expect } from "chai";
import { devnetFixture } from "../fixtures/devnet";

const NO_DEADLINE = 2n ** 64n;
const ONE_WETH = 10n ** 18n;

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
