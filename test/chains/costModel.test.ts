/**
 * One cost model prices every opportunity: ranking, the risk gate, the live scan, the simulation
 * request and outcome measurement all ask it, so they agree on what the same opportunity costs.
 */
import { expect } from "chai";
import { Eip1559CostModel } from "../../bot/chains/eip1559";
import type { FundingSources } from "../../bot/chains/costModel";
import { simulationRequestOf, type GateContext } from "../../bot/decide/gates";
import { fundingRouteOf, routeShapeOf } from "../../bot/decide/funding";
import { evaluateRisk } from "../../bot/decide/risk/riskGate";
import { UNISWAP_V2_CALL } from "../../bot/plan/planEncoding";
import { gasCostInProfitToken } from "../../bot/strategies/cycle-arb/rankOpportunities";
import type { Opportunity } from "../../bot/strategies/opportunity";
import { context, ETHER, GWEI, POOL_A, POOL_B, PRICES, USDC, WETH } from "../risk/fixture";

const model = new Eip1559CostModel();
const HEAD = {
  number: 100,
  hash: "0x" + "01".repeat(32),
  parentHash: "0x" + "00".repeat(32),
  timestamp: 1_790_000_000,
  baseFeePerGas: 20n * GWEI,
  gasLimit: 30_000_000n,
  gasUsed: 15_000_000n, // at target: the next base fee is the same
};

/** 10 WETH -> USDC (V3) -> WETH (V2) for 0.05 WETH, as the engine sizes it (gas: the swaps alone). */
const OP: Opportunity = {
  cycleId: 1,
  path: [
    {
      pool: POOL_A,
      kind: "uniswap-v3",
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
  gas: model.swapGas(["uniswap-v3", "uniswap-v2"]),
};

function gateContext(funding: FundingSources, priorityFeeWei = GWEI): GateContext {
  const fees = model.fees(HEAD, { priorityFeeWei, blocks: 1 });
  return {
    chainId: 1,
    block: HEAD.number,
    targetBlock: 101n,
    costModel: model,
    fees,
    risk: context(),
    plan: {
      deadlineBlock: 101n,
      wrappedNative: WETH,
      builderPayment: { kind: "coinbase-share", bps: 5000 },
      v2Callback: () => UNISWAP_V2_CALL,
    },
    funding,
    submissionKind: "flashbots",
    executor: "0x" + "e0".repeat(20),
    operator: "0x" + "0e".repeat(20),
    bases: new Set([WETH, USDC]),
    venueOf: () => "test",
    usd: () => undefined,
    gasMarginBps: 12_000n,
    nowMs: 0,
  };
}

describe("chains: the cost model", function () {
  it("prices the next block exactly, and a plan's window at the fastest the base fee can rise", function () {
    const one = model.fees(HEAD, { priorityFeeWei: GWEI, blocks: 1 });
    expect(one).to.deep.equal({
      baseFeeWei: 20n * GWEI,
      maxFeePerGas: 40n * GWEI + GWEI,
      maxPriorityFeePerGas: GWEI,
      gasPriceWei: 21n * GWEI,
    });
    // Two more blocks of +1/8 each: 20 -> 22.5 -> 25.3125 gwei.
    expect(model.fees(HEAD, { priorityFeeWei: GWEI, blocks: 3 }).gasPriceWei).to.equal(
      25_312_500_000n + GWEI,
    );
    // Past 2x the base fee (7 blocks of +1/8), the cap follows the window.
    const long = model.fees(HEAD, { priorityFeeWei: 0n, blocks: 8 });
    expect(long.maxFeePerGas).to.equal(long.gasPriceWei);
    expect(long.gasPriceWei > 40n * GWEI).to.equal(true);
  });

  it("ranking, risk, scan, simulation and outcome agree on what one opportunity costs", function () {
    const ctx = gateContext({ inventory: () => 0n, aaveFeeBps: 5, allowed: ["aave"] });
    const payment = ctx.plan.builderPayment;
    const funding = model.chooseFunding(fundingRouteOf(OP, payment), ctx.funding, ctx.fees, PRICES)!;
    expect(funding).to.deep.equal({ kind: "aave", feeBps: 5 });
    const routeGas = model.routeGas(routeShapeOf(OP, funding, payment));
    // The route's gas is the swaps' plus the lender's and the builder payment's measured overheads.
    expect(routeGas > OP.gas + 100_000n).to.equal(true);

    // Ranking (and the scan, at the same price) nets the swaps' gas at the decision price.
    const pricing = { gasPriceWei: ctx.fees.gasPriceWei, tokenPerNative: new Map([[WETH, ETHER]]) };
    const rankedGasCost = gasCostInProfitToken(OP, pricing)!;
    // The risk gate nets the whole route's gas at the same price, valued by the same prices.
    const decision = evaluateRisk(
      {
        opportunity: { ...OP, gas: routeGas },
        gasPriceWei: ctx.fees.gasPriceWei,
        maxFeePerGas: ctx.fees.maxFeePerGas,
        funding,
        builderPayment: payment,
        submissionKind: "flashbots",
      },
      { ...ctx.risk, limits: { ...ctx.risk.limits, minNetProfitUsd: 0n, minGasReturnBps: 0n } },
    );
    if (!decision.accepted) throw new Error(decision.message);
    expect(decision.costs.gasCostWei).to.equal(routeGas * ctx.fees.gasPriceWei);
    expect(rankedGasCost).to.equal(OP.gas * ctx.fees.gasPriceWei);
    const costs = model.costs(
      { ...OP, startToken: WETH, gas: OP.gas, funding, builderPayment: payment, submissionKind: "flashbots" },
      ctx.fees,
      PRICES,
    );
    if ("unpriced" in costs) throw new Error(costs.message);
    expect(costs.gasCost).to.equal(rankedGasCost);
    expect(decision.costs.flashFee).to.equal(model.flashFee(funding, OP.amountIn));

    // The simulation request carries the same route gas (with the lender's and the tip's overheads:
    // an idle prepare and decide() share the route shape, so the learned ratio stays right).
    const request = simulationRequestOf(OP, ctx)!;
    expect(request.modelGas).to.equal(routeGas);
    expect(request.shape).to.equal("uniswap-v3,uniswap-v2|aave|coinbase-share");
    expect([request.maxFeePerGas, request.maxPriorityFeePerGas]).to.deep.equal([
      ctx.fees.maxFeePerGas,
      ctx.fees.maxPriorityFeePerGas,
    ]);

    // The measured outcome reads the receipt with the same model: at the predicted gas and price it
    // costs what the gate netted.
    expect(model.realisedCostWei({ gasUsed: routeGas, effectiveGasPrice: ctx.fees.gasPriceWei })).to.equal(
      decision.costs.gasCostWei,
    );
  });

  it("funds from the cheapest source that can lend the size", function () {
    const fees = model.fees(HEAD, { priorityFeeWei: 0n, blocks: 1 });
    const route = fundingRouteOf(OP, { kind: "priority-fee" });
    const sources = (o: Partial<FundingSources>): FundingSources => ({
      inventory: () => 0n,
      aaveFeeBps: 5,
      allowed: ["v2-flash-swap", "v3-flash", "balancer", "aave"],
      ...o,
    });
    const choose = (s: FundingSources, r = route) => model.chooseFunding(r, s, fees, PRICES)?.kind;
    expect(choose(sources({ inventory: () => OP.amountIn }))).to.equal("inventory");
    // The first hop is a V3 pool: its callback funds the cycle for no extra gas.
    expect(choose(sources({}))).to.equal("v3-flash");
    const v2First = { ...route, firstHopFlash: "v2-flash-swap", lastHopFlash: "v2-flash-swap" };
    expect(choose(sources({}), v2First)).to.equal("v2-flash-swap");
    const lendersOnly = sources({ allowed: ["balancer", "aave"] });
    expect(choose(lendersOnly)).to.equal("balancer");
    const thinVault = sources({
      allowed: ["balancer", "aave"],
      available: (kind) => (kind === "balancer" ? OP.amountIn - 1n : OP.amountIn),
    });
    expect(choose(thinVault)).to.equal("aave");
    const nobody = sources({ allowed: ["balancer", "aave"], available: () => 0n });
    expect(choose(nobody)).to.equal(undefined);
  });
});
