import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import { Contract, Interface } from "ethers";
import { MAX_UINT112, UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { Rng } from "./helpers/random";
import { deployArtifact, tokensAndSwapper, V2_FACTORY, V2_PAIR } from "./helpers/uniswapDeploy";

const BATCHES = 45;
const SWAPS_PER_BATCH = 25;
const pairIface = new Interface(V2_PAIR.abi);

async function deployPairs() {
  const [signer] = await ethers.getSigners();
  const { token0, token1, swapper } = await tokensAndSwapper();
  // Two venues (two factories, as Uniswap and Sushi are): a balanced pair and one whose token
  // amounts differ by 18 orders of magnitude (6- against 18-decimal tokens, say).
  const seeds: [bigint, bigint][] = [
    [10n ** 24n, 3n * 10n ** 24n],
    [5n * 10n ** 9n, 7n * 10n ** 27n],
  ];
  const pairs: Contract[] = [];
  for (const [r0, r1] of seeds) {
    const factory = await deployArtifact(V2_FACTORY, signer, await signer.getAddress());
    await factory.createPair(await token0.getAddress(), await token1.getAddress());
    const pair = new Contract(
      await factory.getPair(await token0.getAddress(), await token1.getAddress()),
      V2_PAIR.abi,
      signer,
    );
    await token0.mint(await pair.getAddress(), r0);
    await token1.mint(await pair.getAddress(), r1);
    await pair.mint(await signer.getAddress());
    pairs.push(pair);
  }
  return { swapper, pairs };
}

async function readModel(pair: Contract): Promise<UniswapV2Pool> {
  const [r0, r1] = await pair.getReserves();
  return new UniswapV2Pool({
    address: await pair.getAddress(),
    token0: await pair.token0(),
    token1: await pair.token1(),
    reserve0: r0,
    reserve1: r1,
    feeBps: 30,
  });
}

describe("UniswapV2Pool model vs the real v2-core bytecode", function () {
  it("every quote is the pair's exact limit: one wei more out (or less in) is refused", async function () {
    const { swapper, pairs } = await loadFixture(deployPairs);
    const rng = new Rng(0xc0ffee);
    const stats = { swaps: 0, exactIn: 0, exactOut: 0, zeroOut: 0, nearDrain: 0 };
    for (const pair of pairs) {
      const model = await readModel(pair);
      const pairAddress = await pair.getAddress();
      for (let b = 0; b < BATCHES; b++) {
        // Quotes are made on the model's state; the pair then checks each one in the batch, and the
        // model follows the pair's Sync logs, which must equal the state the quotes implied.
        const predictor = model.clone();
        const batch = [];
        const expected: [bigint, bigint][] = [];
        while (batch.length < SWAPS_PER_BATCH) {
          const zeroForOne = rng.bool();
          const exactOut = rng.bool();
          const [rIn, rOut] = zeroForOne
            ? [predictor.reserve0, predictor.reserve1]
            : [predictor.reserve1, predictor.reserve0];
          let amountIn: bigint;
          let amountOut: bigint;
          if (exactOut) {
            const u = rng.next();
            amountOut =
              u < 0.05
                ? rOut - 1n - rng.bigBelow(3n)
                : u < 0.1
                  ? BigInt(rng.int(1, 100))
                  : rng.bigLogUniform(rOut - 1n);
            amountIn = predictor.quoteExactOut(zeroForOne, amountOut);
            if (amountIn === 0n) continue; // beyond uint112: covered below
            // When getAmountIn's division is exact its +1 overpays, so the pair would also take
            // one wei less and the probe below would not apply (rare: a zero remainder).
            if ((rIn * amountOut * 10_000n) % ((rOut - amountOut) * 9_970n) === 0n) continue;
          } else {
            const u = rng.next();
            // Up to 1,000x the reserve: outputs approach the whole reserve without reaching it.
            amountIn = u < 0.1 ? BigInt(rng.int(1, 1000)) : rng.bigLogUniform(rIn * 1000n);
            if (amountIn > MAX_UINT112 - rIn) continue;
            amountOut = predictor.quoteExactIn(zeroForOne, amountIn);
          }
          if (amountOut === 0n) stats.zeroOut++;
          if (amountOut * 100n > rOut * 99n) stats.nearDrain++;
          batch.push({ zeroForOne, exactOut, amountIn, amountOut });
          if (amountOut > 0n) {
            const [n0, n1] = zeroForOne
              ? [rIn + amountIn, rOut - amountOut]
              : [rOut - amountOut, rIn + amountIn];
            predictor.applySync(n0, n1);
            expected.push([n0, n1]);
          }
          if (exactOut) stats.exactOut++;
          else stats.exactIn++;
        }
        const receipt = await (
          await swapper.swapV2Batch(pairAddress, batch, { gasLimit: 16_000_000n })
        ).wait();
        const syncs = receipt!.logs
          .filter((l: { address: string }) => l.address.toLowerCase() === pairAddress.toLowerCase())
          .map((l: Parameters<Interface["parseLog"]>[0]) => pairIface.parseLog(l))
          .filter((e: ReturnType<Interface["parseLog"]>) => e?.name === "Sync");
        expect(syncs.length).to.equal(expected.length);
        for (let k = 0; k < syncs.length; k++) {
          expect([syncs[k]!.args.reserve0, syncs[k]!.args.reserve1]).to.deep.equal(expected[k]);
          model.applySync(syncs[k]!.args.reserve0, syncs[k]!.args.reserve1);
        }
        stats.swaps += batch.length;
      }
      const [r0, r1] = await pair.getReserves();
      expect([model.reserve0, model.reserve1]).to.deep.equal([r0, r1]);
    }
    console.log(`      V2 exactness: ${JSON.stringify(stats)}`);
    expect(stats.swaps).to.equal(2 * BATCHES * SWAPS_PER_BATCH);
    expect(stats.zeroOut).to.be.greaterThan(0);
    expect(stats.nearDrain).to.be.greaterThan(0);
  });

  it("an input that would push a reserve past uint112 quotes 0n, and the pair indeed reverts", async function () {
    const { swapper, pairs } = await loadFixture(deployPairs);
    const model = await readModel(pairs[0]);
    const amountIn = MAX_UINT112 - model.reserve0 + 1n;
    expect(model.quoteExactIn(true, amountIn)).to.equal(0n);
    const justFits = model.quoteExactIn(true, amountIn - 1n);
    await expect(
      swapper.swapV2Batch(await pairs[0].getAddress(), [
        { zeroForOne: true, exactOut: false, amountIn, amountOut: justFits },
      ]),
    ).to.be.revertedWith("UniswapV2: OVERFLOW");
  });
});
