import { expect } from "chai";
import { AbiCoder, getCreate2Address, keccak256, solidityPacked } from "ethers";
import { devnetFixture } from "../fixtures/devnet";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import { PANCAKE_V3_POOL_INIT_CODE_HASH } from "../../scripts/devnet/pancakeV3";
import { PANCAKE_V3_POOLS } from "../../bot/devnet/universe";

/** Mainnet's Uniswap V2 pair init code hash (built into Router02 / UniswapV2Library). */
const V2_INIT_CODE_HASH = "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";
/** Mainnet's Uniswap V3 pool init code hash (PoolAddress.POOL_INIT_CODE_HASH). */
const V3_INIT_CODE_HASH = "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54";

function sorted(a: string, b: string): [string, string] {
  return BigInt(a) < BigInt(b) ? [a, b] : [b, a];
}

describe("devnet pair and pool addresses follow mainnet's CREATE2 rules", () => {
  it("hashes the npm UniswapV2Pair and UniswapV3Pool creation code to mainnet's init code hashes", () => {
    expect(keccak256(loadArtifact("UniswapV2Pair").bytecode)).to.equal(V2_INIT_CODE_HASH);
    expect(keccak256(loadArtifact("UniswapV3Pool").bytecode)).to.equal(V3_INIT_CODE_HASH);
  });

  it("puts every V2 pair of both venues at CREATE2(factory, keccak(token0, token1), init code hash)", async () => {
    const net = await devnetFixture();
    const names = Object.keys(net.pairs);
    expect(names.length).to.equal(18);
    for (const name of names) {
      const pair = net.pairs[name]!;
      const factory = await (name.startsWith("Uni") ? net.v2.uni : net.v2.sushi).factory.getAddress();
      const [token0, token1] = sorted(await pair.getFunction("token0")(), await pair.getFunction("token1")());
      const salt = keccak256(solidityPacked(["address", "address"], [token0, token1]));
      const predicted = getCreate2Address(factory, salt, V2_INIT_CODE_HASH);
      expect(predicted, name).to.equal(await pair.getAddress());
      const onChain = await (name.startsWith("Uni") ? net.v2.uni : net.v2.sushi).factory.getFunction(
        "getPair",
      )(token0, token1);
      expect(onChain, name).to.equal(predicted);
    }
  });

  it("puts every V3 pool at CREATE2(factory, keccak(abi.encode(token0, token1, fee)), init code hash)", async () => {
    const net = await devnetFixture();
    const factory = await net.v3.factory.getAddress();
    const names = Object.keys(net.pools);
    expect(names.length).to.equal(9);
    for (const name of names) {
      const pool = net.pools[name]!;
      const token0 = (await pool.getFunction("token0")()) as string;
      const token1 = (await pool.getFunction("token1")()) as string;
      const fee = (await pool.getFunction("fee")()) as bigint;
      const salt = keccak256(
        AbiCoder.defaultAbiCoder().encode(["address", "address", "uint24"], [token0, token1, fee]),
      );
      const predicted = getCreate2Address(factory, salt, V3_INIT_CODE_HASH);
      expect(predicted, name).to.equal(await pool.getAddress());
      expect(await net.v3.factory.getFunction("getPool")(token0, token1, fee), name).to.equal(predicted);
    }
  });

  it("puts every PancakeSwap V3 pool at CREATE2(pool deployer, keccak(abi.encode(token0, token1, fee)), the published hash)", async () => {
    const net = await devnetFixture();
    // PancakeSwap's pools are CREATE2'd by its PoolDeployer, not by the factory.
    const poolDeployer = await net.pancakeV3.deployer.getAddress();
    const factory = await net.pancakeV3.factory.getAddress();
    const names = Object.keys(net.pancakePools);
    expect(names.sort()).to.deep.equal(
      PANCAKE_V3_POOLS.map((p) => `PancakeV3Pool_${p.a}_${p.b}_${p.fee}`).sort(),
    );
    for (const name of names) {
      const pool = net.pancakePools[name]!;
      const token0 = (await pool.getFunction("token0")()) as string;
      const token1 = (await pool.getFunction("token1")()) as string;
      const fee = (await pool.getFunction("fee")()) as bigint;
      expect(BigInt(token0) < BigInt(token1), name).to.equal(true);
      const salt = keccak256(
        AbiCoder.defaultAbiCoder().encode(["address", "address", "uint24"], [token0, token1, fee]),
      );
      const predicted = getCreate2Address(poolDeployer, salt, PANCAKE_V3_POOL_INIT_CODE_HASH);
      expect(predicted, name).to.equal(await pool.getAddress());
      expect(await net.pancakeV3.factory.getFunction("getPool")(token0, token1, fee), name).to.equal(
        predicted,
      );
      expect(await pool.getFunction("factory")(), name).to.equal(factory);
    }
  });
});
