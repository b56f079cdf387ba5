import { expect } from "chai";
import hre from "hardhat";
import { Wallet } from "ethers";
import { devnetFixture } from "../fixtures/devnet";
import { inProcessRpc } from "../keeper/harness";
import { balancesAt, holderAndLenders } from "../../bot/state/lenderLiquidity";

/**
 * The keeper's per-block balance reads (its inventory and what its lenders hold) go through one
 * deployless call, contracts/lens/BalanceReader.sol: each answer must equal the token's own
 * `balanceOf`, at the block asked for, and a balance that cannot be read is 0, never a guess.
 */
describe("state: the balance reader (one call for the inventory and the lenders)", function () {
  this.timeout(120_000);

  it("equals each token's balanceOf, at the block asked for, and reads 0 where balanceOf fails", async () => {
    const d = await devnetFixture();
    const rpc = inProcessRpc(hre);
    const vault = await d.balancer.vault.getAddress();
    const holders = [
      vault,
      await d.aave.aTokens.WETH.getAddress(),
      d.deployer.address,
      Wallet.createRandom().address,
    ];
    const tokens = [
      await d.weth.getAddress(),
      ...(await Promise.all(Object.values(d.tokens).map((t) => t.getAddress()))),
    ];
    const queries = tokens.flatMap((token) => holders.map((owner) => ({ token, owner })));
    const before = await hre.ethers.provider.getBlockNumber();
    const expected = await Promise.all(
      queries.map((q) => d.token(symbolOf(d, q.token)).balanceOf(q.owner) as Promise<bigint>),
    );
    expect(
      expected.some((b) => b > 0n),
      "the devnet holds something",
    ).to.equal(true);
    expect(await balancesAt(rpc, queries, before)).to.deep.equal(expected);

    // A later block changes a balance: the read at the earlier block still gives the earlier one.
    await (await d.weth.connect(d.deployer).getFunction("deposit")({ value: 12345n })).wait();
    const now = await balancesAt(rpc, [{ token: tokens[0], owner: d.deployer.address }], before + 1);
    expect(now[0]).to.equal(expected[2] + 12345n);
    expect((await balancesAt(rpc, queries, before))[2]).to.equal(expected[2]);

    // A "token" with no code (empty return) and a contract without balanceOf (the Vault reverts).
    const nothing = await balancesAt(
      rpc,
      [
        { token: Wallet.createRandom().address, owner: vault },
        { token: vault, owner: vault },
        { token: tokens[0], owner: vault },
      ],
      before,
    );
    expect(nothing).to.deep.equal([0n, 0n, expected[0]]);
    expect(await balancesAt(rpc, [], before)).to.deep.equal([]);
  });

  it("reads the holder, the Vault and each asset's aToken in one request, 0 for an asset Aave does not list", async () => {
    const d = await devnetFixture();
    const rpc = inProcessRpc(hre);
    const block = await hre.ethers.provider.getBlockNumber();
    const weth = (await d.weth.getAddress()).toLowerCase();
    const usdc = (await d.tokens.USDC.getAddress()).toLowerCase();
    const aWeth = (await d.aave.aTokens.WETH.getAddress()).toLowerCase();
    const vault = (await d.balancer.vault.getAddress()).toLowerCase();
    const holder = d.deployer.address.toLowerCase();
    const requests = rpc.requestCount;
    const read = await holderAndLenders(
      rpc,
      holder,
      { balancerVault: vault, aaveTokens: new Map([[weth, aWeth]]) },
      [weth, usdc],
      block,
    );
    expect(rpc.requestCount - requests, "one request").to.equal(1);
    expect(read.inventory).to.deep.equal(
      new Map([
        [weth, await d.weth.balanceOf(holder)],
        [usdc, await d.tokens.USDC.balanceOf(holder)],
      ]),
    );
    expect(read.balancer).to.deep.equal(
      new Map([
        [weth, await d.weth.balanceOf(vault)],
        [usdc, await d.tokens.USDC.balanceOf(vault)],
      ]),
    );
    expect(read.aave).to.deep.equal(
      new Map([
        [weth, await d.weth.balanceOf(aWeth)],
        [usdc, 0n],
      ]),
    );
    expect(read.aave.get(weth)! > 0n, "Aave holds WETH on the devnet").to.equal(true);

    const noVault = await holderAndLenders(rpc, holder, { aaveTokens: new Map() }, [weth], block);
    expect(noVault.balancer.size).to.equal(0);
    expect(noVault.aave).to.deep.equal(new Map([[weth, 0n]]));
  });
});

function symbolOf(
  d: Awaited<ReturnType<typeof devnetFixture>>,
  token: string,
): "WETH" | keyof typeof d.tokens {
  if (token.toLowerCase() === d.addresses.WETH9?.toLowerCase()) return "WETH";
  for (const [symbol, contract] of Object.entries(d.tokens)) {
    if ((contract.target as string).toLowerCase() === token.toLowerCase())
      return symbol as keyof typeof d.tokens;
  }
  throw new Error(`not a devnet token: ${token}`);
}
