import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { decisionRecordOf } from "../../bot/decide/decisionRecord";
import { DEFAULT_BREAKER, ONE_USD } from "../../bot/decide/risk/limits";
import type { RiskLimits } from "../../bot/decide/risk/limits";
import { evaluateRisk } from "../../bot/decide/risk/riskGate";
import type { RiskCandidate } from "../../bot/decide/risk/types";
import { T0, USDC, candidate, context } from "../risk/fixture";

describe("journal -> risk gate: the gate's state comes from the journal", () => {
  let dir: string;
  let journal: SqliteJournal;
  let clock: number;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-riskstate-"));
    clock = T0;
    journal = SqliteJournal.open(path.join(dir, "j.sqlite"), { now: () => clock });
  });
  afterEach(async () => {
    await journal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Gate, journal and (pretend) submit one candidate for `block`, then record its outcome. */
  async function cycle(
    c: RiskCandidate,
    block: bigint,
    status: "included" | "failed",
    usd: bigint,
    limits: Partial<RiskLimits> = {},
  ): Promise<string> {
    const key = await journal.recordOpportunity({
      ...c.opportunity,
      chainId: 1,
      targetBlock: block,
      gasEstimate: c.opportunity.gas,
    });
    const state = await journal.riskState(clock, DEFAULT_BREAKER);
    const decision = evaluateRisk(c, context(limits, { ...state, nowMs: clock }));
    await journal.recordDecision(key, decisionRecordOf(decision));
    if (!decision.accepted) return decision.code;
    expect(await journal.claimSubmission(key, block)).to.equal(true);
    await journal.recordOutcome({
      idempotencyKey: key,
      targetBlock: block,
      status,
      realisedProfit: status === "included" ? c.opportunity.profit : -1n,
      profitToken: c.opportunity.profitToken,
      realisedProfitUsd: usd,
    });
    return "accepted";
  }

  it("failures recorded in the journal open the breaker for the next decision", async () => {
    for (let i = 0; i < DEFAULT_BREAKER.maxConsecutiveFailures; i++) {
      expect(await cycle(candidate(), BigInt(10 + i), "failed", -ONE_USD)).to.equal("accepted");
    }
    expect(await cycle(candidate(), 99n, "included", ONE_USD)).to.equal("BREAKER_OPEN");
    clock += DEFAULT_BREAKER.coolDownMs;
    expect(await cycle(candidate(), 100n, "included", ONE_USD)).to.equal("accepted");
  });

  it("a quarantine written to the journal is refused by the gate", async () => {
    await journal.quarantine("token", USDC, "transfer tax detected");
    expect(await cycle(candidate(), 10n, "included", ONE_USD)).to.equal("QUARANTINED_TOKEN");
  });

  it("today's recorded losses count against the daily budget of direct submissions", async () => {
    const direct = candidate({ submissionKind: "direct" });
    const limits = { perTradeLossCapUsd: 20n * ONE_USD }; // each may risk its 12 USD of gas
    // 4 losses of 10 USD (the breaker's rate rule needs 10 samples, so it stays closed)
    for (let i = 0; i < 4; i++)
      expect(await cycle(direct, BigInt(10 + i), "failed", -10n * ONE_USD, limits)).to.equal("accepted");
    expect((await journal.riskState(clock, DEFAULT_BREAKER)).lossTodayUsd).to.equal(40n * ONE_USD);
    expect(await cycle(direct, 20n, "included", ONE_USD, limits)).to.equal("DAILY_LOSS_BUDGET");
    clock += 24 * 3_600_000; // a new UTC day
    expect((await journal.riskState(clock, DEFAULT_BREAKER)).lossTodayUsd).to.equal(0n);
  });

  it("stores the gate's net profit with an accepted decision and the reason code with a rejection", async () => {
    await cycle(candidate(), 10n, "included", ONE_USD);
    await cycle(candidate({ gasPriceWei: 10n ** 13n }), 11n, "included", ONE_USD);
    const rows = journal.db
      .prepare("SELECT accepted, reason_code, net_profit, net_profit_usd FROM risk_decisions ORDER BY id")
      .all();
    expect(rows).to.deep.equal([
      {
        accepted: 1,
        reason_code: null,
        net_profit: "16000000000000000",
        net_profit_usd: (48n * ONE_USD).toString(),
      },
      { accepted: 0, reason_code: "GAS_PRICE_TOO_HIGH", net_profit: null, net_profit_usd: null },
    ]);
  });
});
