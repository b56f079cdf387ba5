import { expect } from "chai";
import { getCreateAddress } from "ethers";
import hre, { deployments, ethers, network } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";

describe("devnet determinism", () => {
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
});
