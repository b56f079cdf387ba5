import type { V3Descriptor } from "../../bot/venues/uniswap-v3/venue";
import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { expect } from "chai";
import { Interface, Wallet } from "ethers";
import { FlashbotsSubmitter } from "../../bot/execute/flashbotsSubmitter";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import type { Opportunity } from "../../bot/strategies/opportunity";
import { RelayBlocks, blockPerRound } from "./mining";
import {
  accountKey,
  bestOpportunity,
  deployRivalExecutor,
  devnetDescriptors,
  prepareRequest,
  startExecWorld,
  wethBalance,
  type ExecWorld,
} from "./world";

const TRADER = 9;
const RIVAL = 3;
const MAX = 2n ** 256n - 1n;

describe("FlashbotsSubmitter on the devnet relay", function () {
  this.timeout(240_000);
  let w: ExecWorld;
  let relay: DevnetRelay;
  let pools: PoolDescriptor[];
  let submitter: FlashbotsSubmitter;
  let rivalExecutor: string;
  let coinbase: string;
  let blocks: RelayBlocks;

  before(async () => {
    w = await startExecWorld();
    pools = await devnetDescriptors(w);
    // Set-up that needs the node's automine, before the relay takes mining over: another
    // searcher's executor, and a trader holding WETH with the routers approved.
    rivalExecutor = await deployRivalExecutor(w, RIVAL);
    const weth = w.contract("WETH9", TRADER);
    await (await weth.deposit({ value: 10n ** 21n })).wait();
    for (const spender of ["UniV2Router02", "SushiV2Router02", "SwapRouter"]) {
      await (await weth.approve(w.deployments[spender].address, MAX)).wait();
    }
    relay = await startDevnetRelay({ rpcUrl: w.url, intervalMs: 0 });
    blocks = new RelayBlocks(relay);
    await blocks.sync();
    coinbase = (await w.provider.send("eth_coinbase", [])) as string;
    submitter = await FlashbotsSubmitter.create({
      provider: w.provider,
      operator: new Wallet(accountKey(1), w.provider),
      reputationSigner: new Wallet(Wallet.createRandom().privateKey),
      relays: [relay.url],
      chainId: 31337n,
      waitForBlock: blocks.waitForBlock,
      errors: new Interface(w.deployments.ArbExecutor.abi as never),
    });
  });

  after(async () => {
    await relay?.close();
    await w?.close();
  });

  /** A trader's swap through the first pool of `op`, the same way and as large, to the public mempool. */
  async function publicSwapLike(op: Opportunity): Promise<void> {
    const first = op.path[0];
    const trader = w.wallet(TRADER);
    const p = pools.find((d) => d.address === first.pool)! as V3Descriptor;
    if (p.kind === "uniswap-v2") {
      const router = w.contract(p.venue === "uni" ? "UniV2Router02" : "SushiV2Router02", TRADER);
      const route = [first.tokenIn, first.tokenOut];
      await router.swapExactTokensForTokens(op.amountIn, 0n, route, trader.address, 2n ** 40n, {
        gasLimit: 300_000n,
      });
    } else {
      const router = w.contract("SwapRouter", TRADER);
      await router.exactInputSingle(
        {
          tokenIn: first.tokenIn,
          tokenOut: first.tokenOut,
          fee: p.fee,
          recipient: trader.address,
          deadline: 2n ** 40n,
          amountIn: op.amountIn,
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
        { gasLimit: 500_000n },
      );
    }
  }

  it("lands a real arbitrage: the executor keeps exactly the predicted profit, the builder gets exactly its share", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request, built } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 2n,
      shareBps: 5_000,
    });
    expect(built.builderPayment > 0n && built.keptProfit > 0n).to.equal(true);

    const sim = await submitter.simulate(request);
    expect(sim.ok, sim.error).to.equal(true);
    expect(sim.gasUsed! > 21_000n).to.equal(true);
    // execute() returns what the executor kept: the relay's simulation shows it, to the wei.
    expect(sim.profit).to.equal(built.keptProfit);

    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(request, m.onAttempt);
    await m.settle();
    if (outcome.kind !== "included")
      throw new Error(
        `not included: ${JSON.stringify(outcome, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    expect(outcome.blockNumber).to.equal(head + 1n);
    expect(outcome.realisedProfit).to.equal(built.keptProfit);
    expect(outcome.builderPayment).to.equal(built.builderPayment);
    const receipt = await w.provider.getTransactionReceipt(outcome.txHash);
    expect(outcome.gasUsed).to.equal(receipt!.gasUsed);
    expect(outcome.gasCostWei).to.equal(receipt!.gasUsed * receipt!.gasPrice);

    // Checked independently of the submitter's own measurement: the block holds only our
    // transaction, paying no priority fee, so the coinbase's whole gain is the executor's tip.
    const n = Number(outcome.blockNumber);
    const block = await w.provider.getBlock(n);
    expect(block!.transactions).to.deep.equal([outcome.txHash]);
    expect((await wethBalance(w, w.executor, n)) - (await wethBalance(w, w.executor, n - 1))).to.equal(
      built.keptProfit,
    );
    expect(
      (await w.provider.getBalance(coinbase, n)) - (await w.provider.getBalance(coinbase, n - 1)),
    ).to.equal(built.builderPayment);

    expect(m.attempts).to.have.length(1);
    expect(m.attempts[0]).to.include({ state: "sent", relay: relay.url, txHash: outcome.txHash });
    expect(m.attempts[0].block).to.equal(head + 1n);
  });

  it("reports outbid when another searcher's bundle pays more for the same opportunity", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 1n;
    const ours = await prepareRequest(w, op, { targetBlock: target, deadlineBlock: target, shareBps: 5_000 });
    const theirs = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target,
      shareBps: 9_000,
      executor: rivalExecutor,
      operator: RIVAL,
    });
    const rival = w.wallet(RIVAL);
    const rivalRaw = await rival.signTransaction({
      type: 2,
      chainId: 31337n,
      nonce: await w.provider.getTransactionCount(rival.address, "latest"),
      to: theirs.request.to,
      data: theirs.request.calldata,
      gasLimit: theirs.request.gasLimit,
      maxFeePerGas: theirs.request.maxFeePerGas,
      maxPriorityFeePerGas: 0n,
    });
    const rivalClient = await FlashbotsBundleProvider.create(
      w.provider,
      new Wallet(Wallet.createRandom().privateKey),
      relay.url,
      31337,
    );
    const sent = await rivalClient.sendRawBundle([rivalRaw], Number(target));
    if ("error" in sent) throw new Error(sent.error.message);

    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(ours.request, m.onAttempt);
    await m.settle();
    expect(outcome).to.deep.include({ kind: "not-included", reason: "outbid", lastTargetBlock: target });
    const rivalReceipt = await w.provider.getTransactionReceipt(sent.bundleTransactions[0].hash);
    expect(rivalReceipt?.blockNumber).to.equal(Number(target));
    expect(rivalReceipt?.status).to.equal(1);
    expect((await w.provider.getBlock(Number(target)))!.transactions).to.deep.equal([rivalReceipt!.hash]);
  });

  it("reports state-moved when a public swap mined before its block makes it revert", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 2n;
    const { request } = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target,
      shareBps: 5_000,
    });
    const frontRun = async () => {
      // Someone else's swap, sent to the public mempool: block N-1 mines it, so the plan's exact
      // amounts no longer hold in N.
      await publicSwapLike(op);
      const built = await blocks.mine();
      expect(built.blockNumber).to.equal(target - 1n);
      expect(built.publicTxs).to.equal(1);
    };
    const m = blockPerRound(blocks, 1, frontRun);
    const outcome = await submitter.submit(request, m.onAttempt);
    await m.settle();
    expect(outcome).to.deep.include({ kind: "not-included", reason: "state-moved", lastTargetBlock: target });
    // The reason is the executor call's revert on the moved state, named by the executor's ABI.
    expect(outcome.kind === "not-included" && outcome.detail).to.match(/UniswapV2: K|InsufficientProfit/);
    expect((await w.provider.getBlock(Number(target)))!.transactions).to.deep.equal([]);
    expect(m.attempts.map((a) => a.state)).to.deep.equal(["sent"]);
  });

  it("reports state-moved when the operator's nonce goes to another transaction first", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 2n;
    const { request } = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target + 1n,
      shareBps: 5_000,
    });
    const operator = w.wallet(1);
    const m = blockPerRound(blocks, 1, async () => {
      if (m.attempts.length > 1) return;
      // The operator key's next nonce is spent in public (another process, a manual transfer).
      await operator.sendTransaction({ to: operator.address, value: 1n, gasLimit: 21_000n });
      const built = await blocks.mine();
      expect(built.publicTxs).to.equal(1);
    });
    const outcome = await submitter.submit(request, m.onAttempt);
    await m.settle();
    expect(outcome).to.deep.include({ kind: "not-included", reason: "state-moved", lastTargetBlock: target });
    expect(outcome.kind === "not-included" && outcome.detail).to.match(/nonce/);
    expect(m.attempts).to.have.length(1);
  });

  it("a block built without the relay (another builder's): tries the next block in the window and lands there", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 1n;
    const { request, built } = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target + 1n,
      shareBps: 5_000,
    });
    const m = blockPerRound(blocks, 1, undefined, (round) =>
      round === 0 ? blocks.mineElsewhere() : blocks.mine(),
    );
    const outcome = await submitter.submit(request, m.onAttempt);
    await m.settle();
    if (outcome.kind !== "included") throw new Error(`expected included, got ${outcome.kind}`);
    expect(outcome.blockNumber).to.equal(target + 1n);
    expect(outcome.realisedProfit).to.equal(built.keptProfit);
    expect(m.attempts.map((a) => [a.state, a.block])).to.deep.equal([
      ["sent", target],
      ["sent", target + 1n],
    ]);
    // Both bundles carried the one signed transaction.
    expect(m.attempts.map((a) => a.txHash)).to.deep.equal([outcome.txHash, outcome.txHash]);
    expect(m.attempts[0].bundleHash).to.equal(m.attempts[1].bundleHash);
  });

  it("expired when the deadline passes with the bundle live but never looked at", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 1n;
    const { request } = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target,
      shareBps: 5_000,
    });
    const m = blockPerRound(blocks, 1, undefined, () => blocks.mineElsewhere());
    const outcome = await submitter.submit(request, m.onAttempt);
    await m.settle();
    expect(outcome).to.deep.include({ kind: "not-included", reason: "expired", lastTargetBlock: target });
    expect(outcome.kind === "not-included" && outcome.detail).to.match(/did not simulate/);
    expect(m.attempts.map((a) => a.state)).to.deep.equal(["sent"]);
  });

  it("simulate (eth_callBundle at the relay) passes a fresh plan and names the revert once the state moved", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 5n,
      shareBps: 5_000,
    });
    const fresh = await submitter.simulate(request);
    expect(fresh.ok, fresh.error).to.equal(true);
    await publicSwapLike(op);
    await blocks.mine();
    const moved = await submitter.simulate({ ...request, targetBlock: head + 2n });
    expect(moved.ok).to.equal(false);
    expect(moved.error).to.match(/InsufficientProfit|UniswapV2: K|Error\(/);
  });

  it("does not send for a deadline already passed", async () => {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const { request } = await prepareRequest(w, op, {
      targetBlock: head,
      deadlineBlock: head,
      shareBps: 5_000,
      gasLimit: 600_000n,
    });
    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(request, m.onAttempt);
    expect(outcome).to.deep.include({ kind: "not-included", reason: "expired" });
    expect(m.attempts).to.deep.equal([]);
  });
});
