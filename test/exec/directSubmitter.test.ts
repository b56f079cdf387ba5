import { expect } from "chai";
import { Wallet } from "ethers";
import { DirectSubmitter } from "../../bot/execute/directSubmitter";
import { encodeExecute } from "../../bot/plan/planEncoding";
import type { SubmissionAttempt } from "../../bot/execute/submitter";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { freePort } from "../relay/devnet";
import {
  GWEI,
  accountKey,
  bestOpportunity,
  devnetDescriptors,
  prepareRequest,
  startExecWorld,
  wethBalance,
  type ExecWorld,
} from "./world";

describe("DirectSubmitter on an automining devnet node", function () {
  this.timeout(240_000);
  let w: ExecWorld;
  let pools: PoolDescriptor[];
  let submitter: DirectSubmitter;

  before(async () => {
    w = await startExecWorld();
    pools = await devnetDescriptors(w);
    submitter = new DirectSubmitter({
      provider: w.provider,
      operator: new Wallet(accountKey(1), w.provider),
      chainId: 31337n,
      pollMs: 50,
    });
  });

  after(async () => {
    await w?.close();
  });

  it("lands a real arbitrage as one raw transaction: profit exactly as predicted, gas cost from the receipt", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request, built } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 3n,
      priorityFee: GWEI,
    });
    expect(built.builderPayment).to.equal(0n);
    const attempts: SubmissionAttempt[] = [];
    const outcome = await submitter.submit(request, (a) => void attempts.push(a));
    if (outcome.kind !== "included")
      throw new Error(`expected included, got ${JSON.stringify(outcome.kind)}`);
    expect(outcome.blockNumber).to.equal(head + 1n);
    expect(outcome.realisedProfit).to.equal(built.keptProfit);
    expect(outcome.builderPayment).to.equal(0n);
    const receipt = await w.provider.getTransactionReceipt(outcome.txHash);
    expect(receipt!.status).to.equal(1);
    expect(outcome.gasUsed).to.equal(receipt!.gasUsed);
    expect(outcome.gasCostWei).to.equal(receipt!.gasUsed * receipt!.gasPrice);
    const n = Number(outcome.blockNumber);
    expect((await wethBalance(w, w.executor, n)) - (await wethBalance(w, w.executor, n - 1))).to.equal(
      built.keptProfit,
    );
    expect(attempts).to.have.length(1);
    expect(attempts[0]).to.include({ relay: "direct", state: "sent", txHash: outcome.txHash });
  });

  it("a transaction delayed past its deadline reverts cheaply and is reported failed with its gas cost", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 1n,
      priorityFee: GWEI,
    });
    const send = (method: string, params: unknown[] = []) => w.provider.send(method, params);
    await send("evm_setAutomine", [false]);
    let delayed: Promise<void> | undefined;
    try {
      const outcome = await submitter.submit(request, () => {
        // A base-fee spike keeps it out of block N (the last its plan allows); it lands in N + 1.
        delayed = (async () => {
          await send("hardhat_setNextBlockBaseFeePerGas", [`0x${(request.maxFeePerGas + 1n).toString(16)}`]);
          await send("evm_mine");
          await send("hardhat_setNextBlockBaseFeePerGas", ["0x1"]);
          await send("evm_mine");
        })();
      });
      await delayed;
      expect(outcome).to.deep.include({ kind: "failed", reason: "reverted", blockNumber: head + 2n });
      const block = await w.provider.getBlock(Number(head + 2n));
      const receipt = await w.provider.getTransactionReceipt(block!.transactions[0]);
      expect(receipt!.status).to.equal(0);
      expect(receipt!.to!.toLowerCase()).to.equal(w.executor);
      expect(outcome.kind === "failed" && outcome.gasCostWei).to.equal(receipt!.gasUsed * receipt!.gasPrice);
      // Cheap: the deadline is the executor's first check, a few thousand gas over the base cost.
      expect(receipt!.gasUsed < 30_000n).to.equal(true, `gas used ${receipt!.gasUsed}`);
      expect((await w.provider.getBlock(Number(head + 1n)))!.transactions).to.deep.equal([]);
    } finally {
      await delayed?.catch(() => undefined);
      await send("evm_setAutomine", [true]);
    }
  });

  it("pays a fixed builder tip from ether the executor holds: measured as the ether it sent to the coinbase", async () => {
    // The executor holds ether (e.g. left by an owner's top-up) and the plan tips from it.
    const owner = w.wallet(0);
    await (await owner.sendTransaction({ to: w.executor, value: 10n ** 18n })).wait();
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const prepared = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 3n,
      priorityFee: GWEI,
    });
    const tip = 12_345_678_901n;
    const plan = { ...prepared.built.plan, tip: { kind: "fixed" as const, wei: tip, from: "eth" as const } };
    const request = { ...prepared.request, plan, calldata: encodeExecute(plan) };
    const coinbase = (await w.provider.send("eth_coinbase", [])) as string;
    const outcome = await submitter.submit(request, () => undefined);
    if (outcome.kind !== "included") throw new Error(`expected included, got ${outcome.kind}`);
    expect(outcome.builderPayment).to.equal(tip);
    // Paid in ether, so the WETH profit is the whole gross profit.
    expect(outcome.realisedProfit).to.equal(prepared.built.grossProfit);
    const n = Number(outcome.blockNumber);
    const receipt = await w.provider.getTransactionReceipt(outcome.txHash);
    const block = await w.provider.getBlock(n);
    expect(block!.transactions).to.deep.equal([outcome.txHash]);
    const priorityFees = receipt!.gasUsed * (receipt!.gasPrice - block!.baseFeePerGas!);
    const gained =
      (await w.provider.getBalance(coinbase, n)) - (await w.provider.getBalance(coinbase, n - 1));
    expect(gained).to.equal(tip + priorityFees);
  });

  it("also sends to extra private endpoints, each an attempt; one that is down does not stop it", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const withEndpoint = new DirectSubmitter({
      provider: w.provider,
      operator: new Wallet(accountKey(1), w.provider),
      chainId: 31337n,
      endpoints: [down],
      pollMs: 50,
    });
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request, built } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 3n,
      priorityFee: GWEI,
    });
    const attempts: SubmissionAttempt[] = [];
    const outcome = await withEndpoint.submit(request, (a) => void attempts.push(a));
    if (outcome.kind !== "included") throw new Error(`expected included, got ${outcome.kind}`);
    expect(outcome.realisedProfit).to.equal(built.keptProfit);
    expect(attempts.map((a) => [a.relay, a.state, a.txHash])).to.deep.equal([
      ["direct", "sent", outcome.txHash],
      [down, "error", outcome.txHash],
    ]);
  });

  it("a plan that reverts on arrival (automine answers with an error): failed/reverted with its gas cost", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const prepared = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 3n,
      priorityFee: GWEI,
      gasLimit: 600_000n,
    });
    // One wei more than the cycle can give: the executor's last check reverts it.
    const plan = { ...prepared.built.plan, minProfit: prepared.built.keptProfit + 1n };
    const request = { ...prepared.request, plan, calldata: encodeExecute(plan) };
    const attempts: SubmissionAttempt[] = [];
    const outcome = await submitter.submit(request, (a) => void attempts.push(a));
    expect(outcome).to.deep.include({ kind: "failed", reason: "reverted", blockNumber: head + 1n });
    const block = await w.provider.getBlock(Number(head + 1n));
    const receipt = await w.provider.getTransactionReceipt(block!.transactions[0]);
    expect(receipt!.status).to.equal(0);
    expect(outcome.kind === "failed" && outcome.gasCostWei).to.equal(receipt!.gasUsed * receipt!.gasPrice);
    // The node answered the send with the revert, but it did take (and mine) the transaction.
    expect(attempts.map((a) => [a.state, a.txHash])).to.deep.equal([["sent", receipt!.hash]]);
    expect(attempts[0].error).to.match(/revert/i);
  });

  it("a transaction the node refuses (the operator cannot cover its fee cap): failed/rejected at once with the node's error", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const prepared = await prepareRequest(w, op, { targetBlock: head + 1n, deadlineBlock: head + 3n });
    const request = { ...prepared.request, maxFeePerGas: 10n ** 25n, maxPriorityFeePerGas: 0n };
    const attempts: SubmissionAttempt[] = [];
    const outcome = await submitter.submit(request, (a) => void attempts.push(a));
    expect(outcome).to.deep.include({ kind: "failed", reason: "rejected" });
    expect(outcome.kind === "failed" && outcome.detail).to.match(/insufficient funds|balance/i);
    expect(attempts.map((a) => a.state)).to.deep.equal(["rejected"]);
    expect(BigInt(await w.provider.getBlockNumber())).to.equal(head);
  });

  it("does not send a plan whose deadline has already passed", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request } = await prepareRequest(w, op, {
      targetBlock: head,
      deadlineBlock: head,
      gasLimit: 600_000n,
    });
    const attempts: SubmissionAttempt[] = [];
    const outcome = await submitter.submit(request, (a) => void attempts.push(a));
    expect(outcome).to.deep.include({ kind: "not-included", reason: "expired" });
    expect(attempts).to.deep.equal([]);
    expect(BigInt(await w.provider.getBlockNumber())).to.equal(head);
  });
});
