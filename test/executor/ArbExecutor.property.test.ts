/**
 * Property: over random pool states (real trades skew the pairs first), random sizes, random keeper
 * errors on the last V2 amount, random minimum profits, every funding source and a first hop on a
 * V2 pair, the Uniswap V3 pool or the PancakeSwap V3 pool, a plan either
 * reverts or leaves the executor with at least its starting balance plus the minimum profit; and
 * when the keeper's maths is exact and promises enough, the plan runs and earns exactly that.
 */
import { expect } from "chai";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { executorFixture, v2AmountOut, type ExecutorWorld } from "./fixture";
import { E18, pancakeV3Hop, v2Hop, v3Hop } from "./cases";
import { balanceOf, planData, run } from "./helpers";
import type { FundingSpec, Hop } from "../../bot/plan/planEncoding";

type Mode = "inventory" | "balancer" | "aave" | "v2flash" | "v3flash";
type Venue = "v2" | "uniswapV3" | "pancakeV3";

/** Sells `milliWeth` thousandths of a WETH into `pair` (negative: TKA worth that at 3,000 TKA a WETH). */
async function skew(w: ExecutorWorld, pair: Contract, milliWeth: bigint): Promise<void> {
  if (milliWeth === 0n) return;
  const tokenIn = milliWeth > 0n ? w.weth : w.tka;
  const amount = milliWeth > 0n ? (milliWeth * E18) / 1000n : -milliWeth * 3n * E18;
  const [r0, r1] = await pair.getReserves();
  const inIs0 =
    ((await pair.token0()) as string).toLowerCase() === (await tokenIn.getAddress()).toLowerCase();
  const out = inIs0 ? v2AmountOut(amount, r0, r1) : v2AmountOut(amount, r1, r0);
  await tokenIn.transfer(await pair.getAddress(), amount);
  await pair.swap(inIs0 ? 0n : out, inIs0 ? out : 0n, w.owner.address, "0x");
}

describe("ArbExecutor: properties", function () {
  it("random plans over random pool states revert or end with at least the minimum profit", async function () {
    const outcomes = { ran: 0, reverted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          skewUni: fc.bigInt({ min: -30_000n, max: 30_000n }),
          skewSushi: fc.bigInt({ min: -30_000n, max: 30_000n }),
          amountIn: fc.bigInt({ min: 1n, max: 40n }).map((x) => (x * E18) / 4n),
          errorBps: fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 100 })),
          minProfit: fc.bigInt({ min: 0n, max: E18 / 5n }),
          mode: fc.constantFrom<Mode>("inventory", "balancer", "aave", "v2flash", "v3flash"),
          firstVenue: fc.constantFrom<Venue>("v2", "uniswapV3", "pancakeV3"),
        }),
        async (r) => {
          const w = await loadFixture(executorFixture);
          await skew(w, w.uniWethTka, r.skewUni);
          await skew(w, w.sushiWethTka, r.skewSushi);
          const weth = await w.weth.getAddress();
          const tka = await w.tka.getAddress();
          // A V2 flash lends from a V2 pair, a V3 flash from a V3-style pool.
          const venue: Venue =
            r.mode === "v2flash"
              ? "v2"
              : r.mode === "v3flash" && r.firstVenue === "v2"
                ? "uniswapV3"
                : r.firstVenue;
          const first =
            venue === "uniswapV3"
              ? await v3Hop(w, w.v3WethTka, weth, r.amountIn)
              : venue === "pancakeV3"
                ? await pancakeV3Hop(w, weth, r.amountIn)
                : await v2Hop(w.sushiWethTka, weth, r.amountIn);
          const back = await v2Hop(w.uniWethTka, tka, first.out);
          const premium = r.mode === "aave" ? (r.amountIn * 5n) / 10_000n : 0n;
          const expected = back.out - r.amountIn - premium;
          // The keeper may be wrong about the last amount: more than the pair gives must revert.
          const claimed = (back.out * BigInt(10_000 + r.errorBps)) / 10_000n;
          const last = { ...back.hop, amountOut: claimed } as Hop;
          const funding: FundingSpec = { mode: r.mode };
          const hops = r.mode === "v2flash" ? [last, first.hop] : [first.hop, last];
          const data = await planData(w, { funding, amountIn: r.amountIn, minProfit: r.minProfit, hops });
          const before = await balanceOf(w.weth, w.executor);
          const ok = await run(w, data).then(
            () => true,
            () => false,
          );
          const after = await balanceOf(w.weth, w.executor);
          outcomes[ok ? "ran" : "reverted"] += 1;
          // No approval outlives a plan, whatever the lender.
          for (const spender of [await w.aave.pool.getAddress(), await w.vault.getAddress()])
            expect(await w.weth.allowance(await w.executor.getAddress(), spender)).to.equal(0n);
          if (ok) {
            expect(after).to.be.at.least(before + r.minProfit);
          } else {
            expect(after).to.equal(before);
          }
          if (r.errorBps === 0 && expected >= r.minProfit) {
            expect(ok, "an exact plan that promises enough must run").to.equal(true);
            expect(after - before).to.equal(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
    // Both outcomes occur, so neither branch of the property is vacuous.
    expect(outcomes.ran).to.be.greaterThan(0);
    expect(outcomes.reverted).to.be.greaterThan(0);
  });
});
