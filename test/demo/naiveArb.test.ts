import { expect } from "chai";
import { ethers, network } from "hardhat";
import { NaiveArb__factory, type NaiveArb } from "../../typechain-types";
import { devnetFixture, type Devnet } from "../fixtures/devnet";

const ETH = 10n ** 18n;

describe("demo: NaiveArb contract", function () {
  this.timeout(300_000);
  let net: Devnet;
  let arb: NaiveArb;
  let clean: string;

  before(async () => {
    net = await devnetFixture();
    clean = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    const owner = net.signers[2]!;
    arb = await new NaiveArb__factory(owner).deploy(await net.weth.getAddress(), 2500n);
    const weth = net.weth.connect(owner) as typeof net.weth;
    await weth.getFunction("deposit")({ value: 10n * ETH });
    await weth.getFunction("transfer")(await arb.getAddress(), 10n * ETH);
  });

  after(async () => {
    await network.provider.request({ method: "evm_revert", params: [clean] });
  });

  const routers = () => ({
    uni: net.v2.uni.router.target as string,
    sushi: net.v2.sushi.router.target as string,
  });

  it("buys where WETH buys more, sells back where it costs less, keeps the profit and pays the builder its share", async () => {
    // The devnet prices WETH 1 % higher on sushi: 1 WETH buys more USDC there than on uni.
    const usdc = await net.tokens.USDC.getAddress();
    const before = (await net.weth.getFunction("balanceOf")(await arb.getAddress())) as bigint;
    const tx = await arb.connect(net.signers[2]!).arb(routers().sushi, routers().uni, usdc, ETH, 0n);
    const receipt = (await tx.wait())!;
    const event = arb.interface.parseLog(receipt.logs.find((l) => l.address === arb.target)!)!;
    const [, amountIn, amountOut, payment] = event.args as unknown as [string, bigint, bigint, bigint];
    expect(amountIn).to.equal(ETH);
    const profit = amountOut - amountIn;
    expect(profit > ETH / 1000n).to.equal(true);
    expect(payment).to.equal((profit * 2500n) / 10_000n);
    const after = (await net.weth.getFunction("balanceOf")(await arb.getAddress())) as bigint;
    expect(after - before).to.equal(profit - payment);
    expect(await ethers.provider.getBalance(await arb.getAddress())).to.equal(0n);
  });

  it("reverts the other way round (a loss), and below the minimum profit", async () => {
    const usdc = await net.tokens.USDC.getAddress();
    const owner = arb.connect(net.signers[2]!);
    await expect(owner.arb(routers().uni, routers().sushi, usdc, ETH, 0n)).to.be.revertedWithCustomError(
      arb,
      "Unprofitable",
    );
    await expect(owner.arb(routers().sushi, routers().uni, usdc, ETH, ETH)).to.be.revertedWithCustomError(
      arb,
      "Unprofitable",
    );
  });

  it("only its owner trades or withdraws; the builder share is at most 100 %", async () => {
    const usdc = await net.tokens.USDC.getAddress();
    const stranger = arb.connect(net.signers[3]!);
    await expect(stranger.arb(routers().sushi, routers().uni, usdc, ETH, 0n)).to.be.revertedWithCustomError(
      arb,
      "NotOwner",
    );
    await expect(
      stranger.withdraw(await net.weth.getAddress(), 1n, net.signers[3]!.address),
    ).to.be.revertedWithCustomError(arb, "NotOwner");
    const to = net.signers[4]!.address;
    const balance = (await net.weth.getFunction("balanceOf")(to)) as bigint;
    await arb.connect(net.signers[2]!).withdraw(await net.weth.getAddress(), ETH, to);
    expect((await net.weth.getFunction("balanceOf")(to)) as bigint).to.equal(balance + ETH);
    await expect(
      new NaiveArb__factory(net.signers[2]!).deploy(await net.weth.getAddress(), 10_001n),
    ).to.be.revertedWithCustomError(arb, "ShareTooLarge");
  });
});
