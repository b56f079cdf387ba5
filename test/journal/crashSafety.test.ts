import { expect } from "chai";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";

const WRITER = path.join(__dirname, "fixtures", "crashWriter.ts");

/** Runs the writer until it has reported `claims` committed claims, then kills it with SIGKILL. */
function runAndKill(file: string, claims: number): Promise<{ key: string; block: bigint }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", WRITER, file], {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: path.join(__dirname, "..", ".."),
    });
    const reported: { key: string; block: bigint }[] = [];
    let buffer = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const [, key, block] = line.split(" ");
        reported.push({ key, block: BigInt(block) });
      }
      // Kill mid-run, at an arbitrary point of the next iteration's writes.
      if (reported.length >= claims && !child.killed) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited without being killed: ${stderr}`));
      else resolve(reported);
    });
  });
}

describe("journal: crash safety", function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-crash-"))));
  afterEach(async () => fs.rmSync(dir, { recursive: true, force: true }));

  it("a writer killed with SIGKILL leaves a consistent journal that never re-claims", async () => {
    const file = path.join(dir, "journal.sqlite");
    const reported = await runAndKill(file, 40);
    expect(reported.length).to.be.at.least(40);

    const journal = SqliteJournal.open(file);
    const db = journal.db;
    expect(db.pragma("integrity_check", { simple: true })).to.equal("ok");
    expect(db.pragma("foreign_key_check")).to.deep.equal([]);

    // every claim the writer reported as committed is in the journal, and cannot be claimed again
    for (const { key, block } of reported) {
      const row = db
        .prepare("SELECT 1 FROM submission_claims WHERE idempotency_key = ? AND target_block = ?")
        .get(key, block);
      expect(row, key).to.not.equal(undefined);
      expect(await journal.claimSubmission(key, block)).to.equal(false);
    }
    // write before act: every claim has its opportunity and an accepted decision
    const orphanClaims = db
      .prepare(
        `SELECT count(*) AS n FROM submission_claims c WHERE NOT EXISTS (SELECT 1 FROM risk_decisions d
           WHERE d.idempotency_key = c.idempotency_key AND d.accepted = 1)`,
      )
      .get() as { n: number };
    expect(orphanClaims.n).to.equal(0);
    // no half rows: every stored amount is a whole decimal integer
    const opportunities = db
      .prepare("SELECT amount_in, amount_out, profit, path FROM opportunities")
      .all() as {
      amount_in: string;
      amount_out: string;
      profit: string;
      path: string;
    }[];
    expect(opportunities.length).to.be.at.least(reported.length);
    for (const o of opportunities) {
      expect(BigInt(o.amount_in)).to.equal(10n ** 18n);
      expect(BigInt(o.profit)).to.equal(10n ** 15n);
      expect((JSON.parse(o.path) as unknown[]).length).to.equal(2);
    }
    const submissions = db.prepare("SELECT state, bundle_hash FROM submissions").all() as {
      state: string;
      bundle_hash: string | null;
    }[];
    for (const s of submissions) {
      if (s.state === "sent") expect(s.bundle_hash).to.match(/^0x[0-9a-f]{64}$/);
      else expect(s.state).to.equal("sending");
    }
    // claims with no outcome are at most the one in flight when the writer died
    expect(
      (
        await journal.status({
          breaker: {
            maxConsecutiveFailures: 5,
            window: 20,
            minSuccessRateBps: 8000,
            minSamples: 10,
            coolDownMs: 1,
          },
        })
      ).pendingClaims,
    ).to.be.at.most(1);
    await journal.close();
  });
});
