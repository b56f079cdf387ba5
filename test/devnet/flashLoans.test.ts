import { expect } from "chai";
import { ethers } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";
import { DECIMALS } from "../../bot/devnet/universe";
import { AaveFlashReceiver__factory, BalancerFlashReceiver__factory } from "../../typechain-types";

describe("devnet flash loans", () => {
  describe("Aave V3 flashLoanSimple", () => {
    async function aaveReceiver() {
      const net = await devnetFixture();
      const receiver = await new AaveFlashReceiver__factory(net.deployer).deploy(
        await net.aave.pool.getAddress(),
      );
      return { net, receiver };
    }

    it("lends 1,000,000 USDC and charges exactly 5 bps (500 USDC) when repaid", async () => {
      const { net, receiver } = await aaveReceiver();
      const amount = 1_000_000_000000n;
      const premium = 500_000000n;
      await net.tokens.USDC.mint(await receiver.getAddress(), premium);
      const aToken = await net.aave.aTokens.USDC!.getAddress();
      const aTokenBefore = await net.tokens.USDC.balanceOf(aToken);

      await receiver.borrow(await net.tokens.USDC.getAddress(), amount, true);

      expect(await receiver.lastAmount()).to.equal(amount);
      expect(await receiver.lastPremium()).to.equal(premium);
      expect(await receiver.balanceDuringLoan()).to.equal(amount + premium);
      expect(await net.tokens.USDC.balanceOf(await receiver.getAddress())).to.equal(0n);
      // The whole premium goes to suppliers (premium to protocol is 0): it lands in the aToken.
      expect((await net.tokens.USDC.balanceOf(aToken)) - aTokenBefore).to.equal(premium);
    });

    it("rounds the 5 bps premium half up, to the wei, as Aave's percentMul does", async () => {
      const { net, receiver } = await aaveReceiver();
      // 123,456,789 * 5 / 10,000 = 61,728.39 -> 61,728; 1,999 * 5 / 10,000 = 0.9995 -> 1.
      for (const [amount, premium] of [
        [123_456_789n, 61_728n],
        [1_999n, 1n],
      ] as const) {
        await net.tokens.WBTC.mint(await receiver.getAddress(), premium);
        await receiver.borrow(await net.tokens.WBTC.getAddress(), amount, true);
        expect(await receiver.lastPremium()).to.equal(premium);
      }
      expect(await net.aave.pool.getFunction("FLASHLOAN_PREMIUM_TOTAL")()).to.equal(5n);
      expect(await net.aave.pool.getFunction("FLASHLOAN_PREMIUM_TO_PROTOCOL")()).to.equal(0n);
    });

    it("lends every reserve (flash loans are enabled on all of them)", async () => {
      const { net, receiver } = await aaveReceiver();
      for (const symbol of ["WETH", "USDC", "USDT", "DAI", "WBTC", "LINK"] as const) {
        const token = net.token(symbol);
        const amount = 10n ** BigInt(DECIMALS[symbol]); // one whole token
        const premium = (amount * 5n) / 10_000n;
        if (symbol === "WETH") {
          await token.getFunction("deposit")({ value: premium });
          await token.getFunction("transfer")(await receiver.getAddress(), premium);
        } else {
          await token.getFunction("mint")(await receiver.getAddress(), premium);
        }
        await receiver.borrow(await token.getAddress(), amount, true);
        expect(await receiver.lastPremium()).to.equal(premium);
      }
    });

    it("reverts the whole loan when the receiver does not repay", async () => {
      const { net, receiver } = await aaveReceiver();
      await net.tokens.USDC.mint(await receiver.getAddress(), 500_000000n);
      await expect(receiver.borrow(await net.tokens.USDC.getAddress(), 1_000_000_000000n, false))
        .to.be.revertedWithCustomError(net.tokens.USDC, "ERC20InsufficientAllowance")
        .withArgs(await net.aave.pool.getAddress(), 0n, 1_000_500_000000n);
    });
  });

  describe("Balancer V2 flashLoan", () => {
    async function balancerReceiver() {
      const net = await devnetFixture();
      const receiver = await new BalancerFlashReceiver__factory(net.deployer).deploy(
        await net.balancer.vault.getAddress(),
      );
      const tokens = [
        await net.weth.getAddress(),
        await net.tokens.USDC.getAddress(),
        await net.tokens.DAI.getAddress(),
      ];
      // The Vault wants its tokens sorted by address.
      const sorted = tokens.map((address) => address).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const amountOf = (address: string): bigint =>
        address === tokens[0]
          ? 1_000n * 10n ** 18n
          : address === tokens[1]
            ? 2_000_000_000000n
            : 2_000_000n * 10n ** 18n;
      return { net, receiver, sorted, amounts: sorted.map(amountOf) };
    }

    it("lends WETH, USDC and DAI at once for a zero fee when repaid", async () => {
      const { net, receiver, sorted, amounts } = await balancerReceiver();
      const vault = await net.balancer.vault.getAddress();
      const erc20 = (address: string) => ethers.getContractAt("TestERC20", address);
      const before = await Promise.all(sorted.map(async (t) => (await erc20(t)).balanceOf(vault)));

      await receiver.borrow(sorted, amounts, true);

      expect(await receiver.lastFeeAmounts()).to.deep.equal([0n, 0n, 0n]);
      expect(await receiver.lastBalancesDuringLoan()).to.deep.equal(amounts);
      const after = await Promise.all(sorted.map(async (t) => (await erc20(t)).balanceOf(vault)));
      expect(after).to.deep.equal(before);
    });

    it("reverts with BAL#515 (invalid post-loan balance) when the receiver does not repay", async () => {
      const { receiver, sorted, amounts } = await balancerReceiver();
      await expect(receiver.borrow(sorted, amounts, false)).to.be.revertedWith("BAL#515");
    });
  });
});
