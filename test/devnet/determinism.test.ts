import { expect } from "chai";
import { getCreateAddress } from "ethers";
import hre, { deployments, ethers, network } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";

describe("devnet determinism", () => {
  // These tests replace the chain. Leave a brand-new one behind, so that later fixtures (in any
  // test file) deploy again from the deployer's nonce 0 instead of on top of a leftover universe.
  after(async () => {
    await network.provider.send("hardhat_reset", []);
  });

  it("deploys WETH9 first, at the deployer's nonce-0 address", async () => {
    const net = await devnetFixture();
    expect(net.addresses.WETH9).to.equal(getCreateAddress({ from: net.deployer.address, nonce: 0 }));
  });

  it("re-running every devnet script on a deployed chain sends no transaction", async () => {
    await devnetFixture();
    const block = await ethers.provider.getBlockNumber();
    await deployments.run(["devnet"], {
      resetMemory: false,
      deletePreviousDeployments: false,
      writeDeploymentsToFiles: false,
    });
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("gives every deployment the same address on a fresh chain", async () => {
    const first = (await devnetFixture()).addresses;
    expect(Object.keys(first).length).to.be.greaterThan(70);
    // A brand-new chain: hardhat-deploy's snapshots die with it, so the next fixture redeploys.
    await network.provider.send("hardhat_reset", []);
    expect(await ethers.provider.getBlockNumber()).to.equal(0);
    await hre.deployments.fixture(["devnet"]);
    const second = Object.fromEntries(
      Object.entries(await deployments.all()).map(([n, d]) => [n, d.address]),
    );
    expect(second).to.deep.equal(first);
  });

  it("redeploys, at the same addresses, over deployment records left by an earlier chain", async () => {
    const first = (await devnetFixture()).addresses;
    // What a restarted `hardhat node --no-deploy` with an old deployments/localhost looks like.
    await network.provider.send("hardhat_reset", []);
    await deployments.run(["devnet"], {
      resetMemory: false,
      deletePreviousDeployments: false,
      writeDeploymentsToFiles: false,
    });
    const second = Object.fromEntries(
      Object.entries(await deployments.all()).map(([n, d]) => [n, d.address]),
    );
    for (const name of Object.keys(first)) expect(second[name], name).to.equal(first[name]);
    expect(Object.keys(second).sort()).to.deep.equal(Object.keys(first).sort());
    for (const name of [
      "WETH9",
      "USDC",
      "UniV2Pair_WETH_USDC",
      "AavePool",
      "BalancerWeightedPool_WETH_USDC",
      "PancakeV3PoolCode",
      "PancakeV3PoolDeployer",
      "PancakeV3Factory",
      "PancakeV3PositionHolder",
      "PancakeV3Pool_WETH_USDC_500",
    ]) {
      expect(await ethers.provider.getCode(second[name]!), name).to.not.equal("0x");
    }
    // The PancakeSwap V3 deployer serves the new factory, and the pools have their positions again.
    const pancakeDeployer = await deployments.get("PancakeV3PoolDeployer");
    expect(
      await (
        await ethers.getContractAt(pancakeDeployer.abi, pancakeDeployer.address)
      ).getFunction("factoryAddress")(),
    ).to.equal(second.PancakeV3Factory);
    for (const name of Object.keys(second).filter((n) => n.startsWith("PancakeV3Pool_"))) {
      const pool = await ethers.getContractAt((await deployments.get(name)).abi, second[name]!);
      expect(await pool.getFunction("liquidity")(), name).to.be.greaterThan(0n);
    }
    // State as well as code: the reserves are lendable again.
    const data = await deployments.get("AaveProtocolDataProvider");
    const dataProvider = await ethers.getContractAt(data.abi, data.address);
    for (const token of ["WETH9", "USDC", "DAI", "WBTC"]) {
      expect(await dataProvider.getFunction("getFlashLoanEnabled")(second[token]!), token).to.equal(true);
      expect(await dataProvider.getFunction("getATokenTotalSupply")(second[token]!), token).to.be.greaterThan(
        0n,
      );
    }
  });
});
