/**
 * The executor as the devnet deploys it (scripts/deploy/10_executor.ts, tag "devnet"), run on the
 * devnet's own venues: the deploy script's wiring (owner, operator, WETH9) and a real cycle through
 * the devnet's dislocated uni and sushi WETH/USDC pairs, funded by the devnet's Balancer Vault.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";
import { HopKind, encodeExecute } from "../../bot/plan/planEncoding";
import { v2AmountOut, v2Side } from "./fixture";

describe("ArbExecutor on the devnet", function () {
  it("is deployed with the named owner and operator and WETH9, and earns on the devnet's pairs", async function () {
    const d = await devnetFixture();
    const executor = await ethers.getContractAt("ArbExecutor", d.addresses.ArbExecutor!);
    const [owner, operator] = d.signers;
    const weth = await d.weth.getAddress();
    const usdc = await d.tokens.USDC.getAddress();
    expect(await executor.owner()).to.equal(owner!.address);
    expect(await executor.isOperator(operator!.address)).to.equal(true);
    expect(await executor.WETH()).to.equal(weth);

    // WETH is dearer on sushi: sell 1 WETH for USDC there, buy it back on uni, borrowing the WETH.
    const sushi = d.pairs.SushiV2Pair_WETH_USDC!;
    const uni = d.pairs.UniV2Pair_WETH_USDC!;
    const amountIn = 10n ** 18n;
    const s = await v2Side(sushi, weth);
    const usdcOut = v2AmountOut(amountIn, s.rIn, s.rOut);
    const u = await v2Side(uni, usdc);
    const wethOut = v2AmountOut(usdcOut, u.rIn, u.rOut);
    expect(wethOut).to.be.greaterThan(amountIn);
    const data = encodeExecute({
      deadlineBlock: BigInt(await ethers.provider.getBlockNumber()) + 3n,
      funding: { mode: "balancer" },
      token: weth,
      amountIn,
      minProfit: wethOut - amountIn,
      tip: { kind: "none" },
      hops: [
        {
          kind: HopKind.UniswapV2,
          pair: await sushi.getAddress(),
          zeroForOne: s.zeroForOne,
          amountOut: usdcOut,
        },
        {
          kind: HopKind.UniswapV2,
          pair: await uni.getAddress(),
          zeroForOne: u.zeroForOne,
          amountOut: wethOut,
        },
      ],
    });
    const before = await d.weth.balanceOf(await executor.getAddress());
    await operator!.sendTransaction({ to: await executor.getAddress(), data });
    expect((await d.weth.balanceOf(await executor.getAddress())) - before).to.equal(wethOut - amountIn);
  });
});
