import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AbiCoder, ZeroAddress, getCreate2Address, keccak256, solidityPacked } from "ethers";
import hre from "hardhat";
import { loadConfig } from "../../bot/config/loadConfig";

const ROOT = path.join(__dirname, "..", "..");

describe("config: config/devnet.json against the real devnet deployment", function () {
  this.timeout(300_000);

  it("every deployment: reference resolves to code, decimals match, init code hashes derive the pools", async () => {
    // A fresh chain, so the deployment (and the fixture snapshot later tests reuse) is the
    // canonical one at the deployer's first nonces, whatever earlier test files did.
    await hre.network.provider.send("hardhat_reset", []);
    await hre.deployments.fixture(["devnet"]);
    const all = await hre.deployments.all();
    // Write the deployments the way hardhat-deploy writes them for a live network.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-devnet-deployments-"));
    try {
      fs.mkdirSync(path.join(dir, "localhost"));
      for (const [name, deployment] of Object.entries(all)) {
        fs.writeFileSync(
          path.join(dir, "localhost", `${name}.json`),
          JSON.stringify({ address: deployment.address }),
        );
      }
      const config = loadConfig(path.join(ROOT, "config", "devnet.json"), { deploymentsDir: dir });
      expect(config.wrappedNative).to.equal(all.WETH9.address.toLowerCase());
      const contracts = [
        // The devnet deploys no PancakeSwap V3 router (the keeper swaps against pools directly), so
        // a venue's router is checked where the config names one; its pool deployer where it has one.
        ...config.venues.flatMap((v) => [
          v.factory,
          v.router ?? v.factory,
          ("poolDeployer" in v ? v.poolDeployer : undefined) ?? v.factory,
        ]),
        ...config.baseTokens.map((t) => t.address),
        config.flash.aavePool,
        config.flash.balancerVault,
        config.executor,
      ];
      for (const address of contracts) {
        expect(address, "every address is set").to.be.a("string");
        const code = await hre.ethers.provider.getCode(address as string);
        expect(code.length, `${address} has code`).to.be.greaterThan(2);
      }
      // decimals in the config match the deployed tokens
      for (const token of config.baseTokens) {
        const erc20 = await hre.ethers.getContractAt(
          ["function decimals() view returns (uint8)"],
          token.address,
        );
        expect(Number(await erc20.getFunction("decimals")()), token.symbol).to.equal(token.decimals);
      }
      // the init code hashes in the config derive the pools the factories actually created
      const [a, b] = [config.baseTokens[0].address, config.baseTokens[1].address].sort();
      let checked = 0;
      for (const venue of config.venues) {
        if (venue.kind === "uniswap-v2") {
          const factory = await hre.ethers.getContractAt(
            ["function getPair(address,address) view returns (address)"],
            venue.factory,
          );
          const pair = (await factory.getFunction("getPair")(a, b)) as string;
          expect(pair, `${venue.name} has a ${a}/${b} pair`).to.not.equal(ZeroAddress);
          const salt = keccak256(solidityPacked(["address", "address"], [a, b]));
          expect(getCreate2Address(venue.factory, salt, venue.initCodeHash)).to.equal(pair);
          checked += 1;
        } else {
          const factory = await hre.ethers.getContractAt(
            ["function getPool(address,address,uint24) view returns (address)"],
            venue.factory,
          );
          for (const fee of venue.feeTiers) {
            const pool = (await factory.getFunction("getPool")(a, b, fee)) as string;
            if (pool === ZeroAddress) continue;
            const salt = keccak256(
              AbiCoder.defaultAbiCoder().encode(["address", "address", "uint24"], [a, b, fee]),
            );
            expect(getCreate2Address(venue.poolDeployer ?? venue.factory, salt, venue.initCodeHash)).to.equal(
              pool,
            );
            checked += 1;
          }
        }
      }
      expect(checked, "pools checked").to.be.at.least(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
