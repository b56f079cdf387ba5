import { expect } from "chai";
import { loadFixture, takeSnapshot } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { Contract, Interface } from "ethers";
import {
  UniswapV3Pool,
  DEFAULT_LIMIT_ONE_FOR_ZERO,
  DEFAULT_LIMIT_ZERO_FOR_ONE,
} from "../../bot/venues/uniswap-v3/pool";
import { v3Ranges } from "../../bot/venues/uniswap-v3/math/ranges";
import { wbtcWethSnapshot } from "../fixtures/poolSnapshots";
import { deployArtifact, tokensAndSwapper, V3_FACTORY, V3_POOL } from "./helpers/uniswapDeploy";

const GAS = 16_000_000n;
const SNAPSHOT = wbtcWethSnapshot(24947230);
const poolIface = new Interface(V3_POOL.abi);

/**
 * The real pool rebuilt on the v3-core bytecode: initialised at the snapshot's exact price, then
 * one position between each pair of adjacent initialised ticks, sized to the running sum of
 * liquidityNet, which reproduces every tick's liquidityNet (liquidityGross differs, and does not
 * enter swap math). Token0 plays WBTC, token1 WETH: test tokens sort in the same order.
 */
async function rebuiltPool() {
  const [signer] = await ethers.getSigners();
  const { token0, token1, swapper } = await tokensAndSwapper();
  const factory = await deployArtifact(V3_FACTORY, signer);
  await factory.createPool(await token0.getAddress(), await token1.getAddress(), SNAPSHOT.fee);
  const pool = new Contract(
    await factory.getPool(await token0.getAddress(), await token1.getAddress(), SNAPSHOT.fee),
    V3_POOL.abi,
    signer,
  );
  await pool.initialize(SNAPSHOT.sqrtPriceX96);
  const lowers: number[] = [];
  const uppers: number[] = [];
  const amounts: bigint[] = [];
  let running = 0n;
  for (let k = 0; k + 1 < SNAPSHOT.ticks.length; k++) {
    running += SNAPSHOT.ticks[k].liquidityNet;
    if (running === 0n) continue;
    lowers.push(SNAPSHOT.ticks[k].index);
    uppers.push(SNAPSHOT.ticks[k + 1].index);
    amounts.push(running);
  }
  for (let k = 0; k < amounts.length; k += 40) {
    await swapper.mintV3Batch(
      await pool.getAddress(),
      lowers.slice(k, k + 40),
      uppers.slice(k, k + 40),
      amounts.slice(k, k + 40),
      { gasLimit: GAS },
    );
  }
  return { pool, swapper, positions: amounts.length };
}

describe("UniswapV3Pool model on the real WBTC/WETH 0.3 % pool rebuilt on the v3-core bytecode", function () {
  it("rebuilds the snapshot exactly: price, tick, active liquidity, every tick's liquidityNet", async function () {
    const { pool, positions } = await loadFixture(rebuiltPool);
    expect(positions).to.equal(457);
    const slot0 = await pool.slot0();
    expect(slot0.sqrtPriceX96).to.equal(SNAPSHOT.sqrtPriceX96);
    expect(Number(slot0.tick)).to.equal(SNAPSHOT.tick); // the pool's getTickAtSqrtRatio agrees
    expect(await pool.liquidity()).to.equal(SNAPSHOT.liquidity);
    for (const t of SNAPSHOT.ticks) {
      const info = await pool.ticks(t.index);
      expect(info.liquidityNet, `tick ${t.index}`).to.equal(t.liquidityNet);
    }
  });

  it("quotes from the snapshot equal the pool's swaps to the wei, 1 wei to 100+ ticks, both directions, in and out", async function () {
    const { pool, swapper } = await loadFixture(rebuiltPool);
    const poolAddress = await pool.getAddress();
    const model = new UniswapV3Pool(SNAPSHOT);
    const cases: { zeroForOne: boolean; amountSpecified: bigint; label: string }[] = [];
    for (const zeroForOne of [true, false]) {
      // Sizes from 1 wei up; the range walk supplies the exact inputs that land on the 1st, 10th,
      // 50th and 120th initialised tick ahead, and those plus or minus one wei.
      const ranges = v3Ranges(model, zeroForOne, 120);
      const cum = (n: number) => ranges.slice(0, n).reduce((s, r) => s + r.amountIn, 0n);
      const scale = zeroForOne ? 1n : 10n ** 10n; // WETH has 10 more decimals than WBTC
      const sizes = [1n, 999n, 10n ** 5n * scale, 10n ** 8n * scale, 3n * 10n ** 9n * scale];
      for (const n of [1, 10, 50, 120]) sizes.push(cum(n) - 1n, cum(n), cum(n) + 1n);
      for (const s of sizes) {
        cases.push({ zeroForOne, amountSpecified: s, label: `in ${s}` });
        const out = model.quoteExactIn(zeroForOne, s);
        if (out > 0n) cases.push({ zeroForOne, amountSpecified: -out, label: `out ${out}` });
      }
    }
    const checkpoint = await takeSnapshot();
    let crossedMax = 0;
    for (const c of cases) {
      const exactIn = c.amountSpecified > 0n;
      const amount = exactIn ? c.amountSpecified : -c.amountSpecified;
      const quote = exactIn
        ? model.quoteExactIn(c.zeroForOne, amount)
        : model.quoteExactOut(c.zeroForOne, amount);
      const limit = c.zeroForOne ? DEFAULT_LIMIT_ZERO_FOR_ONE : DEFAULT_LIMIT_ONE_FOR_ZERO;
      const receipt = await (
        await swapper.swapV3Batch(
          poolAddress,
          [{ zeroForOne: c.zeroForOne, amountSpecified: c.amountSpecified, sqrtPriceLimitX96: limit }],
          { gasLimit: GAS },
        )
      ).wait();
      const log = receipt!.logs.find((l: { address: string }) => l.address === poolAddress);
      const ev = poolIface.parseLog(log!)!;
      const [paid, got] = c.zeroForOne
        ? [ev.args.amount0, -ev.args.amount1]
        : [ev.args.amount1, -ev.args.amount0];
      expect(quote, `${c.zeroForOne ? "0->1" : "1->0"} ${c.label}`).to.equal(exactIn ? got : paid);
      expect(exactIn ? paid : got).to.equal(amount);
      const sim = model.simulateSwap(c.zeroForOne, c.amountSpecified);
      expect([sim.sqrtPriceX96, sim.liquidity, sim.tick]).to.deep.equal([
        ev.args.sqrtPriceX96,
        ev.args.liquidity,
        Number(ev.args.tick),
      ]);
      crossedMax = Math.max(
        crossedMax,
        Math.abs(model.ticks.atOrBelow(sim.tick) - model.ticks.atOrBelow(model.tick)),
      );
      await checkpoint.restore();
    }
    expect(crossedMax).to.be.at.least(120);
  });
});
