import { expect } from "chai";
import { ethers } from "hardhat";
import type { ChainRpc } from "../../bot/chain/chainRpc";
import { UsageError } from "../../bot/core/errors";
import { readExecutorLenders, reconcileLenders } from "../../bot/execute/executorLenders";
import { devnetFixture } from "../fixtures/devnet";

/**
 * Only `call` is used: answered by the in-process devnet. (The devnet's hardhat-deploy fixture, not
 * loadFixture(executorFixture): a loadFixture snapshot taken here would be invalidated by the
 * suites that run between this file and test/executor, which then could not restore it.)
 */
const rpc = {
  call: (r: { to?: string; data: string }) => ethers.provider.call({ to: r.to, data: r.data }),
} as unknown as ChainRpc;

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);

describe("executor lenders", function () {
  it("reads the executor's immutable Aave Pool and Balancer Vault", async function () {
    const d = await devnetFixture();
    const lenders = await readExecutorLenders(rpc, d.addresses.ArbExecutor!.toLowerCase(), "cfg.json");
    expect(lenders).to.deep.equal({
      aavePool: d.addresses.AavePool!.toLowerCase(),
      balancerVault: d.addresses.BalancerVault!.toLowerCase(),
    });
  });

  it("names the file and the executor when the address does not answer like an executor", async function () {
    const d = await devnetFixture();
    const notExecutor = (await d.weth.getAddress()).toLowerCase();
    const err = await readExecutorLenders(rpc, notExecutor, "cfg.json").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(UsageError);
    expect((err as UsageError).code).to.equal("EXECUTOR_NO_LENDERS");
    expect((err as Error).message).to.match(
      /^cfg\.json: executor: 0x[0-9a-f]{40} does not answer AAVE_POOL\(\)/,
    );
  });

  it("takes the executor's lenders, and refuses a config naming another", function () {
    expect(reconcileLenders({}, { aavePool: A, balancerVault: B }, "0xe", "c.json")).to.deep.equal({
      aavePool: A,
      balancerVault: B,
    });
    expect(
      reconcileLenders({ aavePool: A.toUpperCase().replace("0X", "0x") }, { aavePool: A }, "0xe", "c.json"),
    ).to.deep.equal({ aavePool: A, balancerVault: undefined });
    expect(() => reconcileLenders({ aavePool: B }, { aavePool: A }, "0xe", "c.json")).to.throw(
      UsageError,
      /^c\.json: flash\.aavePool: 0xb{40}, but the executor at 0xe borrows from 0xa{40} \(its AAVE_POOL\(\)\)/,
    );
    // An executor deployed without a lender has no such funding, whatever the config says.
    expect(reconcileLenders({ balancerVault: B, aavePool: A }, {}, "0xe", "c.json")).to.deep.equal({
      aavePool: undefined,
      balancerVault: undefined,
    });
  });
});
