import { expect } from "chai";
import { DEFAULT_GAS_MODEL, expectedGas } from "../../bot/chains/gasModel";
import type { Opportunity } from "../../bot/strategies/opportunity";
import { gasCostInProfitToken, rankOpportunities } from "../../bot/strategies/cycle-arb/rankOpportunities";
import { addr } from "./helpers";

const WETH = addr(1);
const USDC = addr(2);
const DAI = addr(3);

function op(cycleId: number, profit: bigint, token: string, gas: bigint): Opportunity {
  return { cycleId, path: [], amountIn: 1n, amountOut: 1n + profit, profit, profitToken: token, gas };
}

describe("strategy/rankOpportunities and the gas model", () => {
  it("adds the per-transaction and per-hop figures of the table", () => {
    // The figures themselves follow the executor's gas snapshot (test/strategy/gasModel.test.ts).
    const { base, perHop } = DEFAULT_GAS_MODEL;
    expect(expectedGas(["uniswap-v2", "uniswap-v3", "uniswap-v2"])).to.equal(
      BigInt(base + perHop["uniswap-v2"] + perHop["uniswap-v3"] + perHop["uniswap-v2"]),
    );
    expect(expectedGas([])).to.equal(BigInt(base));
  });

  it("ranks by raw profit without pricing, ties by cycle id", () => {
    const ranked = rankOpportunities([op(3, 5n, WETH, 1n), op(1, 9n, WETH, 1n), op(2, 5n, WETH, 1n)]);
    expect(ranked.map((o) => o.cycleId)).to.deep.equal([1, 2, 3]);
  });

  it("ranks by profit net of gas across tokens when priced, unpriced tokens last", () => {
    // 10 gwei; 1 ETH = 3000 USDC. Gas cost of 200k gas = 0.002 ETH = 6 USDC.
    const pricing = {
      gasPriceWei: 10n * 10n ** 9n,
      tokenPerNative: new Map([
        [WETH, 10n ** 18n],
        [USDC, 3000n * 10n ** 6n],
      ]),
    };
    const a = op(1, 3n * 10n ** 15n, WETH, 200_000n); // 0.003 ETH - 0.002 = 0.001 ETH net
    const b = op(2, 10n * 10n ** 6n, USDC, 200_000n); // 10 USDC - 6 = 4 USDC net = 0.00133 ETH
    const c = op(3, 7n * 10n ** 6n, USDC, 200_000n); // 1 USDC net
    const d = op(4, 10n ** 30n, DAI, 200_000n); // huge but unpriced
    expect(gasCostInProfitToken(b, pricing)).to.equal(6n * 10n ** 6n);
    expect(gasCostInProfitToken(d, pricing)).to.equal(undefined);
    expect(rankOpportunities([a, b, c, d], pricing).map((o) => o.cycleId)).to.deep.equal([2, 1, 3, 4]);
    // Without pricing, raw profits decide (and the DAI one wins on raw units).
    expect(rankOpportunities([a, b, c, d])[0].cycleId).to.equal(4);
  });
});
