import { expect } from "chai";
import { loadFixture, takeSnapshot } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { Interface, type Contract, type Log, type Result } from "ethers";
import { PoolRevertError } from "../../bot/venues/common/errors";
import { getSqrtRatioAtTick } from "../../bot/venues/uniswap-v3/math/tickMath";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import { deployPancakeV3Core } from "../../scripts/devnet/pancakeV3";
import { Rng } from "./helpers/random";
import { tokensAndSwapper } from "./helpers/uniswapDeploy";
import { limitFor, outcomes, planBatch, readModel } from "./helpers/v3Exactness";

/**
 * The Uniswap V3 model (bot/venues/uniswapV3) against PancakeSwap V3's own bytecode
 * (`@pancakeswap/v3-core`, through the devnet's stand-in PoolDeployer): PancakeSwap forked v3-core
 * and added a protocol fee that defaults to a third of the swap fee, liquidity-mining hooks and
 * two fields in the Swap log. If its swap math differed from Uniswap's anywhere, a quote or a
 * post-swap state here would differ by at least a wei.
 */

// Every fee tier PancakeSwap's factory enables, and the protocol fee (token0, token1, in 1/10,000
// of the swap fee) each pool starts with: none, the 34 % that PancakeSwap's `initialize` sets in
// the 500 tier, and two uneven shares set by the factory owner. It changes now and then in the run.
const TIERS: ReadonlyArray<{
  fee: number;
  spacing: number;
  feeProtocol: readonly [number, number] | "default";
}> = [
  { fee: 100, spacing: 1, feeProtocol: [0, 0] },
  { fee: 500, spacing: 10, feeProtocol: "default" },
  { fee: 2500, spacing: 50, feeProtocol: [4000, 1000] },
  { fee: 10000, spacing: 200, feeProtocol: [0, 2500] },
];
const POSITIONS_PER_POOL = 60;
const BATCHES = 50;
const SWAPS_PER_BATCH = 6;
// Hardhat 2.29's default hardfork caps a transaction at 2^24 gas (EIP-7825).
const GAS = 16_000_000n;
/** PancakeV3Pool.setFeeProtocol accepts 0 or 1,000..4,000 on each token (tried on this bytecode). */
const PROTOCOL_FEES = [0, 1000, 2500, 3300, 4000] as const;

const poolIface = new Interface([...loadArtifact("PancakeV3Pool").abi]);

interface Deployed {
  factory: Contract;
  swapper: Contract;
  pools: { pool: Contract; fee: number; spacing: number }[];
}

async function deployPools(): Promise<Deployed> {
  const [signer] = await ethers.getSigners();
  const { token0, token1, swapper } = await tokensAndSwapper();
  const { factory } = await deployPancakeV3Core(signer!);
  const rng = new Rng(0xca4e);
  const pools: Deployed["pools"] = [];
  for (const { fee, spacing, feeProtocol } of TIERS) {
    expect(await factory.getFunction("feeAmountTickSpacing")(fee)).to.equal(BigInt(spacing));
    await factory.getFunction("createPool")(await token0.getAddress(), await token1.getAddress(), fee);
    const pool = new ethers.Contract(
      await factory.getFunction("getPool")(await token0.getAddress(), await token1.getAddress(), fee),
      poolIface,
      signer,
    );
    // Start off a tick boundary, near price 1 (both tokens 18 decimals).
    const startTick = rng.int(-50, 50) * spacing + rng.int(0, spacing - 1);
    await pool.initialize(getSqrtRatioAtTick(startTick) + 12345n);
    if (feeProtocol !== "default") {
      await factory.getFunction("setFeeProtocol")(await pool.getAddress(), ...feeProtocol);
    }
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
      await swapper.getFunction("mintV3Batch")(
        await pool.getAddress(),
        lowers.slice(k, end),
        uppers.slice(k, end),
        amounts.slice(k, end),
        { gasLimit: GAS },
      );
    }
    pools.push({ pool, fee, spacing });
  }
  return { factory, swapper, pools };
}

/** The pool's protocol fee shares (token0, token1) from slot0.feeProtocol (two 16-bit halves). */
async function feeProtocolOf(pool: Contract): Promise<[bigint, bigint]> {
  const { feeProtocol } = (await pool.slot0()) as { feeProtocol: bigint };
  return [feeProtocol % 65536n, feeProtocol >> 16n];
}

const json = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

describe("UniswapV3Pool model vs the real PancakeSwap V3 bytecode", function () {
  it("reads PancakeSwap V3's own Swap log: two protocol-fee fields more than Uniswap's, so another topic0", () => {
    const swap = poolIface.getEvent("Swap")!;
    expect(swap.format("sighash")).to.equal(
      "Swap(address,address,int256,int256,uint160,uint128,int24,uint128,uint128)",
    );
    const uniswap = new Interface([...loadArtifact("UniswapV3Pool").abi]).getEvent("Swap")!;
    expect(uniswap.format("sighash")).to.equal("Swap(address,address,int256,int256,uint160,uint128,int24)");
    expect(swap.topicHash).to.not.equal(uniswap.topicHash);
    // Mint and Burn, which the model also follows, are the same events as Uniswap's.
    expect(poolIface.getEvent("Mint")!.topicHash).to.equal(
      new Interface([...loadArtifact("UniswapV3Pool").abi]).getEvent("Mint")!.topicHash,
    );
  });

  it("quotes every random swap to the wei, exact-in and exact-out, every PancakeSwap fee tier, protocol fee on or off, with mints and burns between", async function () {
    const { factory, swapper, pools } = await loadFixture(deployPools);
    const rng = new Rng(0x9a4c);
    const stats = {
      swaps: 0,
      exactIn: 0,
      exactOut: 0,
      zeroForOne: 0,
      oneForZero: 0,
      partial: 0,
      reverted: 0,
      ticksCrossed: 0,
      maxCrossed: 0,
      withProtocolFee: 0,
      withoutProtocolFee: 0,
      feeProtocolChanges: 0,
      mintsBurns: 0,
      byTier: {} as Record<number, number>,
    };
    for (const { pool, fee, spacing } of pools) {
      const model = await readModel(pool, poolIface, fee, spacing);
      const poolAddress = await pool.getAddress();
      const logged: [bigint, bigint] = [0n, 0n];
      let feeProtocol = await feeProtocolOf(pool);
      stats.byTier[fee] = 0;
      for (let b = 0; b < BATCHES; b++) {
        const plan = planBatch(rng, model.clone(), SWAPS_PER_BATCH);
        const tx = await swapper.getFunction("swapV3Batch")(
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
          const { zeroForOne, amountSpecified } = plan[k]!;
          const exactIn = amountSpecified > 0n;
          const amount = exactIn ? amountSpecified : -amountSpecified;
          // The quote is made on the state the model learnt from the chain before this swap.
          const quote = exactIn
            ? model.quoteExactIn(zeroForOne, amount)
            : model.quoteExactOut(zeroForOne, amount);
          const r = results[k]!;
          const where = { fee, batch: b, k, zeroForOne, amountSpecified, feeProtocol };
          if (r.kind === "revert") {
            expect(quote, json(where)).to.equal(0n);
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
          const msg = json({ ...where, paid, got, quote });
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
          const crossed = Math.abs(model.ticks.atOrBelow(model.tick) - before);
          stats.ticksCrossed += crossed;
          stats.maxCrossed = Math.max(stats.maxCrossed, crossed);
          // The protocol's share is taken in the input token only, and only where it is switched on.
          const protocolFees = protocolFeesOf(r.args);
          const [inSide, outSide] = zeroForOne ? [0, 1] : [1, 0];
          expect(protocolFees[outSide], msg).to.equal(0n);
          if (feeProtocol[inSide] === 0n) expect(protocolFees[inSide], msg).to.equal(0n);
          if (protocolFees[inSide]! > 0n) stats.withProtocolFee++;
          else stats.withoutProtocolFee++;
          logged[0] += protocolFees[0]!;
          logged[1] += protocolFees[1]!;
          stats.swaps++;
          stats.byTier[fee]!++;
          if (exactIn) stats.exactIn++;
          else stats.exactOut++;
          if (zeroForOne) stats.zeroForOne++;
          else stats.oneForZero++;
        }
        // Between batches, a position comes or goes; the model follows the Mint/Burn logs.
        if (b % 2 === 0) {
          // Around the price, or around a random initialised tick when a drain left the price at an end.
          const centre =
            Math.abs(model.tick) < 800_000
              ? model.tick
              : model.ticks.index[rng.int(0, model.ticks.length - 1)]!;
          const lower = (Math.round(centre / spacing) + rng.int(-30, 0)) * spacing;
          const upper = lower + rng.int(1, 30) * spacing;
          const amount = 10n ** BigInt(rng.int(14, 20));
          await swapper.getFunction("mintV3Batch")(poolAddress, [lower], [upper], [amount], {
            gasLimit: GAS,
          });
          model.applyMint(lower, upper, amount);
          if (rng.bool()) {
            await swapper.getFunction("burnV3")(poolAddress, lower, upper, amount / 2n);
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
        // Now and then the factory owner changes the protocol fee; the model, which has none, must
        // not care.
        if (b % 9 === 4) {
          const next = [rng.pick(PROTOCOL_FEES), rng.pick(PROTOCOL_FEES)] as const;
          await factory.getFunction("setFeeProtocol")(poolAddress, ...next);
          feeProtocol = await feeProtocolOf(pool);
          expect(feeProtocol).to.deep.equal([BigInt(next[0]), BigInt(next[1])]);
          stats.feeProtocolChanges++;
        }
      }
      const slot0 = await pool.slot0();
      expect([model.sqrtPriceX96, model.tick, model.liquidity]).to.deep.equal([
        slot0.sqrtPriceX96,
        Number(slot0.tick),
        await pool.liquidity(),
      ]);
      // What the Swap logs said the protocol took is exactly what the pool holds for it.
      const held = (await pool.protocolFees()) as [bigint, bigint];
      expect([held[0], held[1]], `fee ${fee}`).to.deep.equal(logged);
    }
    console.log(`      PancakeSwap V3 exactness: ${json(stats)}`);
    expect(stats.swaps + stats.reverted).to.equal(TIERS.length * BATCHES * SWAPS_PER_BATCH);
    expect(stats.swaps).to.be.greaterThanOrEqual(1000);
    expect(stats.partial).to.be.greaterThan(0);
    expect(stats.withProtocolFee).to.be.greaterThan(100);
    expect(stats.withoutProtocolFee).to.be.greaterThan(100);
  });

  it("gives the same amounts, price, tick and liquidity with the protocol fee off and at its 40 % maximum", async function () {
    const { factory, swapper, pools } = await loadFixture(deployPools);
    const { pool, fee, spacing } = pools.find((p) => p.fee === 2500)!;
    const poolAddress = await pool.getAddress();
    const rng = new Rng(0xfee);
    // A plan made once, replayed from the same state with each protocol fee.
    const predictor = await readModel(pool, poolIface, fee, spacing);
    const batches = [...Array(8).keys()].map(() => planBatch(rng, predictor, SWAPS_PER_BATCH));
    const run = async (feeProtocol: number): Promise<Result[]> => {
      await factory.getFunction("setFeeProtocol")(poolAddress, feeProtocol, feeProtocol);
      const swaps: Result[] = [];
      for (const plan of batches) {
        const receipt = await (
          await swapper.getFunction("swapV3Batch")(
            poolAddress,
            plan.map((p) => ({ ...p, sqrtPriceLimitX96: limitFor(predictor, p.zeroForOne) })),
            { gasLimit: GAS },
          )
        ).wait();
        for (const r of outcomes(receipt!.logs, poolAddress, poolIface, swapper.interface)) {
          if (r.kind === "swap") swaps.push(r.args);
        }
      }
      return swaps;
    };
    const snapshot = await takeSnapshot();
    const off = await run(0);
    await snapshot.restore();
    const max = await run(4000);
    const trade = (s: Result) => [s.amount0, s.amount1, s.sqrtPriceX96, s.liquidity, s.tick];
    expect(off.length).to.be.greaterThan(40);
    expect(max.map(trade)).to.deep.equal(off.map(trade));
    expect(off.flatMap(protocolFeesOf).every((x) => x === 0n)).to.equal(true);
    expect(max.filter((s) => protocolFeesOf(s).some((x) => x > 0n)).length).to.be.greaterThan(off.length / 2);
  });

  it("ends on the pool's tick when a swap through empty words stops at a limit on a word edge", async function () {
    const { swapper, pools } = await loadFixture(deployPools);
    for (const { pool, fee, spacing } of pools.filter((p) => p.spacing >= 50)) {
      const poolAddress = await pool.getAddress();
      for (const zeroForOne of [true, false]) {
        const model = await readModel(pool, poolIface, fee, spacing);
        const t = model.ticks.index;
        const word = 256 * spacing;
        // The first word edge the pool stops at beyond all liquidity, two words out.
        const edge = zeroForOne
          ? (Math.floor(t[0]! / word) - 2) * word
          : (Math.floor(t[t.length - 1]! / word) + 3) * word - spacing;
        const limit = getSqrtRatioAtTick(edge);
        const receipt = await (
          await swapper.getFunction("swapV3Batch")(
            poolAddress,
            [{ zeroForOne, amountSpecified: 1n << 120n, sqrtPriceLimitX96: limit }],
            { gasLimit: GAS },
          )
        ).wait();
        const ev = poolIface.parseLog(receipt!.logs.find((l: Log) => l.address === poolAddress)!)!;
        expect(ev.name).to.equal("Swap");
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

/** The protocol fee a PancakeSwap V3 Swap log reports for this swap, per token. */
function protocolFeesOf(swap: Result): [bigint, bigint] {
  return [swap.protocolFeesToken0 as bigint, swap.protocolFeesToken1 as bigint];
}
