/**
 * ArbExecutor end to end on real protocol bytecode: every funding source with V2 and V3 hops, 3-hop
 * and mixed plans, V2 amounts given or computed on chain, and the builder payment.
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { executorFixture, type ExecutorWorld } from "./fixture";
import { buildCase, E18, pancakeV3Hop, v2Hop, v3Hop, type CaseName } from "./cases";
import { balanceOf, planData, run } from "./helpers";
import { HopKind, type V3Hop } from "../../bot/plan/planEncoding";

/** Sells `tkaIn` TKA into the PancakeSwap V3 pool (through a PoolSwapper), making WETH dearer there. */
async function skewPancake(w: ExecutorWorld, tkaIn: bigint): Promise<void> {
  const swapper = await (await ethers.getContractFactory("PoolSwapper", w.owner)).deploy();
  await w.tka.transfer(await swapper.getAddress(), tkaIn);
  const tkaIs0 = BigInt(await w.tka.getAddress()) < BigInt(await w.weth.getAddress());
  await swapper.swapV3Batch(await w.pancakeWethTka.getAddress(), [
    {
      zeroForOne: tkaIs0,
      amountSpecified: tkaIn,
      sqrtPriceLimitX96: tkaIs0 ? 4295128740n : 1461446703485210103287273052203988822378723970341n,
    },
  ]);
}

describe("ArbExecutor: funding sources and hops", function () {
  async function profitOf(name: CaseName) {
    const w = await loadFixture(executorFixture);
    const c = await buildCase(w, name);
    const before = await balanceOf(w.weth, w.executor);
    await run(w, c.plan);
    return { gained: (await balanceOf(w.weth, w.executor)) - before, expected: c.profit, w };
  }

  describe("inventory", function () {
    it("runs WETH -> TKA -> WETH over two V2 pairs, the first sending straight to the second", async function () {
      const { gained, expected, w } = await profitOf("v2v2_inventory");
      expect(gained).to.equal(expected);
      expect(expected).to.be.greaterThan(0n);
      expect(await balanceOf(w.tka, w.executor)).to.equal(100_000n * E18); // TKA never touched
    });

    it("runs three V2 hops", async function () {
      const { gained, expected } = await profitOf("v2v2v2_inventory");
      expect(gained).to.equal(expected);
    });

    it("computes V2 amounts on chain from reserves when the plan gives a fee instead", async function () {
      const w = await loadFixture(executorFixture);
      const weth = await w.weth.getAddress();
      const a = await v2Hop(w.sushiWethTka, weth, E18);
      const b = await v2Hop(w.uniWethTka, await w.tka.getAddress(), a.out);
      const toComputed = (h: typeof a.hop) =>
        h.kind === HopKind.UniswapV2
          ? { kind: HopKind.UniswapV2, pair: h.pair, zeroForOne: h.zeroForOne, feeBps: 30 }
          : h;
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { hops: [toComputed(a.hop), toComputed(b.hop)] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(b.out - E18);
    });

    it("computes on chain with either reserve as the input side (TKA -> WETH -> TKA)", async function () {
      const w = await loadFixture(executorFixture);
      const tka = await w.tka.getAddress();
      const amountIn = 3_000n * E18;
      // The same dislocation traded from the other token: each pair is now entered from its other side.
      const a = await v2Hop(w.uniWethTka, tka, amountIn);
      const b = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), a.out);
      expect(b.out).to.be.greaterThan(amountIn);
      const computed = [a.hop, b.hop].map((h) =>
        h.kind === HopKind.UniswapV2
          ? { kind: HopKind.UniswapV2, pair: h.pair, zeroForOne: h.zeroForOne, feeBps: 30 }
          : h,
      );
      expect(computed.map((h) => h.zeroForOne)).to.have.members([true, false]);
      const before = await balanceOf(w.tka, w.executor);
      await run(w, await planData(w, { token: tka, amountIn, hops: computed }));
      expect((await balanceOf(w.tka, w.executor)) - before).to.equal(b.out - amountIn);
    });

    it("pays a first V3 hop from its callback, then a V2 hop", async function () {
      const w = await loadFixture(executorFixture);
      const h0 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), E18);
      const h1 = await v2Hop(w.uniWethTka, await w.tka.getAddress(), h0.out);
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { hops: [h0.hop, h1.hop] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(h1.out - E18);
    });

    it("sends a V2 output to itself when the next hop is V3, and pays the V3 pool from that", async function () {
      const w = await loadFixture(executorFixture);
      const tka = await w.tka.getAddress();
      const amountIn = 3_000n * E18;
      const h0 = await v2Hop(w.uniWethTka, tka, amountIn); // TKA -> WETH (WETH cheap on uni)
      const h1 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), h0.out); // WETH -> TKA on V3
      const before = await balanceOf(w.tka, w.executor);
      await run(w, await planData(w, { token: tka, amountIn, hops: [h0.hop, h1.hop] }));
      expect((await balanceOf(w.tka, w.executor)) - before).to.equal(h1.out - amountIn);
    });

    it("honours a V3 price limit: a limit already crossed makes the pool refuse", async function () {
      const w = await loadFixture(executorFixture);
      const h0 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), E18);
      const [sqrtPriceX96] = await w.v3WethTka.slot0();
      const zeroForOne = h0.hop.kind === HopKind.UniswapV3 && h0.hop.zeroForOne;
      // A limit on the wrong side of the current price: the pool reverts "SPL".
      const limit = zeroForOne ? sqrtPriceX96 + 1n : sqrtPriceX96 - 1n;
      const h1 = await v2Hop(w.uniWethTka, await w.tka.getAddress(), h0.out);
      const data = await planData(w, {
        hops: [{ ...h0.hop, sqrtPriceLimitX96: limit } as typeof h0.hop, h1.hop],
      });
      await expect(run(w, data)).to.be.revertedWith("SPL");
    });
  });

  describe("V2 flash swap", function () {
    it("borrows WETH from the first pair and repays it in TKA straight from the last hop", async function () {
      const { gained, expected, w } = await profitOf("v2v2_flashswap");
      expect(gained).to.equal(expected);
      expect(await balanceOf(w.tka, w.executor)).to.equal(100_000n * E18);
    });

    it("runs a V3 hop inside the flash swap, the V3 pool paying the lending pair directly", async function () {
      const w = await loadFixture(executorFixture);
      const weth = await w.weth.getAddress();
      const amountIn = E18;
      const v3 = await v3Hop(w, w.v3WethTka, weth, amountIn); // WETH -> TKA on V3
      const lender = await v2Hop(w.uniWethTka, await w.tka.getAddress(), v3.out); // uni lends WETH for TKA
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { funding: { mode: "v2flash" }, hops: [lender.hop, v3.hop] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(lender.out - amountIn);
    });
  });

  describe("V3 callback as the flash source", function () {
    it("runs the V2 hop inside the V3 swap callback and pays the pool last", async function () {
      const { gained, expected } = await profitOf("v3v2_v3flash");
      expect(gained).to.equal(expected);
    });

    it("runs a 3-hop mixed plan V3 -> V2 -> V2", async function () {
      const w = await loadFixture(executorFixture);
      const h0 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), E18);
      const h1 = await v2Hop(w.uniTkaTkb, await w.tka.getAddress(), h0.out);
      const h2 = await v2Hop(w.sushiTkbWeth, await w.tkb.getAddress(), h1.out);
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { funding: { mode: "v3flash" }, hops: [h0.hop, h1.hop, h2.hop] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(h2.out - E18);
    });

    it("needs no inventory at all", async function () {
      const w = await loadFixture(executorFixture);
      await w.executor.connect(w.owner).withdrawToken(await w.weth.getAddress(), w.owner.address, 100n * E18);
      const c = await buildCase(w, "v3v2_v3flash");
      await run(w, c.plan);
      expect(await balanceOf(w.weth, w.executor)).to.equal(c.profit);
    });
  });

  describe("PancakeSwap V3 pools", function () {
    it("pays a first PancakeSwap V3 hop from pancakeV3SwapCallback, then a V2 hop, to the wei of the V3 math", async function () {
      const w = await loadFixture(executorFixture);
      const h0 = await pancakeV3Hop(w, await w.weth.getAddress(), E18);
      const h1 = await v2Hop(w.uniWethTka, await w.tka.getAddress(), h0.out);
      expect(h1.out).to.be.greaterThan(E18);
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { minProfit: h1.out - E18, hops: [h0.hop, h1.hop] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(h1.out - E18);
    });

    it("runs the V2 hop inside the PancakeSwap V3 swap callback as the flash source, with no inventory", async function () {
      const w = await loadFixture(executorFixture);
      await w.executor.connect(w.owner).withdrawToken(await w.weth.getAddress(), w.owner.address, 100n * E18);
      const c = await buildCase(w, "pancakev3v2_v3flash");
      expect(c.profit).to.be.greaterThan(0n);
      await run(w, c.plan);
      expect(await balanceOf(w.weth, w.executor)).to.equal(c.profit);
    });

    it("runs a Uniswap V3 hop inside a PancakeSwap V3 flash: hop 0's output comes here, hop 1 is paid from its own callback", async function () {
      const w = await loadFixture(executorFixture);
      const weth = await w.weth.getAddress();
      const tka = await w.tka.getAddress();
      await skewPancake(w, 300_000n * E18); // WETH now dearer on PancakeSwap V3 than on Uniswap V3
      const h0 = await pancakeV3Hop(w, weth, E18);
      const h1 = await v3Hop(w, w.v3WethTka, tka, h0.out);
      expect(h1.out).to.be.greaterThan(E18);
      const before = await balanceOf(w.weth, w.executor);
      await run(
        w,
        await planData(w, { funding: { mode: "v3flash" }, minProfit: h1.out - E18, hops: [h0.hop, h1.hop] }),
      );
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(h1.out - E18);
      expect(await balanceOf(w.tka, w.executor)).to.equal(100_000n * E18);
    });

    it("takes a price limit on the flash source's hop: a loose one changes nothing, one already crossed stops the pool", async function () {
      const w = await loadFixture(executorFixture);
      const c = await buildCase(w, "pancakev3v2_v3flash");
      const h0 = c.spec.hops[0] as V3Hop;
      const [sqrtPriceX96] = await w.pancakeWethTka.slot0();
      // Loose: a tenth of the way to the extreme price, far beyond where 1 WETH moves it.
      const loose = h0.zeroForOne ? sqrtPriceX96 / 10n : sqrtPriceX96 * 10n;
      const crossed = h0.zeroForOne ? sqrtPriceX96 + 1n : sqrtPriceX96 - 1n;
      const plan = (limit: bigint) =>
        planData(w, {
          funding: { mode: "v3flash" },
          hops: [{ ...h0, sqrtPriceLimitX96: limit }, c.spec.hops[1]],
        });
      await expect(run(w, await plan(crossed))).to.be.revertedWith("SPL");
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await plan(loose));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(c.profit);
    });

    it("sends a V2 output to itself when the next hop is PancakeSwap V3, and pays that pool from it", async function () {
      const w = await loadFixture(executorFixture);
      const tka = await w.tka.getAddress();
      const amountIn = 3_000n * E18;
      const h0 = await v2Hop(w.uniWethTka, tka, amountIn); // TKA -> WETH (WETH cheap on uni)
      const h1 = await pancakeV3Hop(w, await w.weth.getAddress(), h0.out); // WETH -> TKA on PancakeSwap V3
      const before = await balanceOf(w.tka, w.executor);
      await run(w, await planData(w, { token: tka, amountIn, hops: [h0.hop, h1.hop] }));
      expect((await balanceOf(w.tka, w.executor)) - before).to.equal(h1.out - amountIn);
    });
  });

  describe("Balancer flash loan", function () {
    it("borrows from the Vault, runs two V2 hops and repays without fee", async function () {
      const { gained, expected, w } = await profitOf("v2v2_balancer");
      expect(gained).to.equal(expected);
      expect(await balanceOf(w.weth, w.vault)).to.equal(5_000n * E18);
    });

    it("borrows from the Vault for a first V3 hop", async function () {
      const w = await loadFixture(executorFixture);
      await w.executor.connect(w.owner).withdrawToken(await w.weth.getAddress(), w.owner.address, 100n * E18);
      const h0 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), E18);
      const h1 = await v2Hop(w.uniWethTka, await w.tka.getAddress(), h0.out);
      const funding = { mode: "balancer" as const };
      await run(w, await planData(w, { funding, hops: [h0.hop, h1.hop] }));
      expect(await balanceOf(w.weth, w.executor)).to.equal(h1.out - E18);
    });
  });

  describe("Aave flash loan", function () {
    it("borrows from the Pool, pays the 5 bps premium and leaves no allowance", async function () {
      const { gained, expected, w } = await profitOf("v2v2_aave");
      expect(gained).to.equal(expected);
      const pool = await w.aave.pool.getAddress();
      expect(await w.weth.allowance(await w.executor.getAddress(), pool)).to.equal(0n);
    });

    it("borrows from the Pool for a first V3 hop, with no inventory", async function () {
      const w = await loadFixture(executorFixture);
      await w.executor.connect(w.owner).withdrawToken(await w.weth.getAddress(), w.owner.address, 100n * E18);
      const h0 = await v3Hop(w, w.v3WethTka, await w.weth.getAddress(), E18);
      const h1 = await v2Hop(w.uniWethTka, await w.tka.getAddress(), h0.out);
      const funding = { mode: "aave" as const };
      await run(w, await planData(w, { funding, hops: [h0.hop, h1.hop] }));
      expect(await balanceOf(w.weth, w.executor)).to.equal(h1.out - E18 - (E18 * 5n) / 10_000n);
      const pool = await w.aave.pool.getAddress();
      expect(await w.weth.allowance(await w.executor.getAddress(), pool)).to.equal(0n);
    });
  });

  describe("builder payment", function () {
    async function coinbase(w: Awaited<ReturnType<typeof executorFixture>>) {
      await network.provider.send("hardhat_setCoinbase", [w.builder.address]);
      return w.builder.address;
    }

    it("pays 80 % of the profit to the coinbase by unwrapping WETH, keeping the rest", async function () {
      const w = await loadFixture(executorFixture);
      const builder = await coinbase(w);
      const c = await buildCase(w, "v2v2_inventory_tip");
      const tip = (c.profit * 8000n) / 10_000n;
      const before = await balanceOf(w.weth, w.executor);
      // No priority fee, so the builder's balance moves by the tip alone.
      const tx = await w.operator.sendTransaction({
        to: await w.executor.getAddress(),
        data: c.plan,
        maxPriorityFeePerGas: 0n,
      });
      await expect(tx).to.changeEtherBalance(builder, tip);
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(c.profit - tip);
    });

    it("pays a fixed amount from ETH held", async function () {
      const w = await loadFixture(executorFixture);
      const builder = await coinbase(w);
      await w.owner.sendTransaction({ to: await w.executor.getAddress(), value: E18 });
      const a = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
      const b = await v2Hop(w.uniWethTka, await w.tka.getAddress(), a.out);
      const data = await planData(w, {
        tip: { kind: "fixed", wei: 12345n, from: "eth" },
        hops: [a.hop, b.hop],
      });
      const tx = await w.operator.sendTransaction({
        to: await w.executor.getAddress(),
        data,
        maxPriorityFeePerGas: 0n,
      });
      await expect(tx).to.changeEtherBalances([builder, w.executor], [12345n, -12345n]);
    });

    it("pays a fixed amount by unwrapping WETH, counted against the profit", async function () {
      const w = await loadFixture(executorFixture);
      await coinbase(w);
      const a = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
      const b = await v2Hop(w.uniWethTka, await w.tka.getAddress(), a.out);
      const profit = b.out - E18;
      const tip = { kind: "fixed" as const, wei: profit / 2n, from: "weth" as const };
      const before = await balanceOf(w.weth, w.executor);
      await run(w, await planData(w, { tip, hops: [a.hop, b.hop] }));
      expect((await balanceOf(w.weth, w.executor)) - before).to.equal(profit - profit / 2n);
    });

    it("refuses a tip that leaves less than the minimum profit", async function () {
      const w = await loadFixture(executorFixture);
      await coinbase(w);
      const a = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
      const b = await v2Hop(w.uniWethTka, await w.tka.getAddress(), a.out);
      const profit = b.out - E18;
      const before = await balanceOf(w.weth, w.executor);
      const data = await planData(w, {
        minProfit: profit - profit / 2n + 1n,
        tip: { kind: "fixed", wei: profit / 2n, from: "weth" },
        hops: [a.hop, b.hop],
      });
      await expect(run(w, data))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before + profit - profit / 2n, profit - profit / 2n + 1n);
    });
  });
});
