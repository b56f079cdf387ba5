import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ChainRpc } from "../../bot/chain/chainRpc";
import { UsageError } from "../../bot/errors";
import { readExecutorLenders, reconcileLenders } from "../../bot/exec/executorLenders";
import { executorFixture } from "../executor/fixture";

/** Only `call` is used: answered by the in-process chain. */
const rpc = {
  call: (r: { to?: string; data: string }) => ethers.provider.call({ to: r.to, data: r.data }),
} as unknown as ChainRpc;

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);

describe("executor lenders", function () {
  it("reads the executor's immutable Aave Pool and Balancer Vault", async function () {
    const w = await loadFixture(executorFixture);
    const lenders = await readExecutorLenders(rpc, (await w.executor.getAddress()).toLowerCase(), "cfg.json");
    expect(lenders).to.deep.equal({
      aavePool: (await w.aave.pool.getAddress()).toLowerCase(),
      balancerVault: (await w.vault.getAddress()).toLowerCase(),
    });
  });

  it("names the file and the executor when the address does not answer like an executor", async function () {
    const w = await loadFixture(executorFixture);
    const notExecutor = (await w.weth.getAddress()).toLowerCase();
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

  it("takes the executor's lenders where the config is silent, and refuses a contradiction", function () {
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
    expect(() => reconcileLenders({ balancerVault: B }, {}, "0xe", "c.json")).to.throw(
      UsageError,
      /flash\.balancerVault: 0xb{40}, but the executor at 0xe borrows from no such lender/,
    );
  });
});
