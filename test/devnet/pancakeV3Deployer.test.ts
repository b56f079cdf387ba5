import { expect } from "chai";
import { ethers } from "hardhat";
import { AbiCoder, getCreate2Address, keccak256 } from "ethers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import { deployPancakeV3Core, PANCAKE_V3_POOL_INIT_CODE_HASH } from "../../scripts/devnet/pancakeV3";
import { compareRuntimeCode, immutablePlaceholders } from "../../scripts/devnet/runtimeCode";

async function core() {
  const [signer] = await ethers.getSigners();
  const tokens = await ethers.getContractFactory("TestERC20", signer);
  const a = await tokens.deploy("A", "A", 18);
  const b = await tokens.deploy("B", "B", 6);
  return { signer, a, b, ...(await deployPancakeV3Core(signer)) };
}

describe("PancakeSwap V3 core on the devnet (npm factory and pool, stand-in PoolDeployer)", () => {
  it("hashes the npm PancakeV3Pool creation code to the published init code hash", () => {
    expect(keccak256(loadArtifact("PancakeV3Pool").bytecode)).to.equal(PANCAKE_V3_POOL_INIT_CODE_HASH);
  });

  it("creates pools at CREATE2(deployer, keccak(abi.encode(token0, token1, fee)), init code hash), with the pool's real code", async () => {
    const { factory, deployer, a, b } = await loadFixture(core);
    const [token0, token1] = [await a.getAddress(), await b.getAddress()].sort((x, y) =>
      BigInt(x) < BigInt(y) ? -1 : 1,
    );
    for (const [fee, spacing] of [
      [100, 1],
      [500, 10],
      [2500, 50],
      [10000, 200],
    ] as const) {
      expect(await factory.getFunction("feeAmountTickSpacing")(fee)).to.equal(BigInt(spacing));
      await (await factory.getFunction("createPool")(token0, token1, fee)).wait();
      const salt = keccak256(
        AbiCoder.defaultAbiCoder().encode(["address", "address", "uint24"], [token0, token1, fee]),
      );
      const predicted = getCreate2Address(await deployer.getAddress(), salt, PANCAKE_V3_POOL_INIT_CODE_HASH);
      expect(await factory.getFunction("getPool")(token0, token1, fee)).to.equal(predicted);
      const pool = new ethers.Contract(predicted, [...loadArtifact("PancakeV3Pool").abi], ethers.provider);
      expect(await pool.getFunction("factory")()).to.equal(await factory.getAddress());
      expect(await pool.getFunction("token0")()).to.equal(token0);
      expect(await pool.getFunction("fee")()).to.equal(BigInt(fee));
      expect(await pool.getFunction("tickSpacing")()).to.equal(BigInt(spacing));
      // The released runtime code, byte for byte but for its immutables (factory, tokens, fee, spacing).
      const artifact = loadArtifact("PancakeV3Pool");
      const code = compareRuntimeCode(
        await ethers.provider.getCode(predicted),
        artifact,
        immutablePlaceholders(artifact.deployedBytecode),
      );
      expect(code.matches, `first difference at byte ${code.firstDifference}`).to.equal(true);
    }
    // The constructor arguments are published only while a pool is created.
    expect((await deployer.getFunction("parameters")()).factory).to.equal(ethers.ZeroAddress);
  });

  it("lets only the factory deploy, and the factory be set once", async () => {
    const { deployer, signer, a, b } = await loadFixture(core);
    await expect(
      deployer.getFunction("deploy")(signer.address, await a.getAddress(), await b.getAddress(), 500, 10),
    )
      .to.be.revertedWithCustomError(deployer, "OnlyFactory")
      .withArgs(signer.address);
    await expect(deployer.getFunction("setFactoryAddress")(signer.address)).to.be.revertedWithCustomError(
      deployer,
      "FactoryAlreadySet",
    );
  });
});
