/**
 * ArbExecutor's security model, each point as an attack that fails: access control and pause,
 * deadline, minimum profit to the wei, callbacks from outsiders, fake pools and lenders, reentry,
 * approvals left open, malformed plans, the builder payment's limits, and the weird-token drawer.
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { executorFixture, type ExecutorWorld } from "./fixture";
import { buildCase, E18, v2Hop, v3Hop } from "./cases";
import { balanceOf, planData, run, weirdPairs } from "./helpers";
import { HopKind, EXECUTE_SELECTOR, encodeHop, encodePlan, type Hop } from "../../bot/plan/planEncoding";

const PANCAKE_CALL = "0x84800812";
const UNISWAP_V3_CALLBACK = "0xfa461e33";
const PANCAKE_V3_CALLBACK = "0x23a69e75";
const TRANSFER = "0xa9059cbb";
const BALANCE_OF = "0x70a08231";

async function deployFake(w: ExecutorWorld): Promise<Contract> {
  const fake = await (await ethers.getContractFactory("FakePool", w.owner)).deploy();
  return fake as unknown as Contract;
}

async function deployToken(w: ExecutorWorld, name: string): Promise<Contract> {
  return (await (await ethers.getContractFactory(name, w.owner)).deploy()) as unknown as Contract;
}

/** The basic profitable 2-hop V2 plan's hops, sized now. */
async function basicHops(w: ExecutorWorld): Promise<{ hops: Hop[]; profit: bigint }> {
  const a = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
  const b = await v2Hop(w.uniWethTka, await w.tka.getAddress(), a.out);
  return { hops: [a.hop, b.hop], profit: b.out - E18 };
}

describe("ArbExecutor: security", function () {
  describe("access", function () {
    it("refuses a caller that is not an operator", async function () {
      const w = await loadFixture(executorFixture);
      const { plan } = await buildCase(w, "v2v2_inventory");
      await expect(run(w, plan, w.outsider))
        .to.be.revertedWithCustomError(w.executor, "NotOperator")
        .withArgs(w.outsider.address);
    });

    it("refuses everyone while paused, and runs again once unpaused", async function () {
      const w = await loadFixture(executorFixture);
      const { plan } = await buildCase(w, "v2v2_inventory");
      await expect(w.executor.setPaused(true)).to.emit(w.executor, "PauseSwitched").withArgs(true);
      expect(await w.executor.paused()).to.equal(true);
      await expect(run(w, plan)).to.be.revertedWithCustomError(w.executor, "ExecutorPaused");
      // An operator added during the pause is paused too.
      await w.executor.setOperator(w.signers[5].address, true);
      await expect(run(w, plan, w.signers[5])).to.be.revertedWithCustomError(w.executor, "ExecutorPaused");
      await w.executor.setPaused(false);
      await expect(run(w, (await buildCase(w, "v2v2_inventory")).plan, w.signers[5])).to.not.be.reverted;
    });

    it("keeps the operator list: adding twice is one entry, removing takes the right one", async function () {
      const w = await loadFixture(executorFixture);
      const [a, b, c] = [w.signers[5].address, w.signers[6].address, w.signers[7].address];
      for (const x of [a, b, c, a]) await w.executor.setOperator(x, true);
      expect(await w.executor.operators()).to.deep.equal([w.operator.address, a, b, c]);
      await expect(w.executor.setOperator(a, false))
        .to.emit(w.executor, "OperatorUpdated")
        .withArgs(a, false);
      expect(await w.executor.operators()).to.deep.equal([w.operator.address, c, b]);
      expect(await w.executor.isOperator(a)).to.equal(false);
      expect(await w.executor.isOperator(c)).to.equal(true);
      await w.executor.setOperator(a, false); // absent already: nothing changes
      expect(await w.executor.operators()).to.deep.equal([w.operator.address, c, b]);
      const { plan } = await buildCase(w, "v2v2_inventory");
      await expect(run(w, plan, w.signers[5])).to.be.revertedWithCustomError(w.executor, "NotOperator");
    });

    it("lets only the owner administer, with ownership moving in two steps", async function () {
      const w = await loadFixture(executorFixture);
      const ex = w.executor.connect(w.outsider);
      const weth = await w.weth.getAddress();
      for (const call of [
        () => ex.setOperator(w.outsider.address, true),
        () => ex.setPaused(true),
        () => ex.withdrawToken(weth, w.outsider.address, 1n),
        () => ex.withdrawEth(w.outsider.address, 0n),
        () => ex.transferOwnership(w.outsider.address),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(w.executor, "OwnableUnauthorizedAccount")
          .withArgs(w.outsider.address);
      }
      await w.executor.transferOwnership(w.builder.address);
      expect(await w.executor.owner()).to.equal(w.owner.address);
      expect(await w.executor.pendingOwner()).to.equal(w.builder.address);
      await expect(ex.acceptOwnership())
        .to.be.revertedWithCustomError(w.executor, "OwnableUnauthorizedAccount")
        .withArgs(w.outsider.address);
      await w.executor.connect(w.builder).acceptOwnership();
      expect(await w.executor.owner()).to.equal(w.builder.address);
      await expect(w.executor.setPaused(true))
        .to.be.revertedWithCustomError(w.executor, "OwnableUnauthorizedAccount")
        .withArgs(w.owner.address);
    });

    it("lets the owner withdraw tokens and ETH", async function () {
      const w = await loadFixture(executorFixture);
      const ex = await w.executor.getAddress();
      await w.owner.sendTransaction({ to: ex, value: 5n });
      await expect(w.executor.withdrawToken(await w.tka.getAddress(), w.builder.address, 7n))
        .to.emit(w.executor, "TokenWithdrawn")
        .withArgs(await w.tka.getAddress(), w.builder.address, 7n);
      expect(await balanceOf(w.tka, w.builder.address)).to.equal(7n);
      await expect(w.executor.withdrawEth(w.builder.address, 5n)).to.changeEtherBalances(
        [ex, w.builder],
        [-5n, 5n],
      );
      const fake = await deployFake(w);
      await w.owner.sendTransaction({ to: ex, value: 5n });
      await expect(w.executor.withdrawEth(await fake.getAddress(), 5n))
        .to.be.revertedWithCustomError(w.executor, "EthTransferFailed")
        .withArgs(await fake.getAddress(), 5n);
    });

    it("refuses zero addresses for WETH, the owner and operators", async function () {
      const w = await loadFixture(executorFixture);
      const factory = await ethers.getContractFactory("ArbExecutor", w.owner);
      const none = ethers.ZeroAddress;
      await expect(factory.deploy(w.owner.address, none, none, none, [])).to.be.revertedWithCustomError(
        w.executor,
        "ZeroAddress",
      );
      await expect(factory.deploy(none, await w.weth.getAddress(), none, none, []))
        .to.be.revertedWithCustomError(w.executor, "OwnableInvalidOwner")
        .withArgs(ethers.ZeroAddress);
      await expect(w.executor.setOperator(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
        w.executor,
        "ZeroAddress",
      );
    });
  });

  describe("deadline and profit", function () {
    it("refuses a plan whose last valid block has passed, and runs one in its last block", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      const now = BigInt(await ethers.provider.getBlockNumber());
      await expect(run(w, await planData(w, { deadlineBlock: now, hops })))
        .to.be.revertedWithCustomError(w.executor, "DeadlinePassed")
        .withArgs(now, now + 1n);
      // Even a non-operator is told about the deadline first: it is checked before anything else.
      await expect(run(w, await planData(w, { deadlineBlock: now, hops }), w.outsider))
        .to.be.revertedWithCustomError(w.executor, "DeadlinePassed")
        .withArgs(now, now + 2n);
      const last = BigInt(await ethers.provider.getBlockNumber()) + 1n;
      await expect(run(w, await planData(w, { deadlineBlock: last, hops }))).to.not.be.reverted;
    });

    it("refuses a plan whose profit falls short of the minimum by exactly 1 wei", async function () {
      const w = await loadFixture(executorFixture);
      const { hops, profit } = await basicHops(w);
      const before = await balanceOf(w.weth, w.executor);
      await expect(run(w, await planData(w, { minProfit: profit + 1n, hops })))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before + profit, profit + 1n);
      await run(w, await planData(w, { minProfit: profit, hops }));
      expect(await balanceOf(w.weth, w.executor)).to.equal(before + profit);
    });

    it("refuses a losing flash-loan plan: the loan is repaid from nothing it may keep", async function () {
      const w = await loadFixture(executorFixture);
      // The cycle backwards (WETH -> TKA on uni, back on sushi) loses.
      const a = await v2Hop(w.uniWethTka, await w.weth.getAddress(), E18);
      const b = await v2Hop(w.sushiWethTka, await w.tka.getAddress(), a.out);
      const before = await balanceOf(w.weth, w.executor);
      const funding = { mode: "balancer" as const };
      await expect(run(w, await planData(w, { funding, minProfit: 0n, hops: [a.hop, b.hop] })))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before + b.out - E18, 0n);
    });
    it("refuses a losing V3-funded plan in the other direction (TKA -> WETH on V3, back on uni)", async function () {
      const w = await loadFixture(executorFixture);
      const tka = await w.tka.getAddress();
      const amountIn = 3_000n * E18;
      const h0 = await v3Hop(w, w.v3WethTka, tka, amountIn);
      const h1 = await v2Hop(w.uniWethTka, await w.weth.getAddress(), h0.out);
      const before = await balanceOf(w.tka, w.executor);
      const data = await planData(w, {
        funding: { mode: "v3flash" },
        token: tka,
        amountIn,
        hops: [h0.hop, h1.hop],
      });
      await expect(run(w, data))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before + h1.out - amountIn, 1n);
    });
  });

  describe("callbacks", function () {
    async function callbackCalls(w: ExecutorWorld) {
      const ex = w.executor;
      const weth = await w.weth.getAddress();
      const me = await ex.getAddress();
      const v2 = ex.interface.encodeFunctionData("uniswapV2Call", [me, 0n, E18, "0x01"]);
      return [
        { selector: ex.interface.getFunction("uniswapV2Call").selector, data: v2 },
        { selector: PANCAKE_CALL, data: PANCAKE_CALL + v2.slice(10) },
        {
          selector: ex.interface.getFunction("uniswapV3SwapCallback").selector,
          data: ex.interface.encodeFunctionData("uniswapV3SwapCallback", [E18, -1n, "0x"]),
        },
        {
          selector: ex.interface.getFunction("pancakeV3SwapCallback").selector,
          data: ex.interface.encodeFunctionData("pancakeV3SwapCallback", [E18, -1n, "0x"]),
        },
        {
          selector: ex.interface.getFunction("receiveFlashLoan").selector,
          data: ex.interface.encodeFunctionData("receiveFlashLoan", [[weth], [E18], [0n], "0x"]),
        },
        {
          selector: ex.interface.getFunction("executeOperation").selector,
          data: ex.interface.encodeFunctionData("executeOperation", [weth, E18, 0n, me, "0x"]),
        },
      ];
    }

    it("refuses every callback called directly by an outsider", async function () {
      const w = await loadFixture(executorFixture);
      for (const { selector, data } of await callbackCalls(w)) {
        await expect(w.outsider.sendTransaction({ to: await w.executor.getAddress(), data }))
          .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
          .withArgs(w.outsider.address, selector);
      }
    });

    it("refuses every callback from a fake pool contract", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      for (const { selector, data } of await callbackCalls(w)) {
        await expect(fake.poke(await w.executor.getAddress(), data))
          .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
          .withArgs(await fake.getAddress(), selector);
      }
    });

    it("refuses callbacks from the real pair, Vault and Pool when this contract did not start them", async function () {
      const w = await loadFixture(executorFixture);
      const ex = await w.executor.getAddress();
      const weth = await w.weth.getAddress();
      const sel = (name: "uniswapV2Call" | "receiveFlashLoan" | "executeOperation") =>
        w.executor.interface.getFunction(name).selector;
      await expect((w.uniWethTka.connect(w.outsider) as Contract).swap(0n, 1000n, ex, "0x01"))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await w.uniWethTka.getAddress(), sel("uniswapV2Call"));
      await expect((w.vault.connect(w.outsider) as Contract).flashLoan(ex, [weth], [E18], "0x"))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await w.vault.getAddress(), sel("receiveFlashLoan"));
      await expect((w.aave.pool.connect(w.outsider) as Contract).flashLoanSimple(ex, weth, E18, "0x", 0))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await w.aave.pool.getAddress(), sel("executeOperation"));
    });

    it("refuses a callback from another contract while a plan runs", async function () {
      const w = await loadFixture(executorFixture);
      const token = await deployToken(w, "SwitchableToken");
      const fake = await deployFake(w);
      const { uni, sushi } = await weirdPairs(w, token);
      await token.mint(await w.executor.getAddress(), 1_000_000n * E18);
      // Token -> WETH on uni -> token on sushi: the executor's first transfer triggers the hook.
      const a = await v2Hop(uni, await token.getAddress(), 3_000n * E18);
      const b = await v2Hop(sushi, await w.weth.getAddress(), a.out);
      const data = await planData(w, {
        token: await token.getAddress(),
        amountIn: 3_000n * E18,
        hops: [a.hop, b.hop],
      });
      const v3 = w.executor.interface.encodeFunctionData("uniswapV3SwapCallback", [E18, 0n, "0x"]);
      await token.setHook(
        await fake.getAddress(),
        fake.interface.encodeFunctionData("poke", [await w.executor.getAddress(), v3]),
      );
      await token.setMode(3); // Reenter
      await expect(run(w, data))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(
          await fake.getAddress(),
          w.executor.interface.getFunction("uniswapV3SwapCallback").selector,
        );
    });

    it("takes a V3-style pool's swap callback only under its hop kind's name, as a payment or a flash source", async function () {
      const w = await loadFixture(executorFixture);
      const pool = (await (
        await ethers.getContractFactory("HostileCoinbase", w.owner)
      ).deploy()) as unknown as Contract;
      const at = await pool.getAddress();
      const tka = await w.tka.getAddress();
      const tkaHeld = await balanceOf(w.tka, w.executor);
      // The pool asks, in one callback, for all the executor's TKA (the plan named it: it is paid).
      const cases = [
        { kind: HopKind.UniswapV3, calls: PANCAKE_V3_CALLBACK },
        { kind: HopKind.PancakeV3, calls: UNISWAP_V3_CALLBACK },
      ] as const;
      for (const { kind, calls } of cases) {
        await pool.setDrain([tka], calls);
        const hop: Hop = { kind, pool: at, zeroForOne: true };
        await expect(run(w, await planData(w, { minProfit: 0n, hops: [hop] })))
          .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
          .withArgs(at, calls);
        const back = await v2Hop(w.uniWethTka, tka, 1n);
        const flash = await planData(w, {
          funding: { mode: "v3flash" },
          minProfit: 0n,
          hops: [hop, back.hop],
        });
        await expect(run(w, flash))
          .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
          .withArgs(at, calls);
      }
      // Under its own kind's name the same pool is paid.
      await pool.setDrain([tka], PANCAKE_V3_CALLBACK);
      const hop: Hop = { kind: HopKind.PancakeV3, pool: at, zeroForOne: true };
      await run(w, await planData(w, { minProfit: 0n, hops: [hop] }));
      expect(await balanceOf(w.tka, pool)).to.equal(tkaHeld);
    });

    it("refuses reentry into execute, even by an operator contract", async function () {
      const w = await loadFixture(executorFixture);
      const token = await deployToken(w, "SwitchableToken");
      const fake = await deployFake(w);
      const { uni, sushi } = await weirdPairs(w, token);
      await token.mint(await w.executor.getAddress(), 1_000_000n * E18);
      const a = await v2Hop(uni, await token.getAddress(), 3_000n * E18);
      const b = await v2Hop(sushi, await w.weth.getAddress(), a.out);
      const data = await planData(w, {
        token: await token.getAddress(),
        amountIn: 3_000n * E18,
        hops: [a.hop, b.hop],
      });
      await token.setHook(
        await fake.getAddress(),
        fake.interface.encodeFunctionData("poke", [await w.executor.getAddress(), data]),
      );
      await token.setMode(3); // Reenter
      await expect(run(w, data))
        .to.be.revertedWithCustomError(w.executor, "NotOperator")
        .withArgs(await fake.getAddress());
      await w.executor.setOperator(await fake.getAddress(), true);
      await expect(run(w, data)).to.be.revertedWithCustomError(w.executor, "Reentered");
    });

    it("dispatches a renamed V2 callback (pancakeCall) only under the selector the plan names", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      const ex = await w.executor.getAddress();
      await fake.setClaimedSender(ex);
      await fake.setCallbackSelector(PANCAKE_CALL);
      // The fake "pair" lends nothing, so the sushi hop is paid from inventory and the plan loses:
      // reaching the profit check proves the callback ran the hops.
      const a = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), E18);
      const lender: Hop = {
        kind: HopKind.UniswapV2,
        pair: await fake.getAddress(),
        zeroForOne: true,
        amountOut: E18,
      };
      const before = await balanceOf(w.weth, w.executor);
      const hops = [lender, a.hop];
      await expect(
        run(w, await planData(w, { funding: { mode: "v2flash", callbackSelector: PANCAKE_CALL }, hops })),
      )
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before - E18, 1n);
      // The plan expects uniswapV2Call; the fake calls pancakeCall.
      await expect(run(w, await planData(w, { funding: { mode: "v2flash" }, hops })))
        .to.be.revertedWithCustomError(w.executor, "UnexpectedCallback")
        .withArgs(await fake.getAddress(), PANCAKE_CALL);
      // A pair reporting someone else as the swap's sender, through either entry.
      await fake.setClaimedSender(w.outsider.address);
      await expect(
        run(w, await planData(w, { funding: { mode: "v2flash", callbackSelector: PANCAKE_CALL }, hops })),
      )
        .to.be.revertedWithCustomError(w.executor, "WrongInitiator")
        .withArgs(w.outsider.address);
      await fake.setCallbackSelector(w.executor.interface.getFunction("uniswapV2Call").selector);
      await expect(run(w, await planData(w, { funding: { mode: "v2flash" }, hops })))
        .to.be.revertedWithCustomError(w.executor, "WrongInitiator")
        .withArgs(w.outsider.address);
    });

    it("refuses an Aave-style lender that names another initiator", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      const { hops } = await basicHops(w);
      // Lenders are immutables, so the only way to meet this lender is a deployment that names it.
      const factory = await ethers.getContractFactory("ArbExecutor", w.owner);
      const executor = (await factory.deploy(
        w.owner.address,
        await w.weth.getAddress(),
        await fake.getAddress(),
        ethers.ZeroAddress,
        [w.operator.address],
      )) as unknown as Contract;
      await w.weth.transfer(await executor.getAddress(), E18);
      const data = await planData(w, { funding: { mode: "aave" }, hops });
      await fake.setClaimedSender(w.outsider.address);
      await expect(w.operator.sendTransaction({ to: await executor.getAddress(), data }))
        .to.be.revertedWithCustomError(w.executor, "WrongInitiator")
        .withArgs(w.outsider.address);
    });

    it("refuses a lender plan on a deployment without that lender", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      const factory = await ethers.getContractFactory("ArbExecutor", w.owner);
      const executor = (await factory.deploy(
        w.owner.address,
        await w.weth.getAddress(),
        ethers.ZeroAddress,
        ethers.ZeroAddress,
        [w.operator.address],
      )) as unknown as Contract;
      const to = await executor.getAddress();
      expect(await executor.AAVE_POOL()).to.equal(ethers.ZeroAddress);
      expect(await executor.BALANCER_VAULT()).to.equal(ethers.ZeroAddress);
      for (const [mode, code] of [
        ["aave", 4n],
        ["balancer", 3n],
      ] as const) {
        const data = await planData(w, { funding: { mode }, hops });
        await expect(w.operator.sendTransaction({ to, data }))
          .to.be.revertedWithCustomError(w.executor, "FundingUnavailable")
          .withArgs(code);
      }
    });

    it("pays a V3-style pool what it asks in either token, and the profit check catches a greedy one", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      const weth = await w.weth.getAddress();
      await fake.setTokens(await w.tka.getAddress(), weth);
      await fake.setDeltas(0n, 7n); // asks 7 wei of token1 (WETH), gives nothing
      const before = await balanceOf(w.weth, w.executor);
      const hop: Hop = { kind: HopKind.UniswapV3, pool: await fake.getAddress(), zeroForOne: false };
      await expect(run(w, await planData(w, { hops: [hop] })))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before - 7n, 1n);
    });

    it("refuses an amount a V3 swap cannot take, as a broken pool's positive output delta gives", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      await fake.setTokens(await w.weth.getAddress(), await w.tka.getAddress());
      await fake.setDeltas(1n, 5n); // "outputs" +5: wraps to 2**256 - 5
      const real = await v3Hop(w, w.v3WethTka, await w.tka.getAddress(), E18);
      const hops: Hop[] = [
        { kind: HopKind.UniswapV3, pool: await fake.getAddress(), zeroForOne: true },
        real.hop,
      ];
      await expect(run(w, await planData(w, { hops })))
        .to.be.revertedWithCustomError(w.executor, "AmountTooLarge")
        .withArgs(2n ** 256n - 5n);
    });
  });

  describe("malformed plans", function () {
    async function header(w: ExecutorWorld, flags: number, extra = ""): Promise<string> {
      const deadline = BigInt(await ethers.provider.getBlockNumber()) + 5n;
      return (
        EXECUTE_SELECTOR +
        deadline.toString(16).padStart(8, "0") +
        flags.toString(16).padStart(2, "0") +
        (await w.weth.getAddress()).slice(2) +
        E18.toString(16).padStart(32, "0") +
        "1".padStart(32, "0") +
        extra
      );
    }

    it("refuses a plan without hops, or whose last hop is cut short", async function () {
      const w = await loadFixture(executorFixture);
      await expect(run(w, await header(w, 0)))
        .to.be.revertedWithCustomError(w.executor, "MalformedPlan")
        .withArgs(61n, 61n);
      const { hops } = await basicHops(w);
      const data = await planData(w, { hops });
      await expect(run(w, data.slice(0, -2)))
        .to.be.revertedWithCustomError(w.executor, "MalformedPlan")
        .withArgs(4n + 57n + 37n + 37n, 4n + 57n + 37n + 36n);
    });

    it("refuses an unknown funding code, and a first hop of the wrong kind for a flash", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      const v2 = hops.map(encodeHop).join("");
      const v3 = encodeHop({
        kind: HopKind.UniswapV3,
        pool: await w.v3WethTka.getAddress(),
        zeroForOne: true,
      });
      await expect(run(w, await header(w, 5, v2)))
        .to.be.revertedWithCustomError(w.executor, "BadFunding")
        .withArgs(5n, 0n);
      await expect(run(w, await header(w, 1, "10d1e85c" + v3 + v2)))
        .to.be.revertedWithCustomError(w.executor, "BadFunding")
        .withArgs(1n, 0x09n);
      const computed = encodeHop({
        kind: HopKind.UniswapV2,
        pair: await w.uniWethTka.getAddress(),
        zeroForOne: false,
        feeBps: 30,
      });
      await expect(run(w, await header(w, 1, "10d1e85c" + computed + v2)))
        .to.be.revertedWithCustomError(w.executor, "BadFunding")
        .withArgs(1n, 0x02n);
      // Hop 0 of a V2 flash with the spare option bit set is not the plain V2 hop either.
      await expect(run(w, await header(w, 1, "10d1e85c" + "04" + v2.slice(2, 74) + v2)))
        .to.be.revertedWithCustomError(w.executor, "BadFunding")
        .withArgs(1n, 0x04n);
      await expect(run(w, await header(w, 2, v2)))
        .to.be.revertedWithCustomError(w.executor, "BadFunding")
        .withArgs(2n, BigInt(parseInt(v2.slice(0, 2), 16)));
      // A V3 flash with nothing to run inside the callback.
      await expect(run(w, await header(w, 2, v3))).to.be.revertedWithCustomError(w.executor, "MalformedPlan");
    });

    it("refuses a hop of a kind it does not know, first, after a V2 hop, or as a V3 flash source", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      const v2 = encodeHop(hops[0]);
      const pool = (await w.v3WethTka.getAddress()).slice(2).toLowerCase();
      // Kind 3 (the next free number) and kind 31 (the largest the five bits hold), zeroForOne set.
      for (const kind of [3n, 31n]) {
        const unknown = ((kind << 3n) | 1n).toString(16).padStart(2, "0") + pool;
        await expect(run(w, await header(w, 0, unknown)))
          .to.be.revertedWithCustomError(w.executor, "UnknownHopKind")
          .withArgs(kind);
        await expect(run(w, await header(w, 0, v2 + unknown)))
          .to.be.revertedWithCustomError(w.executor, "UnknownHopKind")
          .withArgs(kind);
        await expect(run(w, await header(w, 2, unknown + v2)))
          .to.be.revertedWithCustomError(w.executor, "BadFunding")
          .withArgs(2n, (kind << 3n) | 1n);
      }
    });

    it("refuses a pool that is not a contract, for a computed V2 amount or a V3 swap", async function () {
      const w = await loadFixture(executorFixture);
      const nobody = w.outsider.address;
      const computed: Hop = { kind: HopKind.UniswapV2, pair: nobody, zeroForOne: true, feeBps: 30 };
      const v3: Hop = { kind: HopKind.UniswapV3, pool: nobody, zeroForOne: true };
      await expect(run(w, await planData(w, { hops: [computed] })))
        .to.be.revertedWithCustomError(w.executor, "PoolCallFailed")
        .withArgs(nobody, "0x0902f1ac");
      await expect(run(w, await planData(w, { hops: [v3] })))
        .to.be.revertedWithCustomError(w.executor, "PoolCallFailed")
        .withArgs(nobody, "0x128acb08");
    });

    it("refuses a token that is not a contract", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      await expect(run(w, await planData(w, { token: w.outsider.address, hops })))
        .to.be.revertedWithCustomError(w.executor, "TokenCallFailed")
        .withArgs(w.outsider.address, BALANCE_OF);
    });

    it("the encoder refuses what the contract would", function () {
      const base = {
        deadlineBlock: 1n,
        token: ethers.ZeroAddress,
        amountIn: 1n,
        minProfit: 0n,
        tip: { kind: "none" as const },
      };
      const v2: Hop = { kind: HopKind.UniswapV2, pair: ethers.ZeroAddress, zeroForOne: true, amountOut: 1n };
      expect(() => encodePlan({ ...base, funding: { mode: "inventory" }, hops: [] })).to.throw(
        "at least one hop",
      );
      expect(() => encodePlan({ ...base, funding: { mode: "v3flash" }, hops: [v2, v2] })).to.throw(
        "V3 flash",
      );
      expect(() => encodePlan({ ...base, funding: { mode: "v2flash" }, hops: [v2] })).to.throw("V2 flash");
      expect(() =>
        encodePlan({ ...base, amountIn: 2n ** 128n, funding: { mode: "inventory" }, hops: [v2] }),
      ).to.throw("amountIn");
    });
  });

  describe("builder payment limits", function () {
    async function tkaCycle(w: ExecutorWorld) {
      const tka = await w.tka.getAddress();
      const a = await v2Hop(w.uniWethTka, tka, 3_000n * E18);
      const b = await v2Hop(w.sushiWethTka, await w.weth.getAddress(), a.out);
      return { token: tka, amountIn: 3_000n * E18, hops: [a.hop, b.hop] };
    }

    it("refuses a share or an unwrap when the profit is not in WETH", async function () {
      const w = await loadFixture(executorFixture);
      const plan = await tkaCycle(w);
      const tka = await w.tka.getAddress();
      for (const tip of [
        { kind: "share" as const, bps: 100, from: "eth" as const },
        { kind: "fixed" as const, wei: 1n, from: "weth" as const },
      ]) {
        await expect(run(w, await planData(w, { ...plan, tip })))
          .to.be.revertedWithCustomError(w.executor, "TipNeedsWethProfit")
          .withArgs(tka);
      }
    });

    it("refuses a share above 100 %", async function () {
      const w = await loadFixture(executorFixture);
      const { hops } = await basicHops(w);
      await expect(run(w, await planData(w, { hops, tip: { kind: "share", bps: 10_001, from: "weth" } })))
        .to.be.revertedWithCustomError(w.executor, "TipShareTooHigh")
        .withArgs(10_001n);
    });

    it("refuses to share the profit of a plan that lost", async function () {
      const w = await loadFixture(executorFixture);
      const a = await v2Hop(w.uniWethTka, await w.weth.getAddress(), E18);
      const b = await v2Hop(w.sushiWethTka, await w.tka.getAddress(), a.out);
      const before = await balanceOf(w.weth, w.executor);
      const tip = { kind: "share" as const, bps: 5000, from: "weth" as const };
      await expect(run(w, await planData(w, { hops: [a.hop, b.hop], minProfit: 0n, tip })))
        .to.be.revertedWithCustomError(w.executor, "InsufficientProfit")
        .withArgs(before, before + b.out - E18, 0n);
    });

    it("reverts when the block builder refuses the payment", async function () {
      const w = await loadFixture(executorFixture);
      const fake = await deployFake(w);
      await network.provider.send("hardhat_setCoinbase", [await fake.getAddress()]);
      const { hops } = await basicHops(w);
      await expect(run(w, await planData(w, { hops, tip: { kind: "fixed", wei: 99n, from: "weth" } })))
        .to.be.revertedWithCustomError(w.executor, "EthTransferFailed")
        .withArgs(await fake.getAddress(), 99n);
    });
  });

  describe("weird tokens", function () {
    async function throughWeird(name: string) {
      const w = await loadFixture(executorFixture);
      const token = await deployToken(w, name);
      const { uni, sushi } = await weirdPairs(w, token);
      const a = await v2Hop(sushi, await w.weth.getAddress(), E18);
      const b = await v2Hop(uni, await token.getAddress(), a.out);
      const data = await planData(w, { hops: [a.hop, b.hop] });
      return { w, token, data };
    }

    it("reverts a plan through a fee-on-transfer token (the next pair sees less than it was owed)", async function () {
      const { w, data } = await throughWeird("FeeOnTransferToken");
      const before = await balanceOf(w.weth, w.executor);
      await expect(run(w, data)).to.be.revertedWith("UniswapV2: K");
      expect(await balanceOf(w.weth, w.executor)).to.equal(before);
    });

    it("reverts a plan through a rebasing token whose balances shrink on every transfer", async function () {
      const { w, data } = await throughWeird("RebasingToken");
      await expect(run(w, data)).to.be.revertedWith("UniswapV2: K");
    });

    it("reverts a plan through a token whose transfers revert", async function () {
      const { w, token, data } = await throughWeird("SwitchableToken");
      await token.setMode(1); // Revert
      await expect(run(w, data)).to.be.revertedWith("UniswapV2: TRANSFER_FAILED");
    });

    it("refuses a start token whose transfer returns false", async function () {
      const w = await loadFixture(executorFixture);
      const token = await deployToken(w, "SwitchableToken");
      const { uni, sushi } = await weirdPairs(w, token);
      await token.mint(await w.executor.getAddress(), 10_000n * E18);
      const a = await v2Hop(uni, await token.getAddress(), 3_000n * E18);
      const b = await v2Hop(sushi, await w.weth.getAddress(), a.out);
      await token.setMode(2); // ReturnFalse
      const data = await planData(w, {
        token: await token.getAddress(),
        amountIn: 3_000n * E18,
        hops: [a.hop, b.hop],
      });
      await expect(run(w, data))
        .to.be.revertedWithCustomError(w.executor, "TokenCallFailed")
        .withArgs(await token.getAddress(), TRANSFER);
    });

    it("runs a plan starting from a token whose transfer returns nothing (USDT-style)", async function () {
      const w = await loadFixture(executorFixture);
      const token = await deployToken(w, "NoReturnToken");
      const { uni, sushi } = await weirdPairs(w, token);
      await token.mint(await w.executor.getAddress(), 10_000n * E18);
      const a = await v2Hop(uni, await token.getAddress(), 300n * E18);
      const b = await v2Hop(sushi, await w.weth.getAddress(), a.out);
      const data = await planData(w, {
        token: await token.getAddress(),
        amountIn: 300n * E18,
        hops: [a.hop, b.hop],
      });
      await run(w, data);
      expect(b.out).to.be.greaterThan(300n * E18);
      expect(await balanceOf(token, w.executor)).to.equal(10_000n * E18 + b.out - 300n * E18);
    });
  });
});
