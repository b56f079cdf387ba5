import { expect } from "chai";
import { startDashboard, type Dashboard } from "../../bot/observe/dashboard/server";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { createKeeperMetrics } from "../../bot/observe/metrics";
import { emit, summarise, syntheticRun, TOKENS, WETH } from "../telemetry/syntheticRun";
import { readSse, type SseReader } from "./sseClient";

describe("dashboard: /events (Server-Sent Events)", () => {
  let events: KeeperEvents;
  let dashboard: Dashboard;
  const readers: SseReader[] = [];

  async function start(limits: Record<string, number> = {}) {
    events = new KeeperEvents();
    const metrics = createKeeperMetrics(events, { defaultMetrics: false });
    dashboard = await startDashboard({ events, port: 0, metrics: metrics.registry, tokens: TOKENS, limits });
  }

  async function connect() {
    const reader = await readSse(`${dashboard.url}/events`);
    readers.push(reader);
    return reader;
  }

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await dashboard?.close();
  });

  it("sends the history first, then 'ready', then live events with ids", async () => {
    await start();
    const past = syntheticRun(1_000, 14);
    emit(events, past);
    const expected = summarise(past);
    const reader = await connect();
    expect(reader.headers["content-type"]).to.match(/^text\/event-stream/);
    const ready = await reader.waitFor((m) => m.event === "ready");
    const history = reader.messages.slice(0, reader.messages.indexOf(ready));
    expect(history[0].event).to.equal("hello");
    expect((history[0].data as { tokens: unknown[] }).tokens).to.have.length(TOKENS.length);
    const count = (event: string) => history.filter((m) => m.event === event).length;
    expect(count("decision")).to.equal(Object.values(expected.decisions).reduce((a, b) => a + b, 0));
    expect(count("outcome")).to.equal(
      expected.outcomes.included + expected.outcomes["not-included"] + expected.outcomes.failed,
    );
    expect(count("block")).to.equal(14);
    expect(count("profit")).to.equal(14); // one cumulative point per block
    expect(history.every((m) => m.id === undefined)).to.equal(true);
    const totals = history.find((m) => m.event === "totals")?.data as Record<string, unknown>;
    expect(totals.included).to.equal(expected.outcomes.included);
    expect(totals.realised).to.deep.equal(
      Object.fromEntries(
        Object.entries(expected.realised).map(([token, total]) => [token, total.toString()]),
      ),
    );

    const liveFrom = reader.messages.length;
    emit(events, syntheticRun(1_014, 1));
    const block = await reader.waitFor((m) => m.event === "block", liveFrom);
    expect((block.data as { number: number }).number).to.equal(1_014);
    expect(block.id).to.match(/^\d+$/);
    const profit = await reader.waitFor((m) => m.event === "profit", liveFrom);
    expect((profit.data as { block: number }).block).to.equal(1_014);
  });

  it("converts bigint amounts to exact decimal strings and cuts relay URLs to their origin", async () => {
    await start();
    const reader = await connect();
    await reader.waitFor((m) => m.event === "ready");
    const from = reader.messages.length;
    const huge = 10n ** 30n + 1n;
    emit(events, [
      [
        "decision",
        {
          block: 1,
          key: "k",
          path: [WETH, WETH],
          profitToken: WETH,
          profit: huge,
          profitUsd: undefined,
          accepted: true,
          code: "ACCEPTED",
          message: "ok",
        },
      ],
      [
        "attempt",
        {
          idempotencyKey: "k",
          targetBlock: 2n ** 70n,
          relay: "https://relay.example/path?apiKey=SECRET123",
          state: "error",
          error: "timeout",
        },
      ],
    ]);
    const decision = await reader.waitFor((m) => m.event === "decision", from);
    expect((decision.data as { profit: string }).profit).to.equal("1000000000000000000000000000001");
    expect((decision.data as { profitUsd: unknown }).profitUsd).to.equal(null);
    const attempt = await reader.waitFor((m) => m.event === "attempt", from);
    expect(attempt.data).to.include({ relay: "https://relay.example", targetBlock: (2n ** 70n).toString() });
    expect(JSON.stringify(reader.messages)).not.to.include("SECRET123");
  });

  it("keeps a bounded history: a page opened late gets the newest entries only", async () => {
    await start({ decisions: 5, profitPoints: 4 });
    const run = syntheticRun(5_000, 12);
    emit(events, run);
    const reader = await connect();
    const ready = await reader.waitFor((m) => m.event === "ready");
    const history = reader.messages.slice(0, reader.messages.indexOf(ready));
    const decisions = history.filter((m) => m.event === "decision").map((m) => m.data as { block: number });
    const allDecisions = run.filter((e) => e[0] === "decision");
    expect(allDecisions.length).to.be.greaterThan(5);
    expect(decisions).to.have.length(5);
    expect(decisions.map((d) => d.block)).to.deep.equal(
      allDecisions.slice(-5).map((e) => (e[1] as { block: number }).block),
    );
    const points = history
      .filter((m) => m.event === "profit")
      .map((m) => (m.data as { block: number }).block);
    expect(points).to.deep.equal([5_008, 5_009, 5_010, 5_011]);
    // totals are not bounded
    const totals = history.find((m) => m.event === "totals")?.data as { decisions: number };
    expect(totals.decisions).to.equal(allDecisions.length);
  });

  it("ends open streams and detaches from the keeper when closed", async () => {
    await start();
    const reader = await connect();
    await reader.waitFor((m) => m.event === "ready");
    expect(events.listenerCount("outcome")).to.equal(2); // metrics and dashboard
    await dashboard.close();
    await reader.ended;
    expect(events.listenerCount("outcome")).to.equal(1); // metrics only
  });
});
