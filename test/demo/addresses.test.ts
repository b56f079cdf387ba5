import { expect } from "chai";
import { Wallet } from "ethers";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { devnetAddressesFromDeployments, readDevnetAddresses } from "../../bot/devnet/demo/addresses";
import { DemoError } from "../../bot/devnet/demo/demoError";
import { OmniArbError } from "../../bot/core/errors";

const NAMES = [
  "WETH9",
  "USDC",
  "LINK",
  "UniV2Factory",
  "UniV2Router02",
  "SushiV2Factory",
  "SushiV2Router02",
  "UniV3Factory",
  "NonfungiblePositionManager",
  "SwapRouter",
];

describe("demo: DevnetAddresses", () => {
  const byName = Object.fromEntries(NAMES.map((n) => [n, Wallet.createRandom().address.toLowerCase()]));
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-demo-"));
    fs.mkdirSync(path.join(dir, "localhost"));
    for (const [name, address] of Object.entries(byName)) {
      fs.writeFileSync(path.join(dir, "localhost", `${name}.json`), JSON.stringify({ address, abi: [] }));
    }
    fs.writeFileSync(path.join(dir, "localhost", ".chainId"), "31337");
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads hardhat-deploy's files into checksummed addresses, devnet tokens by symbol", () => {
    const a = readDevnetAddresses(dir, "localhost");
    expect(a).to.deep.equal(devnetAddressesFromDeployments(byName));
    expect(a.weth.toLowerCase()).to.equal(byName.WETH9);
    expect(a.weth).to.not.equal(byName.WETH9);
    expect(Object.keys(a.tokens)).to.deep.equal(["USDC", "LINK"]);
    expect(a.sushiV2.router.toLowerCase()).to.equal(byName.SushiV2Router02);
    expect(a.uniV3.positionManager.toLowerCase()).to.equal(byName.NonfungiblePositionManager);
  });

  it("names the missing deployment", () => {
    const { SwapRouter: _, ...rest } = byName;
    const err = (() => {
      try {
        devnetAddressesFromDeployments(rest);
      } catch (e) {
        return e;
      }
    })();
    expect(err).to.be.instanceOf(DemoError).and.instanceOf(OmniArbError);
    expect((err as DemoError).code).to.equal("DEMO_ADDRESSES");
    expect((err as DemoError).message).to.contain("SwapRouter");
    expect(() => readDevnetAddresses(dir, "nowhere")).to.throw(DemoError);
  });
});
