/**
 * The block builder is paid last, by a plain call to block.coinbase, and a coinbase can be a
 * contract: these attacks run inside that call (and in pools that misbehave around their
 * callbacks) and must fail. The awaited callback context is single-use, so nothing a plan awaited
 * earlier is still awaited when the builder is paid; and the profit is measured after the payment.
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { executorFixture, type ExecutorWorld } from "./fixture";
import { E18, deadline, pancakeV3Hop, v2Hop, v3Hop } from "./cases";
import { balanceOf, planData, run } from "./helpers";

/** Sends the plan with no priority fee, so that the coinbase's ETH moves by the executor's tip alone. */
async function runUnprioritised(w: ExecutorWorld, data: string) {
  const tx = await w.operator.sendTransaction({
    to: await w.executor.getAddress(),
    data,
    maxPriorityFeePerGas: 0n,
  });
  return await tx.wait();
}
import { HopKind, encodePlan, type FundingSpec, type Hop, type Tip } from "../../bot/plan/planEncoding";

const UNISWAP_V2_CALL = "0x10d1e85c";
const UNISWAP_V3_CALLBACK = "0xfa461e33";
const RECEIVE_FLASH_LOAN = "0xf04f2707";
const SHARE: Tip = { kind: "share", bps: 5000, from: "weth" };

async function hostileCoinbase(w: ExecutorWorld): Promise<Contract> {
  const hostile = (await (
    await ethers.getContractFactory("HostileCoinbase", w.owner)
  ).deploy()) as unknown as Contract;
  await network.provider.send("hardhat_setCoinbase", [await hostile.getAddress()]);
  return hostile;
}

/** The executor's balances of every token it holds (TKB added so that there are three). */
async function holdings(w: ExecutorWorld, who: { getAddress(): Promise<string> }): Promise<bigint[]> {
  return Promise.all([w.weth, w.tka, w.tkb].map((t) => balanceOf(t, who)));
}

/** An encoded custom error of the executor, as a hostile caller records it. */
function executorError(w: ExecutorWorld, name: string, args: unknown[]): string {
  return w.executor.interface.encodeErrorResult(name, args);
}

/**
 * A profitable plan per funding source, WETH in and out, with half the gross profit to the builder.
 * `gross` is the profit before the tip, after any flash fee.
 */
async function fundedPlans(w: ExecutorWorld) {
  const weth = await w.weth.getAddress();
  const tka = await w.tka.getAddress();
  const sushi = await v2Hop(w.sushiWethTka, weth, E18);
  const uni = await v2Hop(w.uniWethTka, tka, sushi.out);
  const v3 = await v3Hop(w, w.v3WethTka, weth, E18);
  const afterV3 = await v2Hop(w.uniWethTka, tka, v3.out);
  const pancake = await pancakeV3Hop(w, weth, E18);
  const afterPancake = await v2Hop(w.uniWethTka, tka, pancake.out);
  const premium = (E18 * 5n) / 10_000n;
  const plans: Record<FundingName, { mode: FundingSpec["mode"]; hops: Hop[]; gross: bigint }> = {
    inventory: { mode: "inventory", hops: [sushi.hop, uni.hop], gross: uni.out - E18 },
    "a V2 flash swap": { mode: "v2flash", hops: [uni.hop, sushi.hop], gross: uni.out - E18 },
    "a Uniswap V3 flash": { mode: "v3flash", hops: [v3.hop, afterV3.hop], gross: afterV3.out - E18 },
    "a PancakeSwap V3 flash": {
      mode: "v3flash",
      hops: [pancake.hop, afterPancake.hop],
      gross: afterPancake.out - E18,
    },
    "a Balancer flash loan": { mode: "balancer", hops: [sushi.hop, uni.hop], gross: uni.out - E18 },
    "an Aave flash loan": { mode: "aave", hops: [sushi.hop, uni.hop], gross: uni.out - E18 - premium },
  };
  return plans;
}

const FUNDINGS = [
  "inventory",
  "a V2 flash swap",
  "a Uniswap V3 flash",
  "a PancakeSwap V3 flash",
  "a Balancer flash loan",
  "an Aave flash loan",
] as const;
type FundingName = (typeof FUNDINGS)[number];

describe("ArbExecutor: the builder payment and single-use callbacks", function () {
  async function world() {
    const w = await loadFixture(executorFixture);
    await w.tkb.transfer(await w.executor.getAddress(), 50_000n * E18);
    return w;
  }

  describe("a coinbase contract that attacks when paid", function () {
    for (const funding of FUNDINGS) {
      it(`cannot drain the executor through the Vault once a plan funded by ${funding} pays it: the Vault is no longer awaited`, async function () {
        const w = await world();
        const hostile = await hostileCoinbase(w);
        const ex = await w.executor.getAddress();
        const tokens = [await w.weth.getAddress(), await w.tka.getAddress(), await w.tkb.getAddress()];
        // Its own plan: borrow nothing from the Vault, with one hop through itself posing as a V3 pool,
        // which then asks the executor for all it holds of each token in turn.
        const drain = encodePlan({
          deadlineBlock: await deadline(),
          funding: { mode: "balancer" },
          token: tokens[0],
          amountIn: 0n,
          minProfit: 0n,
          tip: { kind: "none" },
          hops: [{ kind: HopKind.UniswapV3, pool: await hostile.getAddress(), zeroForOne: true }],
        });
        await hostile.setDrain(tokens, UNISWAP_V3_CALLBACK);
        await hostile.setHook(
          await w.vault.getAddress(),
          w.vault.interface.encodeFunctionData("flashLoan", [ex, [tokens[0]], [0n], drain]),
        );
        const plan = (await fundedPlans(w))[funding];
        const before = await holdings(w, w.executor);
        const tip = (plan.gross * 5000n) / 10_000n;
        const paidBefore = await ethers.provider.getBalance(await hostile.getAddress());

        await runUnprioritised(
          w,
          await planData(w, { funding: { mode: plan.mode }, tip: SHARE, hops: plan.hops }),
        );

        expect(await hostile.hookCalled()).to.equal(true);
        expect(await hostile.hookSucceeded()).to.equal(false);
        expect(await hostile.hookResult()).to.equal(
          executorError(w, "UnexpectedCallback", [await w.vault.getAddress(), RECEIVE_FLASH_LOAN]),
        );
        expect(await holdings(w, hostile)).to.deep.equal([0n, 0n, 0n]);
        const [weth, tka, tkb] = await holdings(w, w.executor);
        expect([weth, tka, tkb]).to.deep.equal([before[0] + plan.gross - tip, before[1], before[2]]);
        expect((await ethers.provider.getBalance(await hostile.getAddress())) - paidBefore).to.equal(tip);
      });
    }
  });

  describe("pools that misbehave around their callbacks", function () {
    it("does not await a V2 flash pair that returned without calling back: its late callback is refused", async function () {
      const w = await world();
      const hostile = await hostileCoinbase(w);
      const ex = await w.executor.getAddress();
      const tokens = [await w.weth.getAddress(), await w.tka.getAddress(), await w.tkb.getAddress()];
      // The "pair" lends nothing and calls nothing back during its swap; paid as the builder (a
      // fixed tip from ETH held), it then calls uniswapV2Call as that pair, with a plan whose hop 1
      // is itself posing as a V3 pool that drains every token.
      await hostile.setV2Callbacks(0);
      await hostile.setDrain(tokens, UNISWAP_V3_CALLBACK);
      const pair = await hostile.getAddress();
      const drain = encodePlan({
        deadlineBlock: await deadline(),
        funding: { mode: "v2flash" },
        token: tokens[0],
        amountIn: 0n,
        minProfit: 0n,
        tip: { kind: "none" },
        hops: [
          { kind: HopKind.UniswapV2, pair, zeroForOne: true, amountOut: 0n },
          { kind: HopKind.UniswapV3, pool: pair, zeroForOne: true },
        ],
      });
      await hostile.setHook(
        ex,
        w.executor.interface.encodeFunctionData("uniswapV2Call", [ex, 0n, 0n, drain]),
      );
      await w.owner.sendTransaction({ to: ex, value: 1000n });
      const sushi = await v2Hop(w.sushiWethTka, tokens[0], E18);
      const lender: Hop = { kind: HopKind.UniswapV2, pair, zeroForOne: true, amountOut: E18 };
      const before = await holdings(w, w.executor);

      await run(
        w,
        await planData(w, {
          funding: { mode: "v2flash" },
          minProfit: 0n,
          tip: { kind: "fixed", wei: 1000n, from: "eth" },
          hops: [lender, sushi.hop],
        }),
      );

      expect(await hostile.hookSucceeded()).to.equal(false);
      expect(await hostile.hookResult()).to.equal(
        executorError(w, "UnexpectedCallback", [pair, UNISWAP_V2_CALL]),
      );
      expect(await holdings(w, w.executor)).to.deep.equal(before);
      expect(await holdings(w, hostile)).to.deep.equal([0n, 0n, 0n]);
    });

    it("refuses a V3 pool's second callback for one swap", async function () {
      const w = await world();
      const hostile = await hostileCoinbase(w);
      // The pool asks for TKA in its first callback (paid: the plan named this pool), then for TKB.
      await hostile.setDrain([await w.tka.getAddress(), await w.tkb.getAddress()], UNISWAP_V3_CALLBACK);
      const hop: Hop = { kind: HopKind.UniswapV3, pool: await hostile.getAddress(), zeroForOne: true };
      await expect(run(w, await planData(w, { minProfit: 0n, hops: [hop] })))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await hostile.getAddress(), UNISWAP_V3_CALLBACK);
    });

    it("refuses a V2 flash pair's second callback", async function () {
      const w = await world();
      const hostile = await hostileCoinbase(w);
      await hostile.setV2Callbacks(2);
      const sushi = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
      const lender: Hop = {
        kind: HopKind.UniswapV2,
        pair: await hostile.getAddress(),
        zeroForOne: true,
        amountOut: E18,
      };
      await expect(
        run(w, await planData(w, { funding: { mode: "v2flash" }, minProfit: 0n, hops: [lender, sushi.hop] })),
      )
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await hostile.getAddress(), UNISWAP_V2_CALL);
    });
  });

  describe("the profit check after the payment", function () {
    it("measures the profit on the balance after the builder is paid (a rebate paid back during it counts)", async function () {
      const w = await world();
      const hostile = await hostileCoinbase(w);
      const ex = await w.executor.getAddress();
      const rebate = 12_345n;
      await w.weth.transfer(await hostile.getAddress(), rebate);
      await hostile.setHook(
        await w.weth.getAddress(),
        w.weth.interface.encodeFunctionData("transfer", [ex, rebate]),
      );
      const plan = (await fundedPlans(w)).inventory;
      const kept = plan.gross - (plan.gross * 5000n) / 10_000n;
      const data = await planData(w, { tip: SHARE, minProfit: kept + rebate, hops: plan.hops });
      const before = await balanceOf(w.weth, ex);
      // What execute() returns is the kept profit measured after the payment.
      expect(BigInt(await w.operator.call({ to: ex, data }))).to.equal(kept + rebate);
      await run(w, data);
      expect(await hostile.hookSucceeded()).to.equal(true);
      expect((await balanceOf(w.weth, ex)) - before).to.equal(kept + rebate);
    });
  });
});
