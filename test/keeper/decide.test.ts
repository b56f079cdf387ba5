/**
 * decide(): the gate runs on the model's gas before the simulation and again on the simulated gas
 * when that is higher, every step journaled before the next acts. A real Journal on disk, a
 * simulator answering what the test says.
 */
import { expect } from "chai";
import { Interface, type InterfaceAbi } from "ethers";
import executorAbi from "../../bot/plan/ArbExecutor.abi.json";
import { expectRejection } from "../helpers/rejects";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UNISWAP_V2_CALL } from "../../bot/plan/planEncoding";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { decide, type GateContext } from "../../bot/decide/gates";
import { Eip1559CostModel } from "../../bot/chains/eip1559";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import type { SimulationRequest, SimulationResult, Simulator } from "../../bot/decide/simulator";
import { expectedGas } from "../../bot/chains/gasModel";
import type { Opportunity } from "../../bot/strategies/opportunity";
import { context, ETHER, GWEI, POOL_A, POOL_B, USDC, WETH } from "../risk/fixture";

const EXECUTOR = "0x" + "e0".repeat(20);
const OPERATOR = "0x" + "0e".repeat(20);

/** 10 WETH -> USDC -> WETH for 0.05 WETH (150 USD) over two V2 pairs, gas from the model. */
const OP: Opportunity = {
  cycleId: 7,
  path: [
    {
      pool: POOL_A,
      kind: "uniswap-v2",
      tokenIn: WETH,
      tokenOut: USDC,
      amountIn: 10n * ETHER,
      amountOut: 30_100n * 10n ** 6n,
    },
    {
      pool: POOL_B,
      kind: "uniswap-v2",
      tokenIn: USDC,
      tokenOut: WETH,
      amountIn: 30_100n * 10n ** 6n,
      amountOut: 10n * ETHER + ETHER / 20n,
    },
  ],
  amountIn: 10n * ETHER,
  amountOut: 10n * ETHER + ETHER / 20n,
  profit: ETHER / 20n,
  profitToken: WETH,
  gas: expectedGas(["uniswap-v2", "uniswap-v2"]),
};

function blockContext(): GateContext {
  return {
    chainId: 31337,
    block: 100,
    targetBlock: 101n,
    costModel: new Eip1559CostModel(),
    fees: {
      baseFeeWei: 20n * GWEI,
      maxFeePerGas: 20n * GWEI,
      maxPriorityFeePerGas: 0n,
      gasPriceWei: 20n * GWEI,
    },
    risk: context(),
    plan: {
      deadlineBlock: 101n,
      wrappedNative: WETH,
      builderPayment: { kind: "priority-fee" },
      v2Callback: () => UNISWAP_V2_CALL,
    },
    funding: { inventory: () => 100n * ETHER, aaveFeeBps: 5, allowed: [] },
    submissionKind: "flashbots",
    executor: EXECUTOR,
    operator: OPERATOR,
    bases: new Set([WETH, USDC]),
    venueOf: () => "uni",
    usd: () => undefined,
    gasMarginBps: 12_000n,
    nowMs: 0,
  };
}

/** Answers every simulation with the predicted profit (inventory, no tip: all of it) and `gasUsed`. */
class FixedSimulator implements Simulator {
  readonly requests: SimulationRequest[] = [];
  constructor(private readonly gasUsed: bigint) {}
  async simulate(request: SimulationRequest): Promise<SimulationResult> {
    this.requests.push(request);
    return { ok: true, kept: OP.profit, gasUsed: this.gasUsed };
  }
}

describe("keeper/decide: the gate on the simulated gas", function () {
  let dir: string;
  let file: string;
  let journal: SqliteJournal;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-decide-"));
    file = path.join(dir, "journal.sqlite");
    journal = SqliteJournal.open(file);
  });
  afterEach(async () => {
    await journal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function decisions(): Array<{ accepted: number; reason_code: string | null; message: string }> {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare("SELECT accepted, reason_code, message FROM risk_decisions ORDER BY id")
        .all() as never;
    } finally {
      db.close();
    }
  }

  async function run(gasUsed: bigint) {
    const events = new KeeperEvents();
    const seen: Array<{ accepted: boolean; code: string }> = [];
    events.on("decision", (d) => seen.push({ accepted: d.accepted, code: d.code }));
    const simulator = new FixedSimulator(gasUsed);
    const out = await decide(OP, blockContext(), { journal, simulator, events, now: () => 0 });
    return { out, seen, simulator };
  }

  it("hands off with a gas limit from the simulation when it measures no more than the model", async function () {
    const { out, seen, simulator } = await run(OP.gas - 1_000n);
    expect(simulator.requests).to.have.length(1);
    expect(out?.request.gasLimit).to.equal(((OP.gas - 1_000n) * 12_000n) / 10_000n);
    expect(seen).to.deep.equal([{ accepted: true, code: "ACCEPTED" }]);
    expect(decisions().map((d) => d.accepted)).to.deep.equal([1]);
  });

  it("decides again on a higher simulated gas, and still hands off what pays", async function () {
    const { out } = await run(OP.gas + 30_000n);
    expect(out).to.not.equal(undefined);
    const rows = decisions();
    expect(rows.map((d) => d.accepted)).to.deep.equal([1, 1]);
    expect(rows[1].message).to.match(
      new RegExp(`with the simulated gas ${OP.gas + 30_000n} \\(estimated ${OP.gas}\\)`),
    );
  });

  it("rejects, with the rule's reason, what the simulated gas makes unprofitable, and claims nothing", async function () {
    // 2.5M gas at 20 gwei = 0.05 WETH: all the profit.
    const { out, seen } = await run(2_500_000n);
    expect(out).to.equal(undefined);
    expect(seen).to.have.length(1);
    expect(seen[0].accepted).to.equal(false);
    const rows = decisions();
    expect(rows.map((d) => d.accepted)).to.deep.equal([1, 0]);
    expect(rows[1].reason_code).to.equal(seen[0].code);
    expect(rows[1].message).to.include("with the simulated gas 2500000");
    // The journal refuses a claim whose latest decision is a rejection.
    const key = new Database(file, { readonly: true })
      .prepare("SELECT idempotency_key AS k FROM opportunities")
      .get() as {
      k: string;
    };
    await expectRejection(journal.claimSubmission(key.k, 101n), Error, /accepted decision/);
  });
});

/** Answers every simulation with what the test says. */
class ScriptedSimulator implements Simulator {
  readonly requests: SimulationRequest[] = [];
  constructor(private readonly result: SimulationResult) {}
  async simulate(request: SimulationRequest): Promise<SimulationResult> {
    this.requests.push(request);
    return this.result;
  }
}

describe("keeper/decide: quarantine after a failed simulation", function () {
  const errors = new Interface(executorAbi as InterfaceAbi);
  const NOW = 1_790_000_000_000;
  let dir: string;
  let journal: SqliteJournal;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-quarantine-"));
    journal = SqliteJournal.open(path.join(dir, "journal.sqlite"), { now: () => NOW });
  });
  afterEach(async () => {
    await journal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One decision with a simulator answering `result`; USDC is not a base token here. */
  async function fail(result: SimulationResult) {
    const events = new KeeperEvents();
    const quarantined: { kind: string; address: string }[] = [];
    events.on("quarantine", (q) => quarantined.push({ kind: q.kind, address: q.address }));
    const ctx = { ...blockContext(), bases: new Set([WETH]), nowMs: NOW };
    const out = await decide(OP, ctx, {
      journal,
      simulator: new ScriptedSimulator(result),
      events,
      now: () => 0,
      errors,
    });
    expect(out).to.equal(undefined);
    return { quarantined, ctx };
  }
  const revert = (name: string, args: unknown[]): SimulationResult => {
    const revertData = errors.encodeErrorResult(name, args);
    return { ok: false, error: name, revertData };
  };

  it("quarantines only the pool an UnexpectedCallback names, until the quarantine expires", async () => {
    const { quarantined, ctx } = await fail(revert("UnexpectedCallback", [POOL_B, "0x23a69e75"]));
    expect(quarantined).to.deep.equal([{ kind: "pool", address: POOL_B }]);
    const q = await journal.quarantines(NOW);
    expect(q.map((x) => [x.kind, x.address, x.untilMs])).to.deep.equal([
      ["pool", POOL_B, NOW + ctx.risk.limits.quarantineMs],
    ]);
    expect(await journal.quarantines(NOW + ctx.risk.limits.quarantineMs)).to.deep.equal([]);
  });

  it("quarantines only the token a TokenCallFailed names", async () => {
    const { quarantined } = await fail(revert("TokenCallFailed", [USDC, "0xa9059cbb"]));
    expect(quarantined).to.deep.equal([{ kind: "token", address: USDC }]);
  });

  it("never quarantines a base token, even when a revert names it", async () => {
    const { quarantined } = await fail(revert("TokenCallFailed", [WETH, "0xa9059cbb"]));
    expect(quarantined).to.deep.equal([]);
  });

  it("quarantines the cycle's pools and non-base tokens, with the same expiry, when the revert names nothing", async () => {
    const { quarantined, ctx } = await fail({
      ok: false,
      error: "Error(UniswapV2: K)",
      revertData: "0x08c379a0",
    });
    expect(quarantined).to.deep.equal([
      { kind: "pool", address: POOL_A },
      { kind: "pool", address: POOL_B },
      { kind: "token", address: USDC },
    ]);
    for (const q of await journal.quarantines(NOW))
      expect(q.untilMs).to.equal(NOW + ctx.risk.limits.quarantineMs);
  });

  it("does the same when the simulation returns another profit than the plan's", async () => {
    const { quarantined } = await fail({ ok: true, kept: OP.profit - 1n, gasUsed: 100_000n });
    expect(quarantined.map((q) => q.address)).to.deep.equal([POOL_A, POOL_B, USDC]);
  });
});
