import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { Interface, type Contract, type Log } from "ethers";
import { PoolRevertError } from "../../bot/venues/common/errors";
import { getSqrtRatioAtTick } from "../../bot/venues/uniswap-v3/math/tickMath";
import { Rng } from "./helpers/random";
import { deployArtifact, tokensAndSwapper, V3_FACTORY, V3_POOL } from "./helpers/uniswapDeploy";
import { limitFor, outcomes, planBatch, readModel } from "./helpers/v3Exactness";

// Every fee tier the factory knows, with the tick spacing the factory pairs it with.
const TIERS = [
  { fee: 100, spacing: 1 },
  { fee: 500, spacing: 10 },
  { fee: 3000, spacing: 60 },
  { fee: 10000, spacing: 200 },
];
const POSITIONS_PER_POOL = 60;
const BATCHES = 46;
const SWAPS_PER_BATCH = 6;
// Hardhat 2.29's default hardfork caps a transaction at 2^24 gas (EIP-7825).
const GAS = 16_000_000n;

const poolIface = new Interface(V3_POOL.abi);

interface Deployed {
  swapper: Contract;
  pools: { pool: Contract; fee: number; spacing: number }[];
}

async function deployPools(): Promise<Deployed> {
  const [signer] = await ethers.getSigners();
  const { token0, token1, swapper } = await tokensAndSwapper();
  const factory = await deployArtifact(V3_FACTORY, signer);
  await factory.enableFeeAmount(100, 1);
  const rng = new Rng(0x5eed);
  const pools: Deployed["pools"] = [];
  for (const { fee, spacing } of TIERS) {
    await factory.createPool(await token0.getAddress(), await token1.getAddress(), fee);
    const pool = new ethers.Contract(
      await factory.getPool(await token0.getAddress(), await token1.getAddress(), fee),
      V3_POOL.abi,
      signer,
    );
    // Start off a tick boundary, near price 1 (both tokens 18 decimals).
    const startTick = rng.int(-50, 50) * spacing + rng.int(0, spacing - 1);
    await pool.initialize(getSqrtRatioAtTick(startTick) + 12345n);
    // Many overlapping positions around the price: narrow ones (dense tick crossings) and a few
    // wide ones; none full-range, so a large enough swap drains the pool.
    const lowers: number[] = [];
    const uppers: number[] = [];
    const amounts: bigint[] = [];
    for (let k = 0; k < POSITIONS_PER_POOL; k++) {
      const span = k % 10 === 0 ? rng.int(200, 2000) : rng.int(1, 40);
      const lower = Math.round(startTick / spacing) + rng.int(-60, 60) - Math.floor(span / 2);
      lowers.push(lower * spacing);
      uppers.push((lower + span) * spacing);
      amounts.push(10n ** BigInt(rng.int(12, 21)) * BigInt(rng.int(1, 9)));
    }
    for (let k = 0; k < POSITIONS_PER_POOL; k += 20) {
      const end = k + 20;
      await swapper.mintV3Batch(
        await pool.getAddress(),
        lowers.slice(k, end),
        uppers.slice(k, end),
        amounts.slice(k, end),
        { gasLimit: GAS },
      );
    }
    pools.push({ pool, fee, spacing });
  }
  return { swapper, pools };
}

describe("UniswapV3Pool model vs the real v3-core bytecode", function () {
  it("quotes every random swap to the wei, exact-in and exact-out, all fee tiers, with mints and burns between", async function () {
    const { swapper, pools } = await loadFixture(deployPools);
    const rng = new Rng(424242);
    const stats = {
      swaps: 0,
      exactIn: 0,
      exactOut: 0,
      partial: 0,
      reverted: 0,
      maxCrossed: 0,
      mintsBurns: 0,
    };
    for (const { pool, fee, spacing } of pools) {
      const model = await readModel(pool, poolIface, fee, spacing);
      const poolAddress = await pool.getAddress();
      for (let b = 0; b < BATCHES; b++) {
        const plan = planBatch(rng, model.clone(), SWAPS_PER_BATCH);
        const tx = await swapper.swapV3Batch(
          poolAddress,
          plan.map((p) => ({
            zeroForOne: p.zeroForOne,
            amountSpecified: p.amountSpecified,
            sqrtPriceLimitX96: limitFor(model, p.zeroForOne),
          })),
          { gasLimit: GAS },
        );
        const receipt = await tx.wait();
        const results = outcomes(receipt!.logs, poolAddress, poolIface, swapper.interface);
        expect(results.length).to.equal(plan.length);
        for (let k = 0; k < plan.length; k++) {
          const { zeroForOne, amountSpecified } = plan[k];
          const exactIn = amountSpecified > 0n;
          const amount = exactIn ? amountSpecified : -amountSpecified;
          // The quote is made on the state the model learnt from the chain before this swap.
          const quote = exactIn
            ? model.quoteExactIn(zeroForOne, amount)
            : model.quoteExactOut(zeroForOne, amount);
          const r = results[k];
          const where = { fee, batch: b, k, zeroForOne, amountSpecified };
          if (r.kind === "revert") {
            expect(
              quote,
              JSON.stringify(where, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
            ).to.equal(0n);
            expect(() =>
              model.simulateSwap(zeroForOne, amountSpecified, limitFor(model, zeroForOne)),
            ).to.throw(PoolRevertError);
            stats.reverted++;
            continue;
          }
          const a0: bigint = r.args.amount0;
          const a1: bigint = r.args.amount1;
          const [paid, got] = zeroForOne ? [a0, -a1] : [a1, -a0];
          const full = exactIn ? paid === amount : got === amount;
          const msg = JSON.stringify({ ...where, paid, got, quote }, (_k, v) =>
            typeof v === "bigint" ? v.toString() : v,
          );
          if (full) expect(quote, msg).to.equal(exactIn ? got : paid);
          else {
            expect(quote, msg).to.equal(0n);
            stats.partial++;
          }
          // The whole result and the state left behind match too (price, liquidity, tick).
          const before = model.ticks.atOrBelow(model.tick);
          const sim = model.simulateSwap(zeroForOne, amountSpecified, limitFor(model, zeroForOne));
          expect([sim.amount0, sim.amount1, sim.sqrtPriceX96, sim.liquidity, sim.tick], msg).to.deep.equal([
            a0,
            a1,
            r.args.sqrtPriceX96,
            r.args.liquidity,
            Number(r.args.tick),
          ]);
          model.applySwap(r.args.sqrtPriceX96, r.args.liquidity, Number(r.args.tick));
          stats.maxCrossed = Math.max(stats.maxCrossed, Math.abs(model.ticks.atOrBelow(model.tick) - before));
          stats.swaps++;
          if (exactIn) stats.exactIn++;
          else stats.exactOut++;
        }
        // Between batches, a position comes or goes; the model follows the Mint/Burn logs.
        if (b % 2 === 0) {
          // Around the price, or around a random initialised tick when a drain left the price at an end.
          const centre =
            Math.abs(model.tick) < 800_000
              ? model.tick
              : model.ticks.index[rng.int(0, model.ticks.length - 1)];
          const lower = (Math.round(centre / spacing) + rng.int(-30, 0)) * spacing;
          const upper = lower + rng.int(1, 30) * spacing;
          const amount = 10n ** BigInt(rng.int(14, 20));
          await swapper.mintV3Batch(poolAddress, [lower], [upper], [amount], { gasLimit: GAS });
          model.applyMint(lower, upper, amount);
          if (rng.bool()) {
            await swapper.burnV3(poolAddress, lower, upper, amount / 2n);
            model.applyBurn(lower, upper, amount / 2n);
          }
          stats.mintsBurns++;
          expect(model.liquidity).to.equal(await pool.liquidity());
          for (const t of [lower, upper]) {
            const info = await pool.ticks(t);
            const i = model.ticks.atOrBelow(t);
            expect([
              model.ticks.index[i],
              model.ticks.liquidityNet[i],
              model.ticks.liquidityGross[i],
            ]).to.deep.equal([t, info.liquidityNet, info.liquidityGross]);
          }
        }
      }
      const slot0 = await pool.slot0();
      expect([model.sqrtPriceX96, model.tick, model.liquidity]).to.deep.equal([
        slot0.sqrtPriceX96,
        Number(slot0.tick),
        await pool.liquidity(),
      ]);
    }
    console.log(`      V3 exactness: ${JSON.stringify(stats)}`);
    expect(stats.swaps + stats.reverted).to.equal(TIERS.length * BATCHES * SWAPS_PER_BATCH);
    expect(stats.swaps).to.be.greaterThanOrEqual(1000);
    expect(stats.partial).to.be.greaterThan(0);
  });

  it("ends on the pool's tick when a swap through empty words stops at a limit on a word edge", async function () {
    const { swapper, pools } = await loadFixture(deployPools);
    for (const { pool, fee, spacing } of pools.filter((p) => p.spacing >= 60)) {
      const poolAddress = await pool.getAddress();
      for (const zeroForOne of [true, false]) {
        const model = await readModel(pool, poolIface, fee, spacing);
        const t = model.ticks.index;
        const word = 256 * spacing;
        // The first word edge the pool stops at beyond all liquidity, two words out.
        const edge = zeroForOne
          ? (Math.floor(t[0] / word) - 2) * word
          : (Math.floor(t[t.length - 1] / word) + 3) * word - spacing;
        const limit = getSqrtRatioAtTick(edge);
        const receipt = await (
          await swapper.swapV3Batch(
            poolAddress,
            [{ zeroForOne, amountSpecified: 1n << 120n, sqrtPriceLimitX96: limit }],
            { gasLimit: GAS },
          )
        ).wait();
        const ev = poolIface.parseLog(receipt!.logs.find((l: Log) => l.address === poolAddress)!)!;
        const sim = model.simulateSwap(zeroForOne, 1n << 120n, limit);
        expect(sim.sqrtPriceX96).to.equal(limit);
        // Going down the pool ends one tick below the edge it landed on; going up, on it.
        expect(Number(ev.args.tick)).to.equal(zeroForOne ? edge - 1 : edge);
        expect([sim.amount0, sim.amount1, sim.liquidity, sim.tick]).to.deep.equal([
          ev.args.amount0,
          ev.args.amount1,
          ev.args.liquidity,
          Number(ev.args.tick),
        ]);
      }
    }
  });
});
