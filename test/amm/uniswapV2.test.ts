import { expect } from "chai";
import fc from "fast-check";
import { MAX_UINT112, UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { AmmStateError } from "../../bot/venues/common/errors";

const A = "0x00000000000000000000000000000000000000aa";
const T0 = "0x0000000000000000000000000000000000000001";
const T1 = "0x0000000000000000000000000000000000000002";

function pool(reserve0: bigint, reserve1: bigint, feeBps = 30): UniswapV2Pool {
  return new UniswapV2Pool({ address: A, token0: T0, token1: T1, reserve0, reserve1, feeBps });
}

/** UniswapV2Pair.swap's K check with the fee generalised to bps: does the pair accept this trade? */
function pairAccepts(
  rIn: bigint,
  rOut: bigint,
  feeBps: bigint,
  amountIn: bigint,
  amountOut: bigint,
): boolean {
  if (amountOut <= 0n || amountOut >= rOut) return false;
  const balIn = (rIn + amountIn) * 10_000n - amountIn * feeBps;
  const balOut = (rOut - amountOut) * 10_000n;
  return balIn * balOut >= rIn * rOut * 10_000n * 10_000n;
}

describe("UniswapV2Pool model", () => {
  it("quotes the textbook example exactly as getAmountOut (997/1000)", () => {
    const p = pool(1_000_000n, 2_000_000n);
    const a = 10_000n;
    expect(p.quoteExactIn(true, a)).to.equal((a * 997n * 2_000_000n) / (1_000_000n * 1000n + a * 997n));
    expect(p.quoteExactIn(false, a)).to.equal((a * 997n * 1_000_000n) / (2_000_000n * 1000n + a * 997n));
  });

  it("returns 0n for zero input, empty reserves and outputs at or above the reserve", () => {
    expect(pool(10n, 10n).quoteExactIn(true, 0n)).to.equal(0n);
    expect(pool(0n, 10n).quoteExactIn(false, 5n)).to.equal(0n);
    expect(pool(10n, 10n).quoteExactOut(true, 10n)).to.equal(0n);
    expect(pool(10n, 10n).quoteExactOut(true, 11n)).to.equal(0n);
    expect(pool(0n, 10n).quoteExactOut(true, 1n)).to.equal(0n);
  });

  it("returns 0n when the input would overflow the pair's uint112 reserve", () => {
    const p = pool(MAX_UINT112 - 5n, MAX_UINT112);
    expect(p.quoteExactIn(true, 6n)).to.equal(0n);
    expect(p.quoteExactIn(true, 5n)).to.equal(4n);
  });

  it("gives the largest output the K check accepts and the smallest input for an output (any fee)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.bigInt({ min: 1n, max: 1n << 100n }),
        fc.integer({ min: 0, max: 9999 }),
        fc.boolean(),
        (r0, r1, a, fee, zeroForOne) => {
          const p = pool(r0, r1, fee);
          const [rIn, rOut] = zeroForOne ? [r0, r1] : [r1, r0];
          const out = p.quoteExactIn(zeroForOne, a);
          if (out > 0n) expect(pairAccepts(rIn, rOut, BigInt(fee), a, out)).to.equal(true);
          expect(pairAccepts(rIn, rOut, BigInt(fee), a, out + 1n)).to.equal(false);
          const target = (a % rOut) + 1n;
          const need = p.quoteExactOut(zeroForOne, target);
          const unbounded =
            target >= rOut ? 0n : (rIn * target * 10_000n) / ((rOut - target) * (10_000n - BigInt(fee))) + 1n;
          if (target >= rOut || unbounded > MAX_UINT112 - rIn) {
            expect(need).to.equal(0n);
          } else {
            expect(pairAccepts(rIn, rOut, BigInt(fee), need, target)).to.equal(true);
            // getAmountIn's +1 may overpay by one wei, never more.
            expect(pairAccepts(rIn, rOut, BigInt(fee), need - 2n, target)).to.equal(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("updates from Sync and rejects impossible state", () => {
    const p = pool(100n, 100n);
    p.applySync(5000n, 7000n);
    expect([p.reserve0, p.reserve1]).to.deep.equal([5000n, 7000n]);
    expect(p.marginalRate(true)).to.be.closeTo((7000 / 5000) * 0.997, 1e-12);
    expect(() => p.applySync(MAX_UINT112 + 1n, 1n)).to.throw(AmmStateError);
    expect(() => pool(1n, 1n, 10_000)).to.throw(AmmStateError);
    expect(
      () =>
        new UniswapV2Pool({
          address: "0x12",
          token0: T0,
          token1: T1,
          reserve0: 1n,
          reserve1: 1n,
          feeBps: 30,
        }),
    ).to.throw(AmmStateError);
  });

  it("lower-cases addresses", () => {
    const p = new UniswapV2Pool({
      address: A.toUpperCase().replace("0X", "0x"),
      token0: T0,
      token1: T1,
      reserve0: 1n,
      reserve1: 1n,
      feeBps: 25,
    });
    expect(p.address).to.equal(A);
  });
});
