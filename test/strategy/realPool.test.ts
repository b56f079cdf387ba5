import { expect } from "chai";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { OpportunityEngine } from "../../bot/strategies/cycle-arb/engine";
import { quotePath } from "../../bot/strategies/cycle-arb/hop";
import { WBTC_WETH_BLOCKS, wbtcWethSnapshot } from "../fixtures/poolSnapshots";
import { denseBest } from "./helpers";

/**
 * The real Uniswap V3 WBTC/WETH 0.3 % pool (458 initialised ticks) against a V2 pair on the same
 * tokens priced away from it: the arbitrage moves the V3 price across many ticks, so sizing must
 * step range by range. Checked against a dense brute-force search on exact quotes.
 */
describe("strategy: sizing against a real V3 pool (WBTC/WETH 0.3 %, mainnet)", () => {
  for (const block of WBTC_WETH_BLOCKS) {
    it(`block ${block}: every cycle found is exact and at least the dense search's best`, () => {
      const state = wbtcWethSnapshot(block);
      const v3 = new UniswapV3Pool(state);
      const s = Number(state.sqrtPriceX96) / 2 ** 96;
      const price = s * s; // raw WETH per raw WBTC
      let checked = 0;
      let mostCrossed = 0;
      // Both fees together are 0.6 %: every skew below is beyond them.
      for (const skew of [-0.06, -0.015, -0.008, 0.008, 0.015, 0.06]) {
        const reserve0 = 3_000n * 10n ** 8n; // 3,000 WBTC
        const v2 = new UniswapV2Pool({
          address: "0x" + "77".repeat(20),
          token0: state.token0,
          token1: state.token1,
          reserve0,
          reserve1: BigInt(Math.floor(Number(reserve0) * price * (1 + skew))),
          feeBps: 30,
        });
        const engine = new OpportunityEngine([v3, v2], { bases: [state.token1, state.token0] });
        engine.evaluateAll();
        const ops = engine.opportunities();
        expect(ops.length, `skew ${skew}`).to.be.greaterThan(0);
        for (const o of ops) {
          const hops = engine.hopsOf(o.cycleId);
          expect(quotePath(hops, o.amountIn)).to.deep.equal([o.amountIn, ...o.path.map((h) => h.amountOut)]);
          const brute = denseBest(hops, 300);
          // Rounding slack: two units of the intermediate token (WBTC, 8 decimals) valued in wei.
          const amounts = quotePath(hops, brute.x) as bigint[];
          const slack = (2n * amounts[0]) / amounts[1] + 2n;
          expect(o.profit >= brute.profit - slack, `skew ${skew}: ${o.profit} < ${brute.profit}`).to.equal(
            true,
          );
          const v3Hop = o.path.find((h) => h.kind === "uniswap-v3");
          const after = v3.simulateSwap(v3Hop?.tokenIn === state.token0, v3Hop?.amountIn as bigint);
          const [lo, hi] = [Math.min(after.tick, state.tick), Math.max(after.tick, state.tick)];
          const crossed = state.ticks.filter((t) => t.index > lo && t.index <= hi).length;
          mostCrossed = Math.max(mostCrossed, crossed);
          checked++;
        }
      }
      expect(checked).to.be.greaterThan(5);
      // The largest dislocations are only closed after crossing several initialised ticks.
      expect(mostCrossed).to.be.greaterThan(3);
    });
  }
});
