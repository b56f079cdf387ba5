import Database from "better-sqlite3";
import { expect } from "chai";
import { Interface, Wallet, type InterfaceAbi } from "ethers";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { httpChainRpc } from "../../bot/chain/chainRpc";
import { makeSubmitter } from "../../bot/execute/makeSubmitter";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { KeeperEvents, type KeeperEventMap } from "../../bot/events/keeperEvents";
import { Keeper, type KeeperSettings } from "../../bot/pipeline/keeper";
import { EthCallSimulator } from "../../bot/decide/simulator";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { StateSync } from "../../bot/state/stateSync";
import { startHardhatNode, type NodeProcess } from "../relay/devnet";
import { accountKey, devnetDescriptors, startExecWorld, wethBalance, type ExecWorld } from "../exec/world";
import { addressesOf, devnetKeeperSettings } from "./harness";

/**
 * Issue 6's acceptance test: the whole keeper, as it runs in production, against a chain it does
 * not control. A Hardhat node process carries the devnet and the executor; the devnet relay builds
 * its blocks (simulating on a second, forked node, so the keeper only ever sees sealed blocks);
 * the keeper reads the chain over HTTP, simulates with eth_call, and submits bundles to the relay
 * with the real FlashbotsSubmitter. A trader's big swap dislocates one pool; the keeper must find
 * the cycle, simulate it to the wei, get it included, and journal exactly the predicted profit.
 */

const OPERATOR = 1;
const TRADER = 9;
const MAX = 2n ** 256n - 1n;
const SHARE_BPS = 5_000;
const PUSH = 100n * 10n ** 18n;

type Outcome = KeeperEventMap["outcome"][0];
type Attempt = KeeperEventMap["attempt"][0];

const big = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("keeper end to end through the devnet relay (Flashbots bundles)", function () {
  this.timeout(120_000);
  let w: ExecWorld | undefined;
  let simNode: NodeProcess | undefined;
  let relay: DevnetRelay | undefined;
  let closeKeeperSide: (() => Promise<void>) | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-keeper-fb-"));

  after(async () => {
    await closeKeeperSide?.().catch(() => undefined);
    await relay?.close();
    await simNode?.stop();
    await w?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("dislocation -> detection -> exact simulation -> bundle -> inclusion -> journal row with realised == predicted", async () => {
    [w, simNode] = await Promise.all([startExecWorld(), startHardhatNode()]);
    const world = w;
    const pools: PoolDescriptor[] = await devnetDescriptors(world);

    // The dislocation: a trader dumps 100 WETH into uni's WETH/USDC pair (about 3 % of its depth),
    // mined by the node's automine before the relay takes mining over.
    const pushed = world.deployments.UniV2Pair_WETH_USDC.address;
    expect(pools.some((p) => p.address === pushed)).to.equal(true);
    const weth = world.contract("WETH9", TRADER);
    await (await weth.deposit({ value: PUSH })).wait();
    await (await weth.approve(world.deployments.UniV2Router02.address, MAX)).wait();
    const router = world.contract("UniV2Router02", TRADER);
    const trader = world.wallet(TRADER).address;
    const swap = await router.swapExactTokensForTokens(
      PUSH,
      0n,
      [world.weth, world.deployments.USDC.address],
      trader,
      2n ** 40n,
    );
    expect((await swap.wait())?.status).to.equal(1);

    relay = await startDevnetRelay({ rpcUrl: world.url, simRpcUrl: simNode.url, port: 0, intervalMs: 0 });
    const coinbase = ((await world.provider.send("eth_coinbase", [])) as string).toLowerCase();

    // The keeper as runKeeper wires it: chain over HTTP, eth_call simulation, makeSubmitter.
    const { rpc, provider } = httpChainRpc(world.url, 31337n);
    const abi = world.deployments.ArbExecutor.abi as InterfaceAbi;
    const submitter = await makeSubmitter(
      {
        kind: "flashbots",
        relays: [relay.url],
        builderPayment: { kind: "coinbase-share", bps: SHARE_BPS },
        blocksAhead: 1,
      },
      {
        provider,
        chainId: 31337n,
        operator: new Wallet(accountKey(OPERATOR), provider),
        reputationSigner: new Wallet(Wallet.createRandom().privateKey),
        errors: new Interface(abi),
      },
    );
    expect(submitter.kind).to.equal("flashbots");
    const journalFile = path.join(dir, "journal.sqlite");
    const journal = SqliteJournal.open(journalFile);
    const events = new KeeperEvents();
    const d = world.deployments;
    // The devnet keeper of test/keeper/harness.ts, submitting bundles.
    const settings: KeeperSettings = devnetKeeperSettings(addressesOf(d), world.wallet(OPERATOR).address, {
      builderPayment: { kind: "coinbase-share", bps: SHARE_BPS },
      submissionKind: "flashbots",
      blocksAhead: 1,
      // One operator key: one bundle per block (several would share the nonce).
      maxSubmissionsPerBlock: 1,
      // No priority fee: the coinbase's whole gain in our block is the executor's payment.
      priorityFeeWei: 0n,
    });
    const keeper = new Keeper(settings, {
      rpc,
      sync: new StateSync(rpc),
      simulator: new EthCallSimulator(rpc, new Interface(abi)),
      submitter,
      journal,
      killSwitch: () => ({ engaged: false }),
      events,
    });
    let journalOpen = true;
    closeKeeperSide = async () => {
      await keeper.stop();
      if (journalOpen) await journal.close();
      journalOpen = false;
      provider.destroy();
    };

    const decisions: KeeperEventMap["decision"][0][] = [];
    const outcomes: Outcome[] = [];
    const attempts: Attempt[] = [];
    const faults: string[] = [];
    const pending = new Set<string>();
    const lastAttempt = new Map<string, bigint>();
    events.on("decision", (x) => decisions.push(x));
    events.on("handedOff", (h) => pending.add(h.key));
    events.on("attempt", (a) => {
      attempts.push(a);
      lastAttempt.set(a.idempotencyKey, a.block ?? a.targetBlock);
    });
    events.on("outcome", (o) => {
      outcomes.push(o);
      pending.delete(o.key);
    });
    events.on("fault", (f) => faults.push(f.message));
    /** Every submission still in flight has sent its bundle for block n (or is settled). */
    const allSentFor = (n: bigint) => [...pending].every((k) => (lastAttempt.get(k) ?? -1n) >= n);

    await keeper.start(pools);
    const head = async () => {
      const b = await world.provider.getBlock("latest");
      return { number: b!.number, hash: b!.hash!, parentHash: b!.parentHash };
    };

    // Heads as a head stream would deliver them: each block the relay seals goes to the keeper.
    for (let round = 0; round < 5; round++) {
      const h = await head();
      await keeper.onHead(h);
      const next = BigInt(h.number + 1);
      await until(`bundles for block ${next}`, () => allSentFor(next));
      const built = await relay.mineNow();
      expect(built.blockNumber).to.equal(next);
      // The submitters see the block, find their receipt (or not), and settle.
      await until(`outcomes after block ${next}`, () => allSentFor(next + 1n));
      if (outcomes.some((o) => o.outcome.kind === "included") && pending.size === 0) break;
    }
    await closeKeeperSide();
    closeKeeperSide = undefined;
    expect(faults, faults.join("; ")).to.deep.equal([]);

    // Detection: the pushed pool is in an accepted cycle.
    const accepted = decisions.filter((x) => x.accepted);
    expect(accepted.length, big(decisions.map((x) => [x.code, x.message]))).to.be.greaterThan(0);
    expect(accepted.some((x) => x.path.includes(pushed))).to.equal(true);
    const landed = outcomes.filter((o) => o.outcome.kind === "included");
    expect(landed.length, big(outcomes)).to.be.greaterThan(0);

    const db = new Database(journalFile, { readonly: true });
    try {
      for (const o of landed) {
        if (o.outcome.kind !== "included") continue;
        const key = o.key;
        // Simulation: exact, and what the submitter was told to expect.
        const sims = db
          .prepare("SELECT ok, predicted_profit, simulated_profit FROM simulations WHERE idempotency_key = ?")
          .all(key) as { ok: number; predicted_profit: string; simulated_profit: string }[];
        expect(sims).to.have.length(1);
        expect(sims[0].ok).to.equal(1);
        expect(sims[0].simulated_profit).to.equal(sims[0].predicted_profit);
        const predicted = BigInt(sims[0].predicted_profit);
        expect(predicted > 0n).to.equal(true);
        expect(o.predictedProfit).to.equal(predicted);

        // Bundle: sent to the relay for the block it landed in, with the bundle hash recorded.
        const subs = db
          .prepare(
            "SELECT target_block, relay, state, bundle_hash FROM submissions WHERE idempotency_key = ?",
          )
          .all(key) as { target_block: number; relay: string; state: string; bundle_hash: string | null }[];
        expect(subs.length).to.be.greaterThan(0);
        for (const s of subs) {
          expect(s).to.include({ relay: relay.url, state: "sent" });
          expect(s.bundle_hash).to.match(/^0x[0-9a-f]{64}$/);
        }
        const mined = Number(o.outcome.blockNumber);
        expect(subs.map((s) => s.target_block)).to.include(mined);

        // Outcome row: included, realised profit equal to the prediction to the wei.
        const rows = db
          .prepare(
            "SELECT status, block_number, realised_profit, profit_token FROM outcomes WHERE idempotency_key = ?",
          )
          .all(key) as {
          status: string;
          block_number: number;
          realised_profit: string;
          profit_token: string;
        }[];
        expect(rows).to.have.length(1);
        expect(rows[0]).to.include({ status: "included", block_number: mined, profit_token: world.weth });
        expect(BigInt(rows[0].realised_profit)).to.equal(predicted);

        // The chain, read independently of the submitter's own measurement.
        const block = await world.provider.getBlock(mined);
        expect(block!.transactions).to.deep.equal([o.outcome.txHash]);
        expect(block!.miner.toLowerCase()).to.equal(coinbase);
        const wethGain =
          (await wethBalance(world, world.executor, mined)) -
          (await wethBalance(world, world.executor, mined - 1));
        expect(wethGain).to.equal(predicted);
        const coinbaseGain =
          (await world.provider.getBalance(coinbase, mined)) -
          (await world.provider.getBalance(coinbase, mined - 1));
        expect(o.outcome.builderPayment > 0n).to.equal(true);
        expect(coinbaseGain).to.equal(o.outcome.builderPayment);
        // Coinbase share 50 %: the builder got half of the gross profit, rounded down as the executor does.
        const gross = predicted + o.outcome.builderPayment;
        expect(o.outcome.builderPayment).to.equal((gross * BigInt(SHARE_BPS)) / 10_000n);
      }
    } finally {
      db.close();
    }
  });
});
