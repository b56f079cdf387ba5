import { expect } from "chai";
import fc from "fast-check";
import { evaluateRisk } from "../../bot/decide/risk/riskGate";
import { breakerAfter, CLOSED_BREAKER } from "../../bot/decide/risk/breaker";
import { BPS, DEFAULT_BREAKER, ONE_USD } from "../../bot/decide/risk/limits";
import type { RiskDecision, RiskReasonCode } from "../../bot/decide/risk/types";
import { ETHER, GWEI, POOL_B, T0, USDC, WETH, candidate, context } from "./fixture";

function expectRejected(decision: RiskDecision, code: RiskReasonCode, message: string): void {
  expect(decision.accepted, decision.message).to.equal(false);
  if (decision.accepted) return;
  expect(decision.code).to.equal(code);
  expect(decision.message).to.equal(message);
}

describe("risk gate", () => {
  it("accepts the base case and nets gas, builder payment and flash fee exactly", () => {
    const decision = evaluateRisk(candidate(), context());
    expect(decision.accepted).to.equal(true);
    if (!decision.accepted) return;
    expect(decision.costs.gasCostWei).to.equal(200_000n * 20n * GWEI);
    expect(decision.costs.gasCost).to.equal((4n * ETHER) / 1000n);
    expect(decision.costs.builderPayment).to.equal(ETHER / 40n);
    expect(decision.costs.flashFee).to.equal((5n * ETHER) / 1000n);
    expect(decision.costs.netProfit).to.equal((16n * ETHER) / 1000n);
    expect(decision.costs.netProfitUsd).to.equal(48n * ONE_USD);
    expect(decision.costs.worstCaseLossUsd).to.equal(0n);
    expect(decision.message).to.equal("accepted: net profit 48.00 USD");
  });

  it("inventory funding pays no flash fee; priority-fee policy pays no coinbase share", () => {
    const decision = evaluateRisk(
      candidate({ funding: { kind: "inventory", feeBps: 0 }, builderPayment: { kind: "priority-fee" } }),
      context(),
    );
    expect(decision.accepted && decision.costs.netProfit).to.equal((46n * ETHER) / 1000n);
  });

  it("rejects net profit below the start-token minimum (after gas, builder and flash fee)", () => {
    const decision = evaluateRisk(candidate(), context({ minNetProfit: new Map([[WETH, ETHER / 50n]]) }));
    expectRejected(
      decision,
      "NET_PROFIT_TOO_LOW",
      `net profit 16000000000000000 of ${WETH} (gross 50000000000000000 - gas 4000000000000000 - builder ` +
        "25000000000000000 - flash fee 5000000000000000) is below the minimum of 20000000000000000",
    );
  });

  it("rejects a negative net profit even with no configured minimum", () => {
    const decision = evaluateRisk(
      candidate({ builderPayment: { kind: "coinbase-share", bps: 10_000 } }),
      context(),
    );
    expect(decision.accepted === false && decision.code).to.equal("NET_PROFIT_TOO_LOW");
  });

  it("rejects net profit below the USD minimum", () => {
    const decision = evaluateRisk(candidate(), context({ minNetProfitUsd: 50n * ONE_USD }));
    expectRejected(
      decision,
      "NET_PROFIT_USD_TOO_LOW",
      "net profit worth 48.00 USD is below the minimum of 50.00 USD",
    );
  });

  it("rejects gross profit under 5x gas cost (default)", () => {
    // 80 gwei: gas 0.016 WETH, profit 0.05 WETH = 3.125x; net stays positive without builder and fee
    const decision = evaluateRisk(
      candidate({
        gasPriceWei: 80n * GWEI,
        funding: { kind: "inventory", feeBps: 0 },
        builderPayment: { kind: "priority-fee" },
      }),
      context(),
    );
    expectRejected(
      decision,
      "GAS_RETURN_TOO_LOW",
      "gross profit is 3.125x the gas cost; at least 5x is required",
    );
  });

  it("rejects a trade worth more than the USD limit", () => {
    expectRejected(
      evaluateRisk(candidate(), context({ maxTradeUsd: 20_000n * ONE_USD })),
      "TRADE_TOO_LARGE",
      "trade input worth 30000.00 USD is above the limit of 20000.00 USD",
    );
  });

  it("rejects a trade above the per-token cap", () => {
    expectRejected(
      evaluateRisk(candidate(), context({ maxTrade: new Map([[WETH, 5n * ETHER]]) })),
      "TRADE_TOO_LARGE",
      `trade input 10000000000000000000 of ${WETH} is above the cap of 5000000000000000000`,
    );
  });

  it("rejects a flash loan above the cap, but not the same trade from inventory", () => {
    const limits = { maxLoan: new Map([[WETH, 5n * ETHER]]) };
    expectRejected(
      evaluateRisk(candidate(), context(limits)),
      "LOAN_TOO_LARGE",
      `aave loan of 10000000000000000000 ${WETH} is above the cap of 5000000000000000000`,
    );
    expect(
      evaluateRisk(candidate({ funding: { kind: "inventory", feeBps: 0 } }), context(limits)).accepted,
    ).to.equal(true);
  });

  it("rejects a gas price above the maximum", () => {
    expectRejected(
      evaluateRisk(candidate(), context({ maxGasPriceWei: 15n * GWEI + GWEI / 2n })),
      "GAS_PRICE_TOO_HIGH",
      "gas price 20 gwei is above the limit of 15.5 gwei",
    );
  });

  it("rejects a cycle through a denied token", () => {
    expectRejected(
      evaluateRisk(candidate(), context({ denyTokens: new Set([USDC]) })),
      "TOKEN_DENIED",
      `token ${USDC} is on the deny list`,
    );
  });

  it("rejects a cycle through a token missing from the allow list", () => {
    expectRejected(
      evaluateRisk(candidate(), context({ allowTokens: new Set([WETH]) })),
      "TOKEN_NOT_ALLOWED",
      `token ${USDC} is not on the allow list`,
    );
  });

  it("rejects quarantined pools and tokens", () => {
    expectRejected(
      evaluateRisk(candidate(), context({}, { quarantinedPools: new Set([POOL_B]) })),
      "QUARANTINED_POOL",
      `pool ${POOL_B} is quarantined`,
    );
    expectRejected(
      evaluateRisk(candidate(), context({}, { quarantinedTokens: new Set([USDC]) })),
      "QUARANTINED_TOKEN",
      `token ${USDC} is quarantined`,
    );
  });

  it("rejects a direct submission whose failure would burn more gas than the per-trade cap", () => {
    // gas 0.004 WETH = 12 USD is at risk when a direct transaction reverts
    expectRejected(
      evaluateRisk(candidate({ submissionKind: "direct" }), context({ perTradeLossCapUsd: 10n * ONE_USD })),
      "TRADE_LOSS_CAP",
      "a failed submission would burn 12.00 USD of gas, above the per-trade cap of 10.00 USD",
    );
  });

  it("rejects a direct submission that could exceed the daily loss budget; bundles risk nothing", () => {
    const ctx = context(
      { perTradeLossCapUsd: 20n * ONE_USD, dailyLossBudgetUsd: 50n * ONE_USD },
      { lossTodayUsd: 40n * ONE_USD },
    );
    expectRejected(
      evaluateRisk(candidate({ submissionKind: "direct" }), ctx),
      "DAILY_LOSS_BUDGET",
      "today's losses 40.00 USD plus this submission's risk 12.00 USD exceed the daily budget of 50.00 USD",
    );
    expect(evaluateRisk(candidate({ submissionKind: "flashbots" }), ctx).accepted).to.equal(true);
  });

  it("rejects everything while the kill switch is engaged", () => {
    expectRejected(
      evaluateRisk(candidate(), context({}, { killSwitch: { engaged: true, reason: "operator stop" } })),
      "KILL_SWITCH",
      "kill switch engaged (operator stop): no submissions",
    );
  });

  it("rejects everything while the breaker is open, and accepts again after the cool-down", () => {
    let breaker = CLOSED_BREAKER;
    for (let i = 0; i < DEFAULT_BREAKER.maxConsecutiveFailures; i++) {
      breaker = breakerAfter(breaker, false, T0, DEFAULT_BREAKER);
    }
    expectRejected(
      evaluateRisk(candidate(), context({}, { breaker })),
      "BREAKER_OPEN",
      `circuit breaker open after 5 consecutive failures; resumes at ${new Date(T0 + DEFAULT_BREAKER.coolDownMs).toISOString()}`,
    );
    const later = context({}, { breaker, nowMs: T0 + DEFAULT_BREAKER.coolDownMs });
    expect(evaluateRisk(candidate(), later).accepted).to.equal(true);
  });

  it("rejects when a token has no on-chain price instead of assuming zero cost", () => {
    const other = "0x" + "99".repeat(20);
    const base = candidate();
    const op = {
      ...base.opportunity,
      profitToken: other,
      path: base.opportunity.path.map((h) => ({ ...h, tokenIn: other })),
    };
    expectRejected(
      evaluateRisk({ ...base, opportunity: op }, context()),
      "UNPRICED_TOKEN",
      `no on-chain USD price for ${other}`,
    );
  });

  it("property: every accepted decision meets the profit floors and the gas-return rule", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 500n * GWEI }),
        fc.integer({ min: 0, max: 10_000 }),
        (profit, gasPriceWei, bps) => {
          const base = candidate({ gasPriceWei, builderPayment: { kind: "coinbase-share", bps } });
          const c = { ...base, opportunity: { ...base.opportunity, profit } };
          const ctx = context();
          const decision = evaluateRisk(c, ctx);
          if (!decision.accepted) return;
          expect(decision.costs.netProfitUsd >= ctx.limits.minNetProfitUsd).to.equal(true);
          expect(decision.costs.netProfit).to.equal(
            profit - decision.costs.gasCost - decision.costs.builderPayment - decision.costs.flashFee,
          );
          expect(profit * BPS >= decision.costs.gasCost * ctx.limits.minGasReturnBps).to.equal(true);
          expect(gasPriceWei <= ctx.limits.maxGasPriceWei).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
