import { expect } from "chai";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { createKeeperMetrics } from "../../bot/observe/metrics";
import { promSample } from "./promText";
import { emit, summarise, syntheticRun, TOKENS, USDC, WETH } from "./syntheticRun";

describe("telemetry: Prometheus metrics from keeper events", () => {
  const run = syntheticRun(20_000_000, 21);
  const expected = summarise(run);

  async function scrape(list = run, options: Parameters<typeof createKeeperMetrics>[1] = {}) {
    const events = new KeeperEvents();
    const metrics = createKeeperMetrics(events, { tokens: TOKENS, ...options });
    emit(events, list);
    return { text: await metrics.registry.metrics(), metrics, events };
  }

  it("the synthetic run has every kind of outcome and decision", () => {
    expect(expected.outcomes.included).to.be.greaterThan(1);
    expect(expected.outcomes["not-included"]).to.be.greaterThan(0);
    expect(expected.outcomes.failed).to.be.greaterThan(0);
    expect(Object.keys(expected.decisions)).to.include.members(["ACCEPTED", "SIM_REVERT", "TRADE_TOO_LARGE"]);
  });

  it("counts blocks, reorgs, opportunities, decisions by code and attempts by state", async () => {
    const { text } = await scrape();
    expect(promSample(text, "omni_arb_blocks_total")).to.equal(21);
    expect(promSample(text, "omni_arb_reorgs_total")).to.equal(1);
    expect(promSample(text, "omni_arb_opportunities_total")).to.equal(expected.opportunities);
    for (const [code, count] of Object.entries(expected.decisions)) {
      expect(promSample(text, "omni_arb_decisions_total", { code }), code).to.equal(count);
    }
    expect(promSample(text, "omni_arb_submission_attempts_total", { state: "sent" })).to.equal(
      expected.attempts.sent,
    );
    expect(promSample(text, "omni_arb_submission_attempts_total", { state: "rejected" })).to.equal(
      expected.attempts.rejected,
    );
    expect(promSample(text, "omni_arb_last_block")).to.equal(expected.lastBlock);
  });

  it("counts bundles by outcome and reason", async () => {
    const { text } = await scrape();
    expect(promSample(text, "omni_arb_bundles_total", { outcome: "included", reason: "none" })).to.equal(
      expected.outcomes.included,
    );
    expect(
      promSample(text, "omni_arb_bundles_total", { outcome: "not-included", reason: "outbid" }),
    ).to.equal(expected.outcomes["not-included"]);
    expect(promSample(text, "omni_arb_bundles_total", { outcome: "failed", reason: "rejected" })).to.equal(
      expected.outcomes.failed,
    );
  });

  it("observes stage latencies and block-to-bundle latency in seconds", async () => {
    const { text } = await scrape();
    for (const [stage, samples] of Object.entries(expected.stageMs)) {
      expect(promSample(text, "omni_arb_stage_seconds_count", { stage }), stage).to.equal(samples.length);
      const sum = samples.reduce((a, b) => a + b, 0) / 1000;
      expect(promSample(text, "omni_arb_stage_seconds_sum", { stage })).to.be.closeTo(sum, 1e-9);
    }
    const handoffs = expected.handoffMs;
    expect(handoffs.length).to.be.greaterThan(3);
    expect(promSample(text, "omni_arb_block_to_bundle_seconds_count")).to.equal(handoffs.length);
    for (const le of [0.05, 0.1, 0.15]) {
      expect(
        promSample(text, "omni_arb_block_to_bundle_seconds_bucket", { le: String(le) }),
        `le ${le}`,
      ).to.equal(handoffs.filter((ms) => ms / 1000 <= le).length);
    }
    expect(promSample(text, "omni_arb_block_to_bundle_seconds_bucket", { le: "0.1" })).to.be.greaterThan(0);
    expect(promSample(text, "omni_arb_block_to_bundle_seconds_bucket", { le: "0.1" })).to.be.lessThan(
      handoffs.length,
    );
  });

  it("sums realised profit per token exactly, gas cost, and USD", async () => {
    const { text } = await scrape();
    expect(expected.realised[WETH]).to.be.greaterThan(0n);
    expect(expected.realised[USDC]).to.be.greaterThan(0n);
    expect(promSample(text, "omni_arb_realised_profit_wei_total", { token: WETH, symbol: "WETH" })).to.equal(
      Number(expected.realised[WETH]),
    );
    expect(promSample(text, "omni_arb_realised_profit_wei_total", { token: USDC, symbol: "USDC" })).to.equal(
      Number(expected.realised[USDC]),
    );
    expect(promSample(text, "omni_arb_gas_cost_wei_total")).to.equal(Number(expected.gasCostWei));
    expect(promSample(text, "omni_arb_realised_profit_usd")).to.be.closeTo(expected.realisedUsd, 1e-9);
    expect(expected.realisedUsd).to.be.greaterThan(0);
  });

  it("rounds the exact bigint total once, not every addition (float64 holds integers to 2^53)", async () => {
    const big = 2n ** 53n + 1n; // not a float64: Number(big) === 2^53
    const outcome = (n: number) =>
      [
        "outcome",
        {
          key: `k${n}`,
          targetBlock: 1n,
          predictedProfit: big,
          profitToken: WETH,
          realisedProfitUsd: undefined,
          outcome: {
            kind: "included",
            blockNumber: 1n,
            txHash: "0x01",
            gasUsed: 1n,
            gasCostWei: 1n,
            realisedProfit: big,
            builderPayment: 0n,
          },
        },
      ] as const;
    const { text } = await scrape([outcome(1), outcome(2), outcome(3)]);
    // exact: 3 * (2^53 + 1) = 27021597764222979, whose nearest float64 is ...980; adding floats
    // one at a time would give 3 * 2^53 = ...976.
    expect(3 * Number(big)).to.equal(27021597764222976);
    expect(promSample(text, "omni_arb_realised_profit_wei_total", { token: WETH, symbol: "WETH" })).to.equal(
      27021597764222980,
    );
  });

  it("a negative realised profit goes to the loss counter, never decreasing the profit counter", async () => {
    const loss = [
      "outcome",
      {
        key: "k",
        targetBlock: 5n,
        predictedProfit: 10n,
        profitToken: USDC,
        realisedProfitUsd: -0.5,
        outcome: {
          kind: "included",
          blockNumber: 5n,
          txHash: "0x02",
          gasUsed: 1n,
          gasCostWei: 7n,
          realisedProfit: -500_000n,
          builderPayment: 0n,
        },
      },
    ] as const;
    const { text } = await scrape([loss]);
    expect(promSample(text, "omni_arb_realised_loss_wei_total", { token: USDC, symbol: "USDC" })).to.equal(
      500_000,
    );
    expect(promSample(text, "omni_arb_realised_profit_wei_total", { token: USDC, symbol: "USDC" })).to.equal(
      undefined,
    );
    expect(promSample(text, "omni_arb_realised_profit_usd")).to.equal(-0.5);
  });

  it("reports the gate and quarantine from events, or from the keeper's snapshot when given", async () => {
    const list = [
      ["gate", { breakerOpen: true, killSwitch: false, reason: "3 failures in a row" }],
      [
        "quarantine",
        { kind: "pool", address: "0x00000000000000000000000000000000000000aa", reason: "fee on transfer" },
      ],
      [
        "quarantine",
        { kind: "pool", address: "0x00000000000000000000000000000000000000AA", reason: "again" },
      ],
      [
        "quarantine",
        { kind: "token", address: "0x00000000000000000000000000000000000000bb", reason: "rebasing" },
      ],
    ] as const;
    const fromEvents = (await scrape([...list])).text;
    expect(promSample(fromEvents, "omni_arb_breaker_open")).to.equal(1);
    expect(promSample(fromEvents, "omni_arb_kill_switch")).to.equal(0);
    expect(promSample(fromEvents, "omni_arb_quarantined", { kind: "pool" })).to.equal(1);
    expect(promSample(fromEvents, "omni_arb_quarantined", { kind: "token" })).to.equal(1);

    const fromSnapshot = (
      await scrape([...list], {
        statusSnapshot: () => ({ breakerOpen: false, killSwitch: true, quarantined: [] }),
      })
    ).text;
    expect(promSample(fromSnapshot, "omni_arb_breaker_open")).to.equal(0);
    expect(promSample(fromSnapshot, "omni_arb_kill_switch")).to.equal(1);
    expect(promSample(fromSnapshot, "omni_arb_quarantined", { kind: "pool" })).to.equal(0);
  });

  it("includes the Node process metrics, and stops counting once detached", async () => {
    const { text, metrics, events } = await scrape(syntheticRun(100, 2));
    expect(promSample(text, "omni_arb_process_resident_memory_bytes")).to.be.greaterThan(0);
    expect(text).to.include("omni_arb_nodejs_eventloop_lag_seconds");
    metrics.detach();
    expect(events.listenerCount("block")).to.equal(0);
    emit(events, syntheticRun(102, 3));
    expect(promSample(await metrics.registry.metrics(), "omni_arb_blocks_total")).to.equal(2);
  });
});
