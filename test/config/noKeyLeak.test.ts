import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet, encryptKeystoreJsonSync } from "ethers";
import { parseConfig } from "../../bot/config/loadConfig";
import { forgetSecrets } from "../../bot/config/redact";
import { loadSecrets } from "../../bot/config/secrets";
import { OmniArbError } from "../../bot/core/errors";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { evaluateRisk } from "../../bot/decide/risk/riskGate";
import { createLogger } from "../../bot/observe/logger";
import { candidate, context } from "../risk/fixture";

/** Every message and detail of an error and its causes, as text. */
function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && e !== null; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? `${e.message} ${e.stack ?? ""}` : String(e));
    if (e instanceof OmniArbError) parts.push(JSON.stringify(e.details));
    if (!(e instanceof Error)) break;
  }
  return parts.join("\n");
}

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error");
}

describe("secrets: a whole run never writes the operator key", () => {
  let dir: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-leak-"));
    forgetSecrets();
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    forgetSecrets();
  });

  it("greps every log line, error message and journal row (and the database files) for the key", async () => {
    const operator = Wallet.createRandom();
    const key = operator.privateKey;
    const needles = [key.slice(2).toLowerCase(), key.slice(2).toUpperCase()];
    const lines: string[] = [];
    const errors: unknown[] = [];
    const logger = createLogger({ level: "debug", destination: { write: (l: string) => lines.push(l) } });

    // keys loaded from the environment, and from a keystore
    const keystore = path.join(dir, "ks.json");
    fs.writeFileSync(
      keystore,
      encryptKeystoreJsonSync({ address: operator.address, privateKey: key }, "pw-123456", {
        scrypt: { N: 16, r: 8, p: 1 },
      }),
    );
    const secrets = await loadSecrets({
      OMNI_ARB_OPERATOR_KEY: key,
      OMNI_ARB_SIGNER_KEY: Wallet.createRandom().privateKey,
    });
    await loadSecrets({ OMNI_ARB_KEYSTORE: keystore, OMNI_ARB_KEYSTORE_PASSWORD: "pw-123456" });
    logger.info({ operator: secrets.operator.address }, "keys loaded");

    // errors that involve the key: a key pasted into a config, a corrupted key, a wrong password
    const base = {
      name: "e",
      chainId: 1,
      rpc: { http: "http://x" },
      submission: { kind: "direct", builderPayment: { kind: "priority-fee" } },
    };
    errors.push(await caught(() => parseConfig({ ...base, signer: { privateKey: key } }, "c.json")));
    errors.push(await caught(() => parseConfig({ ...base, executor: key }, "c.json")));
    errors.push(await caught(() => loadSecrets({ OMNI_ARB_OPERATOR_KEY: key.slice(0, -1) + "g" })));
    errors.push(
      await caught(() =>
        loadSecrets({ OMNI_ARB_KEYSTORE: keystore, OMNI_ARB_KEYSTORE_PASSWORD: "nope-nope" }),
      ),
    );
    for (const err of errors) logger.error({ err }, "startup problem");

    // a run: opportunities through the gate into the journal, including careless text with the key
    const journal = SqliteJournal.open(path.join(dir, "j.sqlite"));
    for (let i = 0; i < 20; i++) {
      const c = candidate({ gasPriceWei: BigInt(i + 1) * 10n ** 10n });
      const targetBlock = BigInt(100 + i);
      const decision = evaluateRisk(c, context());
      const opKey = await journal.recordOpportunity({
        ...c.opportunity,
        chainId: 1,
        targetBlock,
        gasEstimate: c.opportunity.gas,
      });
      await journal.recordDecision(
        opKey,
        decision.accepted ? { accepted: true, message: decision.message } : decision,
      );
      logger.info(
        { idempotencyKey: opKey, decision: decision.accepted ? "accepted" : decision.code },
        decision.message,
      );
      if (!decision.accepted) continue;
      await journal.claimSubmission(opKey, targetBlock);
      const id = await journal.recordSubmission({
        idempotencyKey: opKey,
        targetBlock,
        relay: "http://relay",
        state: "sending",
      });
      const failure = new OmniArbError("RELAY", `relay refused tx signed by ${key}`);
      await journal.updateSubmission(id, "error", { error: failure.message });
      logger.warn({ err: failure, signer: secrets.operator }, "submission failed");
      await journal.recordOutcome({
        idempotencyKey: opKey,
        targetBlock,
        status: "not-included",
        realisedProfit: 0n,
        profitToken: c.opportunity.profitToken,
      });
    }
    await journal.quarantine("token", c0(), `weird token, operator ${key}`);
    const rows: string[] = [];
    const tables = journal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      for (const row of journal.db.prepare(`SELECT * FROM ${name}`).all()) rows.push(JSON.stringify(row));
    }
    await journal.close();
    const files = fs.readdirSync(dir).filter((f) => f.startsWith("j.sqlite"));

    expect(lines.length).to.be.greaterThan(20);
    expect(rows.length).to.be.greaterThan(40);
    expect(errors).to.have.length(4);
    const haystacks = [
      ...lines,
      ...errors.map(errorText),
      ...rows,
      ...files.map((f) => fs.readFileSync(path.join(dir, f)).toString("latin1")),
    ];
    for (const text of haystacks) {
      for (const needle of needles) expect(text.includes(needle), text.slice(0, 200)).to.equal(false);
    }
  });
});

function c0(): string {
  return "0x" + "99".repeat(20);
}
