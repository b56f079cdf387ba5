import { expect } from "chai";
import fc from "fast-check";
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool, TickListDataProvider } from "@uniswap/v3-sdk";
import { AmmStateError } from "../../bot/venues/common/errors";
import {
  DEFAULT_LIMIT_ZERO_FOR_ONE,
  UniswapV3Pool,
  type UniswapV3State,
} from "../../bot/venues/uniswap-v3/pool";
import { rangeAhead, v3Ranges, virtualReserves } from "../../bot/venues/uniswap-v3/math/ranges";
import { getSqrtRatioAtTick } from "../../bot/venues/uniswap-v3/math/tickMath";
import { wbtcWethSnapshot } from "../fixtures/poolSnapshots";
import { Rng } from "./helpers/random";

function sdkPool(s: UniswapV3State): { pool: Pool; t0: Token; t1: Token } {
  const t0 = new Token(1, s.token0, 8);
  const t1 = new Token(1, s.token1, 18);
  const ticks = s.ticks.map((t) => ({
    index: t.index,
    liquidityNet: t.liquidityNet.toString(),
    liquidityGross: t.liquidityGross.toString(),
  }));
  const pool = new Pool(
    t0,
    t1,
    s.fee,
    s.sqrtPriceX96.toString(),
    s.liquidity.toString(),
    s.tick,
    new TickListDataProvider(ticks, s.tickSpacing),
  );
  return { pool, t0, t1 };
}

const A = "0x00000000000000000000000000000000000000aa";
const T0 = "0x0000000000000000000000000000000000000001";
const T1 = "0x0000000000000000000000000000000000000002";

function emptyPool(tick = 0): UniswapV3Pool {
  return new UniswapV3Pool({
    address: A,
    token0: T0,
    token1: T1,
    fee: 3000,
    tickSpacing: 60,
    sqrtPriceX96: getSqrtRatioAtTick(tick),
    tick,
    liquidity: 0n,
    ticks: [],
  });
}

describe("UniswapV3Pool model", () => {
  for (const block of [24947230, 24407242] as const) {
    it(`quotes the real WBTC/WETH pool (block ${block}) as the Uniswap SDK does, in and out, across many ticks`, async () => {
      const state = wbtcWethSnapshot(block);
      const model = new UniswapV3Pool(state);
      const { pool, t0, t1 } = sdkPool(state);
      const rng = new Rng(block);
      let maxCrossed = 0;
      for (let k = 0; k < 40; k++) {
        const zeroForOne = k % 2 === 0;
        // Up to ~300 WBTC or ~9,000 WETH: enough to cross dozens of initialised ticks.
        const amount = rng.bigLogUniform(zeroForOne ? 3n * 10n ** 10n : 9n * 10n ** 21n);
        const [inToken, outToken] = zeroForOne ? [t0, t1] : [t1, t0];
        const [sdkOut] = await pool.getOutputAmount(CurrencyAmount.fromRawAmount(inToken, amount.toString()));
        expect(model.quoteExactIn(zeroForOne, amount).toString()).to.equal(sdkOut.quotient.toString());
        const want = BigInt(sdkOut.quotient.toString());
        if (want > 0n) {
          const [sdkIn] = await pool.getInputAmount(CurrencyAmount.fromRawAmount(outToken, want.toString()));
          expect(model.quoteExactOut(zeroForOne, want).toString()).to.equal(sdkIn.quotient.toString());
        }
        const sim = model.simulateSwap(zeroForOne, amount);
        maxCrossed = Math.max(
          maxCrossed,
          Math.abs(model.ticks.atOrBelow(sim.tick) - model.ticks.atOrBelow(model.tick)),
        );
      }
      expect(maxCrossed).to.be.greaterThan(20);
    });
  }

  it("gives the same quotes with a cold and a warm whole-range cache, and after mints and burns", () => {
    const state = wbtcWethSnapshot(24947230);
    const warm = new UniswapV3Pool(state);
    const rng = new Rng(7);
    const sizes = Array.from({ length: 60 }, (_, k) => ({
      zeroForOne: k % 2 === 0,
      amount: rng.bigLogUniform(k % 2 === 0 ? 10n ** 11n : 10n ** 22n),
    }));
    const quoteAll = (p: UniswapV3Pool) =>
      sizes.map((s) => [
        p.quoteExactIn(s.zeroForOne, s.amount),
        p.quoteExactOut(s.zeroForOne, s.amount / 3n),
      ]);
    const first = quoteAll(warm);
    expect(quoteAll(warm)).to.deep.equal(first);
    // Liquidity changes inside ranges the cache already holds: the cache must not survive them.
    const t = warm.ticks.index[warm.ticks.atOrBelow(warm.tick) - 3];
    warm.applyMint(t - 600, t + 60, 10n ** 17n);
    warm.applyBurn(t - 600, t + 60, 10n ** 16n);
    const after = quoteAll(warm);
    expect(after).to.not.deep.equal(first);
    expect(after).to.deep.equal(quoteAll(new UniswapV3Pool(warm.toState())));
  });

  it("quotes are monotonic in size (what a sizer's search relies on), exact-in and exact-out", () => {
    const model = new UniswapV3Pool(wbtcWethSnapshot(24407242));
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 1n, max: 10n ** 22n }),
        fc.bigInt({ min: 0n, max: 10n ** 21n }),
        (z, a, d) => {
          const small = z ? a / 10n ** 10n + 1n : a;
          const large = small + (z ? d / 10n ** 10n : d);
          expect(model.quoteExactIn(z, small) <= model.quoteExactIn(z, large)).to.equal(true);
          const needSmall = model.quoteExactOut(z, small);
          const needLarge = model.quoteExactOut(z, large);
          if (needLarge !== 0n) expect(needSmall <= needLarge).to.equal(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("returns 0n for zero, for more than the pool holds, and when the price sits at its limit", () => {
    const model = new UniswapV3Pool(wbtcWethSnapshot(24947230));
    expect(model.quoteExactIn(true, 0n)).to.equal(0n);
    expect(model.quoteExactOut(false, 0n)).to.equal(0n);
    const all = model.simulateSwap(true, 1n << 200n);
    expect(all.amountSpecifiedRemaining > 0n).to.equal(true);
    expect(model.quoteExactIn(true, all.amount0)).to.not.equal(0n);
    expect(model.quoteExactIn(true, all.amount0 + 1n)).to.equal(0n);
    expect(model.quoteExactOut(true, -all.amount1)).to.not.equal(0n);
    expect(model.quoteExactOut(true, -all.amount1 + 1n)).to.equal(0n);
    model.applySwap(all.sqrtPriceX96, all.liquidity, all.tick);
    expect(model.quoteExactIn(true, 1000n)).to.equal(0n);
    expect(model.quoteExactIn(false, 10n ** 12n) > 0n).to.equal(true);
  });

  it("follows Mint and Burn: ticks appear and disappear with their gross liquidity, active liquidity in range only", () => {
    const p = emptyPool(100);
    p.applyMint(60, 180, 1000n);
    expect(p.liquidity).to.equal(1000n);
    expect(p.ticks.toArray()).to.deep.equal([
      { index: 60, liquidityNet: 1000n, liquidityGross: 1000n },
      { index: 180, liquidityNet: -1000n, liquidityGross: 1000n },
    ]);
    p.applyMint(-120, 60, 500n); // below the price: not active
    expect(p.liquidity).to.equal(1000n);
    expect(p.ticks.toArray()[1]).to.deep.equal({ index: 60, liquidityNet: 500n, liquidityGross: 1500n });
    p.applyBurn(60, 180, 1000n);
    expect(p.liquidity).to.equal(0n);
    expect(p.ticks.index).to.deep.equal([-120, 60]);
    p.applyBurn(-120, 60, 500n);
    expect(p.ticks.length).to.equal(0);
    // The upper tick is exclusive: a position ending at the current tick is not active.
    const q = emptyPool(120);
    q.applyMint(0, 120, 7n);
    expect(q.liquidity).to.equal(0n);
    q.applyMint(120, 240, 7n);
    expect(q.liquidity).to.equal(7n);
  });

  it("rejects state no pool can hold", () => {
    const base = wbtcWethSnapshot(24947230);
    expect(() => new UniswapV3Pool({ ...base, fee: 1_000_000 })).to.throw(AmmStateError);
    expect(() => new UniswapV3Pool({ ...base, ticks: [...base.ticks].reverse() })).to.throw(AmmStateError);
    expect(
      () => new UniswapV3Pool({ ...base, ticks: [{ index: 61, liquidityNet: 1n, liquidityGross: 1n }] }),
    ).to.throw(AmmStateError);
    const p = emptyPool();
    expect(() => p.applyBurn(60, 120, 1n)).to.throw(AmmStateError);
    expect(() => p.applyBurn(0, 60, 1n)).to.throw(AmmStateError); // active liquidity would go negative
    expect(() => p.applyMint(60, 60, 1n)).to.throw(AmmStateError);
  });

  it("marginalRate is the limit of quote/size, fee included", () => {
    const model = new UniswapV3Pool(wbtcWethSnapshot(24947230));
    for (const zeroForOne of [true, false]) {
      const size = zeroForOne ? 10n ** 6n : 10n ** 17n;
      const rate = Number(model.quoteExactIn(zeroForOne, size)) / Number(size);
      expect(Math.abs(rate / model.marginalRate(zeroForOne) - 1)).to.be.lessThan(1e-4);
    }
  });

  describe("range walk (v3Ranges)", () => {
    for (const zeroForOne of [true, false]) {
      it(`gives exact cumulative input/output to each initialised tick (${zeroForOne ? "0->1" : "1->0"})`, () => {
        const model = new UniswapV3Pool(wbtcWethSnapshot(24947230));
        const ranges = v3Ranges(model, zeroForOne, 40);
        expect(ranges.length).to.equal(40);
        let cumIn = 0n;
        let cumOut = 0n;
        for (let k = 0; k < ranges.length; k++) {
          const r = ranges[k];
          cumIn += r.amountIn;
          cumOut += r.amountOut;
          if (cumIn === 0n) continue;
          expect(model.quoteExactIn(zeroForOne, cumIn)).to.equal(cumOut);
          // That input lands the price on the end tick, crossed: the next range's liquidity is active.
          const sim = model.simulateSwap(zeroForOne, cumIn);
          expect(sim.sqrtPriceX96).to.equal(r.sqrtPriceEndX96);
          expect(sim.sqrtPriceX96).to.equal(getSqrtRatioAtTick(r.tickEnd!));
          if (k + 1 < ranges.length) {
            expect(sim.liquidity).to.equal(ranges[k + 1].liquidity);
            expect(ranges[k + 1].sqrtPriceStartX96).to.equal(r.sqrtPriceEndX96);
          }
          // Inside the range the pool is a V2 pair on the virtual reserves (fee in pips).
          if (r.liquidity > 0n && r.amountIn > 1000n) {
            const half = r.amountIn / 2n;
            const exact = model.clone();
            const before = exact.simulateSwap(zeroForOne, cumIn - r.amountIn + half);
            const partial =
              before.amount0 * 0n + (zeroForOne ? -before.amount1 : -before.amount0) - (cumOut - r.amountOut);
            const net = Number(half) * (1 - model.fee / 1e6);
            const v2 = (Number(r.reserveOut) * net) / (Number(r.reserveIn) + net);
            expect(Math.abs(Number(partial) / v2 - 1)).to.be.lessThan(1e-6);
          }
        }
      });
    }

    it("rangeAhead is the first range of the walk, in each direction, and undefined at the limit", () => {
      const model = new UniswapV3Pool(wbtcWethSnapshot(24947230));
      for (const zeroForOne of [true, false]) {
        const r = rangeAhead(model, zeroForOne)!;
        expect(r).to.deep.equal(v3Ranges(model, zeroForOne, 1)[0]);
        const t = model.ticks;
        expect(r.tickEnd).to.equal(t.index[zeroForOne ? t.atOrBelow(model.tick) : t.above(model.tick)]);
        expect(r.liquidity).to.equal(model.liquidity);
        expect(model.quoteExactIn(zeroForOne, r.amountIn)).to.equal(r.amountOut);
      }
      const p = emptyPool(0);
      p.applySwap(DEFAULT_LIMIT_ZERO_FOR_ONE, 0n, -887272);
      expect(rangeAhead(p, true)).to.equal(undefined);
    });

    it("virtual reserves are L/sqrtP and L*sqrtP", () => {
      const v = virtualReserves(2n ** 96n * 2n, 10n ** 18n);
      expect(v).to.deep.equal({ reserve0: 5n * 10n ** 17n, reserve1: 2n * 10n ** 18n });
    });

    it("runs to the price limit and stops there when the ticks run out", () => {
      const p = emptyPool(0);
      p.applyMint(-120, 120, 10n ** 18n);
      const ranges = v3Ranges(p, true);
      expect(ranges.map((r) => r.tickEnd)).to.deep.equal([-120, undefined]);
      expect(ranges[1].liquidity).to.equal(0n);
      expect(ranges[1].amountIn).to.equal(0n);
      expect(p.quoteExactIn(true, ranges[0].amountIn)).to.equal(ranges[0].amountOut);
      expect(p.quoteExactIn(true, ranges[0].amountIn + 1n)).to.equal(0n);
    });
  });
});
