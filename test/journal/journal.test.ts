import { expect } from "chai";
import { expectRejection } from "../helpers/rejects";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { SqliteJournal, DEFAULT_JOURNAL_FILE } from "../../bot/journal/sqlite/sqliteJournal";
import { idempotencyKey } from "../../bot/journal/idempotencyKey";
import { migrate, schemaVersion } from "../../bot/journal/sqlite/migrate";
import { MIGRATIONS } from "../../bot/journal/sqlite/migrations";
import { JournalError } from "../../bot/journal/journalError";
import type { OpportunityRecord } from "../../bot/journal/types";
import { DEFAULT_BREAKER, ONE_USD } from "../../bot/decide/risk/limits";

const WETH = "0x" + "ee".repeat(20);
const USDC = "0x" + "cc".repeat(20);
const POOL_A = "0x" + "0a".repeat(20);
const POOL_B = "0x" + "0b".repeat(20);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 24, 12);

function opportunity(targetBlock: bigint, amountIn = 10n ** 18n): OpportunityRecord {
  return {
    chainId: 1,
    targetBlock,
    path: [
      {
        pool: POOL_A,
        tokenIn: WETH,
        tokenOut: USDC,
        amountIn,
        amountOut: 3_000_000_000n,
        venue: "Uniswap V2",
      },
      {
        pool: POOL_B,
        tokenIn: USDC,
        tokenOut: WETH,
        amountIn: 3_000_000_000n,
        amountOut: amountIn + 1n,
        venue: "Uniswap V3",
      },
    ],
    amountIn,
    amountOut: amountIn + 10n ** 15n,
    profit: 10n ** 15n,
    profitToken: WETH,
    gasEstimate: 150_000n,
    funding: "aave",
  };
}

describe("journal", () => {
  let dir: string;
  let file: string;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-journal-"));
    file = path.join(dir, "nested", "folder", "journal.sqlite");
    clock = T0;
  });
  afterEach(async () => fs.rmSync(dir, { recursive: true, force: true }));

  describe("opening and migrations", () => {
    it("creates the folder, uses WAL mode and applies every migration", async () => {
      expect(DEFAULT_JOURNAL_FILE).to.equal("./data/omni-arb.sqlite");
      const journal = SqliteJournal.open(file);
      expect(fs.existsSync(file)).to.equal(true);
      expect(journal.db.pragma("journal_mode", { simple: true })).to.equal("wal");
      expect(schemaVersion(journal.db)).to.equal(MIGRATIONS[MIGRATIONS.length - 1].version);
      await journal.close();
    });

    it("migrations are idempotent: reopening or re-running applies nothing", async () => {
      SqliteJournal.open(file).close();
      const db = new Database(file);
      expect(migrate(db)).to.deep.equal([]);
      expect(migrate(db)).to.deep.equal([]);
      const rows = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
      expect(rows).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version })));
      db.close();
      SqliteJournal.open(file).close();
    });

    it("applies only the pending migrations of an older journal", async () => {
      const db = new Database(file.replace("nested/folder/", ""));
      expect(migrate(db, MIGRATIONS.slice(0, 1))).to.deep.equal([1]);
      expect(migrate(db)).to.deep.equal([2]);
      db.close();
    });

    it("refuses a journal written by a newer keeper", async () => {
      SqliteJournal.open(file).close();
      const db = new Database(file);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
      db.close();
      expect(() => SqliteJournal.open(file)).to.throw(JournalError, "journal schema version 99 is newer");
    });
  });

  describe("idempotency", () => {
    it("the key depends on chain, path and target block, not on amounts", async () => {
      const a = opportunity(100n);
      expect(idempotencyKey(1, a.path, 100n)).to.equal(idempotencyKey(1, opportunity(100n, 5n).path, 100n));
      expect(idempotencyKey(1, a.path, 100n)).to.not.equal(idempotencyKey(1, a.path, 101n));
      expect(idempotencyKey(1, a.path, 100n)).to.not.equal(idempotencyKey(10, a.path, 100n));
      expect(idempotencyKey(1, a.path, 100n)).to.not.equal(idempotencyKey(1, [...a.path].reverse(), 100n));
    });

    it("claimSubmission succeeds once, also across a restart", async () => {
      let journal = SqliteJournal.open(file, { now });
      const key = await journal.recordOpportunity(opportunity(100n));
      await journal.recordDecision(key, { accepted: true, message: "ok" });
      expect(await journal.claimSubmission(key, 100n)).to.equal(true);
      expect(await journal.claimSubmission(key, 100n)).to.equal(false);
      await journal.close();
      journal = SqliteJournal.open(file, { now });
      expect(await journal.claimSubmission(key, 100n)).to.equal(false);
      // the same cycle found again for the same block, with other amounts, is the same opportunity
      expect(await journal.recordOpportunity(opportunity(100n, 7n))).to.equal(key);
      expect(await journal.claimSubmission(key, 100n)).to.equal(false);
      await journal.close();
    });

    it("refuses to claim an opportunity that has no accepted decision (write before act)", async () => {
      const journal = SqliteJournal.open(file, { now });
      const key = await journal.recordOpportunity(opportunity(100n));
      await expectRejection(journal.claimSubmission(key, 100n), JournalError, "without an accepted decision");
      await journal.recordDecision(key, {
        accepted: false,
        code: "GAS_PRICE_TOO_HIGH",
        message: "gas price too high",
      });
      await expectRejection(journal.claimSubmission(key, 100n), JournalError, "without an accepted decision");
      await journal.close();
    });

    it("refuses a submission or outcome for an unclaimed opportunity", async () => {
      const journal = SqliteJournal.open(file, { now });
      const key = await journal.recordOpportunity(opportunity(100n));
      await expectRejection(
        journal.recordSubmission({ idempotencyKey: key, targetBlock: 100n, relay: "r", state: "sending" }),
        JournalError,
        "unclaimed submission",
      );
      await expectRejection(
        journal.recordOutcome({
          idempotencyKey: key,
          targetBlock: 100n,
          status: "included",
          realisedProfit: 1n,
          profitToken: WETH,
        }),
        JournalError,
      );
      await journal.close();
    });
  });

  describe("status and report", () => {
    async function settle(
      journal: SqliteJournal,
      block: bigint,
      status: "included" | "not-included" | "failed",
      usd: bigint,
    ) {
      const key = await journal.recordOpportunity(opportunity(block));
      await journal.recordDecision(key, { accepted: true, message: "ok" });
      await journal.claimSubmission(key, block);
      const id = await journal.recordSubmission({
        idempotencyKey: key,
        targetBlock: block,
        relay: "r",
        state: "sending",
      });
      await journal.updateSubmission(id, "sent", { bundleHash: "0x" + "12".repeat(32) });
      await journal.recordOutcome({
        idempotencyKey: key,
        targetBlock: block,
        status,
        realisedProfit: status === "included" ? 10n ** 15n : status === "failed" ? -(10n ** 14n) : 0n,
        profitToken: WETH,
        realisedProfitUsd: usd,
      });
    }

    it("status reports last block, exact cumulative profit, success rate, breaker and quarantines", async () => {
      const journal = SqliteJournal.open(file, { now });
      await journal.recordBlock({ chainId: 1, number: 100n, hash: "0x01" });
      await journal.recordBlock({ chainId: 1, number: 101n, hash: "0x02", parentHash: "0x01" });
      const huge = 2n ** 200n + 1n; // beyond any float: must come back exact
      await settle(journal, 100n, "included", huge);
      await settle(journal, 101n, "not-included", 0n);
      await settle(journal, 102n, "failed", -3n * ONE_USD);
      await journal.quarantine("token", "0x" + "DD".repeat(20), "fee on transfer");
      await journal.quarantine("pool", POOL_A, "reverted twice", T0 + 1000);
      const status = await journal.status({ breaker: DEFAULT_BREAKER });
      expect(status.lastBlock?.number).to.equal(101n);
      expect(status.realisedProfitUsd).to.equal(huge - 3n * ONE_USD);
      expect(status.realisedProfit.get(WETH)).to.equal(10n ** 15n - 10n ** 14n);
      expect(status.outcomes).to.deep.equal({ included: 1, notIncluded: 1, failed: 1 });
      expect(status.successRate).to.deep.equal({ samples: 2, bps: 5000 });
      expect(status.breaker.open).to.equal(false);
      expect(status.quarantinedTokens).to.deep.equal(["0x" + "dd".repeat(20)]);
      expect(status.quarantinedPools).to.deep.equal([POOL_A]);
      expect(status.lossTodayUsd).to.equal(3n * ONE_USD);
      expect(status.pendingClaims).to.equal(0);
      clock = T0 + 2000; // the pool's quarantine has expired
      expect((await journal.status({ breaker: DEFAULT_BREAKER })).quarantinedPools).to.deep.equal([]);
      await journal.close();
    });

    it("the breaker state is rebuilt from stored outcomes after a restart", async () => {
      let journal = SqliteJournal.open(file, { now });
      for (let i = 0; i < DEFAULT_BREAKER.maxConsecutiveFailures; i++)
        await settle(journal, BigInt(200 + i), "failed", -1n);
      await journal.close();
      journal = SqliteJournal.open(file, { now });
      const status = await journal.status({ breaker: DEFAULT_BREAKER });
      expect(status.breaker.open).to.equal(true);
      expect(status.breaker.trip).to.equal("consecutive-failures");
      clock = T0 + DEFAULT_BREAKER.coolDownMs;
      expect((await journal.status({ breaker: DEFAULT_BREAKER })).breaker.open).to.equal(false);
      await journal.close();
    });

    it("report groups outcomes by day, venue and token, and rejections by reason", async () => {
      const journal = SqliteJournal.open(file, { now });
      await settle(journal, 100n, "included", 5n * ONE_USD);
      clock = T0 + DAY;
      await settle(journal, 101n, "failed", -2n * ONE_USD);
      await settle(journal, 102n, "included", 7n * ONE_USD);
      for (const [block, code] of [
        [300n, "GAS_PRICE_TOO_HIGH"],
        [301n, "GAS_PRICE_TOO_HIGH"],
        [302n, "NET_PROFIT_TOO_LOW"],
      ] as const) {
        const key = await journal.recordOpportunity(opportunity(block));
        await journal.recordDecision(key, { accepted: false, code, message: code });
      }
      const report = await journal.report();
      expect(report.byDay).to.deep.equal([
        { day: "2026-11-24", included: 1, notIncluded: 0, failed: 0, realisedProfitUsd: 5n * ONE_USD },
        { day: "2026-11-25", included: 1, notIncluded: 0, failed: 1, realisedProfitUsd: 5n * ONE_USD },
      ]);
      expect(report.byVenue.map((v) => [v.venue, v.included, v.failed])).to.deep.equal([
        ["Uniswap V2", 2, 1],
        ["Uniswap V3", 2, 1],
      ]);
      expect(report.byToken).to.have.length(1);
      expect(report.byToken[0].realisedProfit).to.equal(2n * 10n ** 15n - 10n ** 14n);
      expect(report.byReason).to.deep.equal([
        { code: "GAS_PRICE_TOO_HIGH", count: 2 },
        { code: "NET_PROFIT_TOO_LOW", count: 1 },
      ]);
      expect((await journal.report({ sinceMs: T0 + DAY })).byDay.map((d) => d.day)).to.deep.equal([
        "2026-11-25",
      ]);
      await journal.close();
    });
  });
});
