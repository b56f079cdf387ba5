import { expect } from "chai";
import { Wallet } from "ethers";
import { makeSubmitter } from "../../bot/execute/makeSubmitter";
import type { SubmissionAttempt } from "../../bot/execute/submitter";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import {
  accountKey,
  bestOpportunity,
  devnetDescriptors,
  prepareRequest,
  startExecWorld,
  wethBalance,
  type ExecWorld,
} from "./world";

describe("Flashbots submission as configured, on a relay building blocks on its own clock", function () {
  this.timeout(240_000);
  let w: ExecWorld;
  let relay: DevnetRelay;

  before(async () => {
    w = await startExecWorld();
    relay = await startDevnetRelay({ rpcUrl: w.url, intervalMs: 700 });
  });

  after(async () => {
    await relay?.close();
    await w?.close();
  });

  it("lands a real arbitrage following the node's head by polling (the default), to the wei", async () => {
    const submitter = await makeSubmitter(
      {
        kind: "flashbots",
        relays: [relay.url],
        builderPayment: { kind: "coinbase-share", bps: 2_500 },
        blocksAhead: 5,
      },
      {
        provider: w.provider,
        chainId: 31337n,
        operator: new Wallet(accountKey(1), w.provider),
        reputationSigner: new Wallet(Wallet.createRandom().privateKey),
      },
    );
    const pools = await devnetDescriptors(w);
    const op = await bestOpportunity(w, pools);
    const head = BigInt(await w.provider.getBlockNumber());
    // Blocks keep coming while this is prepared: a window of five gives the send time to catch one.
    const { request, built } = await prepareRequest(w, op, {
      targetBlock: head + 1n,
      deadlineBlock: head + 5n,
      shareBps: 2_500,
    });
    const attempts: SubmissionAttempt[] = [];
    const outcome = await submitter.submit(request, (a) => void attempts.push(a));
    if (outcome.kind !== "included") throw new Error(`expected included, got ${outcome.kind}`);
    expect(outcome.realisedProfit).to.equal(built.keptProfit);
    expect(outcome.builderPayment).to.equal(built.builderPayment);
    const n = Number(outcome.blockNumber);
    expect((await wethBalance(w, w.executor, n)) - (await wethBalance(w, w.executor, n - 1))).to.equal(
      built.keptProfit,
    );
    expect(attempts.length).to.be.at.least(1);
    expect(attempts.every((a) => a.txHash === outcome.txHash)).to.equal(true);
    expect(attempts[attempts.length - 1].block).to.equal(outcome.blockNumber);
  });
});
