import { expect } from "chai";
import { Wallet } from "ethers";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FlashbotsSubmitter } from "../../bot/execute/flashbotsSubmitter";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import type { SubmissionAttempt, SubmissionOutcome, SubmissionRequest } from "../../bot/execute/submitter";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { freePort } from "../relay/devnet";
import { RelayBlocks, blockPerRound } from "./mining";
import { startRelayFront, type RelayFront } from "./relayFront";
import {
  accountKey,
  bestOpportunity,
  devnetDescriptors,
  prepareRequest,
  startExecWorld,
  wethBalance,
  type ExecWorld,
  type PreparedRequest,
} from "./world";

interface Row {
  target_block: number;
  relay: string;
  state: string;
  bundle_hash: string | null;
  error: string | null;
}

describe("FlashbotsSubmitter: relay outages and retries", function () {
  this.timeout(240_000);
  let w: ExecWorld;
  let relay: DevnetRelay;
  let blocks: RelayBlocks;
  let pools: PoolDescriptor[];
  let dir: string;
  let journal: SqliteJournal;
  const fronts: RelayFront[] = [];

  before(async () => {
    w = await startExecWorld();
    pools = await devnetDescriptors(w);
    relay = await startDevnetRelay({ rpcUrl: w.url, intervalMs: 0 });
    blocks = new RelayBlocks(relay);
    await blocks.sync();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-submit-"));
    journal = SqliteJournal.open(path.join(dir, "journal.sqlite"));
  });

  afterEach(async () => {
    for (const f of fronts.splice(0)) await f.close();
  });

  after(async () => {
    journal?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await relay?.close();
    await w?.close();
  });

  const submitterFor = (relays: string[], relayTimeoutMs?: number) =>
    FlashbotsSubmitter.create({
      provider: w.provider,
      operator: new Wallet(accountKey(1), w.provider),
      reputationSigner: new Wallet(Wallet.createRandom().privateKey),
      relays,
      chainId: 31337n,
      relayTimeoutMs,
      waitForBlock: blocks.waitForBlock,
    });

  /** A real opportunity, recorded, accepted and claimed in the journal as the keeper does. */
  async function journaled(blocksAhead: bigint): Promise<PreparedRequest & { request: SubmissionRequest }> {
    const head = BigInt(await w.provider.getBlockNumber());
    const op = await bestOpportunity(w, pools);
    const target = head + 1n;
    const prepared = await prepareRequest(w, op, {
      targetBlock: target,
      deadlineBlock: target + blocksAhead - 1n,
      shareBps: 5_000,
    });
    const key = await journal.recordOpportunity({
      chainId: 31337,
      targetBlock: target,
      path: op.path,
      amountIn: op.amountIn,
      amountOut: op.amountOut,
      profit: op.profit,
      profitToken: op.profitToken,
      gasEstimate: op.gas,
      funding: prepared.built.funding.kind,
    });
    await journal.recordDecision(key, { accepted: true, message: "test" });
    expect(await journal.claimSubmission(key, target)).to.equal(true);
    return { ...prepared, request: { ...prepared.request, idempotencyKey: key } };
  }

  /** The keeper's onAttempt: one journal row per attempt, written before the submitter goes on. */
  const journalAttempt = async (a: SubmissionAttempt) => {
    await journal.recordSubmission({
      idempotencyKey: a.idempotencyKey,
      targetBlock: a.targetBlock,
      relay: a.relay,
      state: a.state,
      bundleHash: a.bundleHash,
      error: a.error,
    });
  };

  const rows = (key: string): Row[] =>
    journal.db
      .prepare(
        "SELECT target_block, relay, state, bundle_hash, error FROM submissions WHERE idempotency_key = ? ORDER BY id",
      )
      .all(key) as Row[];

  /** The transaction is in exactly one block, and the executor gained the predicted profit exactly once. */
  async function landedOnce(outcome: SubmissionOutcome, p: PreparedRequest, from: bigint): Promise<void> {
    if (outcome.kind !== "included")
      throw new Error(`expected included, got ${outcome.kind}: ${"detail" in outcome ? outcome.detail : ""}`);
    expect(outcome.realisedProfit).to.equal(p.built.keptProfit);
    expect(outcome.builderPayment).to.equal(p.built.builderPayment);
    const head = await w.provider.getBlockNumber();
    let found = 0;
    for (let n = Number(from); n <= head; n++) {
      const b = await w.provider.getBlock(n);
      found += b!.transactions.filter((t) => t === outcome.txHash).length;
    }
    expect(found).to.equal(1);
    const gained =
      (await wethBalance(w, w.executor, head)) - (await wethBalance(w, w.executor, Number(from) - 1));
    expect(gained).to.equal(p.built.keptProfit);
  }

  it("relay down (connection refused): journals the failed attempt, retries for the next block, lands once", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const submitter = await submitterFor([url]);
    const p = await journaled(3n);
    const target = p.request.targetBlock;
    const m = blockPerRound(blocks, 1, async () => {
      // Written before the submitter acted on it: the row is there when the block is made.
      expect(rows(p.request.idempotencyKey)).to.have.length(m.attempts.length);
      // The relay comes back after its first outage.
      if (fronts.length === 0) fronts.push(await startRelayFront(relay.url, { port }));
    });
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    await landedOnce(outcome, p, target);
    expect(outcome.kind === "included" && outcome.blockNumber).to.equal(target + 1n);
    expect(m.attempts.map((a) => [a.state, a.block])).to.deep.equal([
      ["error", target],
      ["sent", target + 1n],
    ]);
    const r = rows(p.request.idempotencyKey);
    expect(r.map((x) => [x.state, x.relay, BigInt(x.target_block)])).to.deep.equal([
      ["error", url, target],
      ["sent", url, target],
    ]);
    expect(r[0].error).to.match(/ECONNREFUSED|connect/i);
    expect(r[1].bundle_hash).to.equal(m.attempts[1].bundleHash);
  });

  it("relay answering HTTP 503 twice: retries block after block and lands once on the third", async () => {
    const front = await startRelayFront(relay.url, { fail5xx: 2 });
    fronts.push(front);
    const submitter = await submitterFor([front.url]);
    const p = await journaled(4n);
    const target = p.request.targetBlock;
    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    await landedOnce(outcome, p, target);
    expect(outcome.kind === "included" && outcome.blockNumber).to.equal(target + 2n);
    expect(front.sends()).to.equal(3);
    const r = rows(p.request.idempotencyKey);
    expect(r.map((x) => x.state)).to.deep.equal(["error", "error", "sent"]);
    expect(r[0].error).to.match(/503/);
    expect(m.attempts.map((a) => a.block)).to.deep.equal([target, target + 1n, target + 2n]);
    // Every attempt carried the same signed transaction.
    expect(new Set(m.attempts.map((a) => a.txHash))).to.deep.equal(
      new Set([outcome.kind === "included" && outcome.txHash]),
    );
  });

  it("a send that timed out after the relay took it: lands in that block, is not sent again", async () => {
    const front = await startRelayFront(relay.url, { hold: 1, holdMs: 3_000 });
    fronts.push(front);
    const submitter = await submitterFor([front.url], 1_000);
    const p = await journaled(3n);
    const target = p.request.targetBlock;
    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    await landedOnce(outcome, p, target);
    expect(outcome.kind === "included" && outcome.blockNumber).to.equal(target);
    expect(m.attempts.map((a) => a.state)).to.deep.equal(["error"]);
    expect(m.attempts[0].error).to.match(/timeout/i);
    expect(front.sends()).to.equal(1);
  });

  it("two relays, one down: the other's bundle lands in the target block, both attempts journaled", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const submitter = await submitterFor([down, relay.url]);
    const p = await journaled(2n);
    const target = p.request.targetBlock;
    const m = blockPerRound(blocks, 2);
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    await landedOnce(outcome, p, target);
    expect(outcome.kind === "included" && outcome.blockNumber).to.equal(target);
    expect(rows(p.request.idempotencyKey).map((x) => [x.relay, x.state])).to.deep.equal([
      [down, "error"],
      [relay.url, "sent"],
    ]);
  });

  it("a relay that refuses the bundle: failed/rejected with the relay's error, nothing sent again", async () => {
    const front = await startRelayFront(relay.url, { reject: 5 });
    fronts.push(front);
    const submitter = await submitterFor([front.url]);
    const p = await journaled(3n);
    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    expect(outcome).to.deep.include({ kind: "failed", reason: "rejected" });
    expect(outcome.kind === "failed" && outcome.detail).to.match(/bundle refused by the relay/);
    expect(front.sends()).to.equal(1);
    expect(rows(p.request.idempotencyKey).map((x) => x.state)).to.deep.equal(["rejected"]);
  });

  it("relay down until the deadline: failed with the relay errors, one journaled attempt per block", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const submitter = await submitterFor([down]);
    const p = await journaled(2n);
    const m = blockPerRound(blocks, 1);
    const outcome = await submitter.submit(p.request, (a) => {
      journalAttempt(a);
      m.onAttempt(a);
    });
    await m.settle();
    expect(outcome).to.deep.include({ kind: "failed", reason: "error" });
    expect(m.attempts.map((a) => a.block)).to.deep.equal([p.request.targetBlock, p.request.targetBlock + 1n]);
    expect(rows(p.request.idempotencyKey).map((x) => x.state)).to.deep.equal(["error", "error"]);
  });
});
