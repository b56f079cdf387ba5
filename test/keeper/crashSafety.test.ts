import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { JsonRpcProvider } from "ethers";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { devnetDescriptors, startExecWorld, type ExecWorld } from "../exec/world";
import { devnetPools, randomMarketStep } from "../helpers/devnetMarket";
import { remoteHre } from "../helpers/remoteHre";
import { hardhatWallet } from "./harness";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(__dirname, "fixtures", "crashKeeper.ts");

type Line = { ev: string; [k: string]: unknown };

/** The keeper fixture as a child process, its stdout parsed line by line. */
function startKeeper(url: string, journalFile: string, worldFile: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", SCRIPT, url, journalFile, worldFile],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const lines: Line[] = [];
  const waiters: { pred: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: child.stdout! }).on("line", (raw) => {
    const l = JSON.parse(raw) as Line;
    lines.push(l);
    for (const w of [...waiters]) if (w.pred(l)) w.resolve(l);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pred: (l: Line) => boolean, what: string, ms = 60_000) =>
    new Promise<Line>((resolve, reject) => {
      const seen = lines.find(pred);
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`keeper: no ${what}; stderr: ${stderr.slice(-1500)}`)),
        ms,
      );
      void exited.then(() => reject(new Error(`keeper exited before ${what}: ${stderr.slice(-1500)}`)));
      waiters.push({
        pred,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  return { child, lines, exited, waitFor };
}

/**
 * Issue 5, acceptance 4: crash safety at keeper level. A keeper process on a separate devnet node
 * (HTTP, journal file, direct submission) is SIGKILLed right after it hands an opportunity to the
 * submitter, then restarted on the same journal while the market keeps moving. The journal stays
 * consistent and nothing is submitted twice.
 */
describe("keeper crash safety (SIGKILL mid-run, restart on the same journal)", function () {
  this.timeout(300_000);
  let w: ExecWorld;
  let dir: string;
  let provider: JsonRpcProvider;
  const children: ChildProcess[] = [];

  before(async () => {
    w = await startExecWorld();
    provider = new JsonRpcProvider(w.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-crash-"));
  });
  after(async () => {
    for (const c of children)
      if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, "SIGKILL");
    provider?.destroy();
    await w?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every submission claimed, never claims or sends anything twice, and never re-submits a pending claim", async () => {
    const pools = await devnetDescriptors(w);
    const worldFile = path.join(dir, "world.json");
    const journalFile = path.join(dir, "journal.sqlite");
    const addresses = Object.fromEntries(Object.entries(w.deployments).map(([k, v]) => [k, v.address]));
    fs.writeFileSync(
      worldFile,
      JSON.stringify({ addresses, executorAbi: w.deployments.ArbExecutor.abi, pools }),
    );
    const { actors } = await devnetPools(remoteHre(w.deployments, provider));
    const operator = hardhatWallet(1).address;

    // Run 1: the devnet's own dislocations are found on the first block; kill right after the
    // first hand-off, while its submission is in flight.
    const first = startKeeper(w.url, journalFile, worldFile);
    children.push(first.child);
    await first.waitFor((l) => l.ev === "started", "start");
    const handed = await first.waitFor((l) => l.ev === "handedOff", "hand-off");
    process.kill(first.child.pid!, "SIGKILL");
    expect((await first.exited).signal).to.equal("SIGKILL");

    const j1 = SqliteJournal.open(journalFile);
    const claimsBefore = j1.db
      .prepare("SELECT idempotency_key AS key, target_block AS target FROM submission_claims")
      .all() as { key: string; target: number }[];
    const outcomesBefore = new Set(
      (j1.db.prepare("SELECT idempotency_key AS key FROM outcomes").all() as { key: string }[]).map(
        (r) => r.key,
      ),
    );
    await j1.close();
    expect(claimsBefore.map((c) => c.key)).to.include(handed.key);
    const pendingBefore = claimsBefore.filter((c) => !outcomesBefore.has(c.key));
    const restartedAt = Date.now();

    // Run 2 on the same journal, while the market moves and makes new dislocations.
    const second = startKeeper(w.url, journalFile, worldFile);
    children.push(second.child);
    await second.waitFor((l) => l.ev === "started", "restart");
    let seed = 99;
    for (let i = 0; i < 12; i++) seed = await randomMarketStep(actors, seed);
    const tip = await provider.getBlockNumber();
    await second.waitFor((l) => l.ev === "block" && Number(l.number) >= tip, `block ${tip}`);
    await second
      .waitFor((l) => l.ev === "decision" && Number(l.block) >= tip, `decision on ${tip}`)
      .catch(() => undefined);
    process.kill(second.child.pid!, "SIGTERM");
    expect((await second.exited).code, "clean stop").to.equal(0);

    const j = SqliteJournal.open(journalFile);
    const db = j.db;
    try {
      // Every submission row has its claim.
      const orphans = db
        .prepare(
          `SELECT s.idempotency_key FROM submissions s LEFT JOIN submission_claims c
             ON c.idempotency_key = s.idempotency_key AND c.target_block = s.target_block
           WHERE c.idempotency_key IS NULL`,
        )
        .all();
      expect(orphans).to.deep.equal([]);
      // One claim per key and target block, one send per claim (a single direct endpoint).
      expect(
        db
          .prepare(
            "SELECT idempotency_key, target_block, count(*) AS n FROM submission_claims GROUP BY 1, 2 HAVING n > 1",
          )
          .all(),
      ).to.deep.equal([]);
      expect(
        db
          .prepare(
            "SELECT idempotency_key, target_block, count(*) AS n FROM submissions GROUP BY 1, 2 HAVING n > 1",
          )
          .all(),
      ).to.deep.equal([]);
      // At most one outcome per key; an included opportunity is never claimed or sent again.
      expect(
        db.prepare("SELECT idempotency_key, count(*) AS n FROM outcomes GROUP BY 1 HAVING n > 1").all(),
      ).to.deep.equal([]);
      // Claims from before the crash that had no outcome: resolved after the restart, or left
      // pending, but never sent again after the restart.
      for (const c of pendingBefore) {
        const resent = db
          .prepare("SELECT count(*) AS n FROM submissions WHERE idempotency_key = ? AND created_at >= ?")
          .get(c.key, restartedAt) as { n: number };
        expect(resent.n, `pending claim ${c.key} re-submitted`).to.equal(0);
      }
      const handedAgain = second.lines.filter(
        (l) => l.ev === "handedOff" && claimsBefore.some((c) => c.key === l.key),
      );
      expect(handedAgain).to.deep.equal([]);

      // The chain agrees: every recorded transaction is the operator's and exists, none twice,
      // and the operator sent nothing the journal has no claim for.
      const rows = db
        .prepare("SELECT idempotency_key AS key, bundle_hash AS hash, state FROM submissions")
        .all() as { key: string; hash: string | null; state: string }[];
      // Rows the node refused (state rejected/error) never reached the chain; sent ones did.
      for (const r of rows.filter((x) => x.state !== "sent" && x.hash))
        expect(await provider.getTransaction(r.hash!), `refused ${r.hash}`).to.equal(null);
      const hashes = rows.filter((r) => r.state === "sent" && r.hash).map((r) => r.hash!);
      expect(hashes.length, "something was sent").to.be.greaterThan(0);
      expect(new Set(hashes).size).to.equal(hashes.length);
      for (const h of hashes) {
        const tx = await provider.getTransaction(h);
        expect(tx?.from.toLowerCase(), h).to.equal(operator.toLowerCase());
      }
      // "pending": a transaction sent just before the last block may still be waiting for the next.
      const sent = await provider.getTransactionCount(operator, "pending");
      const claimsWithoutRow = (
        db
          .prepare(
            `SELECT count(*) AS n FROM submission_claims c WHERE NOT EXISTS
               (SELECT 1 FROM submissions s WHERE s.idempotency_key = c.idempotency_key AND s.target_block = c.target_block)`,
          )
          .get() as { n: number }
      ).n;
      expect(sent, "operator transactions vs journaled sends").to.be.at.least(hashes.length);
      expect(sent - hashes.length, "sends without a journal row").to.be.at.most(claimsWithoutRow);
      // The restarted keeper did work (it is not trivially consistent by doing nothing).
      const blocks2 = second.lines.filter((l) => l.ev === "block").length;
      expect(blocks2).to.be.greaterThan(5);
      const total = (db.prepare("SELECT count(*) AS n FROM submission_claims").get() as { n: number }).n;
      expect(total).to.be.at.least(claimsBefore.length);
    } finally {
      await j.close();
    }
  });
});
