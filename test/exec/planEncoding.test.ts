/**
 * The plan encoding byte by byte: the layout the contract reads with calldataload.
 */
import { expect } from "chai";
import {
  HopKind,
  encodeExecute,
  encodeHop,
  encodePlan,
  EXECUTE_SELECTOR,
  planCalldataGas,
  type Hop,
} from "../../bot/plan/planEncoding";

const A = "0x" + "11".repeat(20);
const B = "0x" + "22".repeat(20);

describe("planEncoding", function () {
  it("packs the header: deadline, flags, token, amountIn, minProfit", function () {
    const hex = encodePlan({
      deadlineBlock: 0x01020304n,
      funding: { mode: "inventory" },
      token: A,
      amountIn: 5n,
      minProfit: 7n,
      tip: { kind: "none" },
      hops: [{ kind: HopKind.UniswapV3, pool: B, zeroForOne: true }],
    });
    expect(hex).to.equal(
      "0x01020304" +
        "00" +
        "11".repeat(20) +
        "5".padStart(32, "0") +
        "7".padStart(32, "0") +
        "09" + // kind 1 (UniswapV3) << 3 | zeroForOne
        "22".repeat(20),
    );
    expect((hex.length - 2) / 2).to.equal(57 + 21);
  });

  it("adds the tip, then the V2 callback selector; lenders take no field", function () {
    const base = { deadlineBlock: 1n, token: A, amountIn: 1n, minProfit: 0n };
    const v2 = { kind: HopKind.UniswapV2, pair: B, zeroForOne: false, amountOut: 9n };
    const share = encodePlan({
      ...base,
      funding: { mode: "v2flash", callbackSelector: "0x84800812" },
      tip: { kind: "share", bps: 8000, from: "weth" },
      hops: [v2, v2],
    });
    // flags: funding 1 | TIP 0x08 | SHARE 0x10 | UNWRAP 0x20 = 0x39; then uint16 bps, then selector.
    expect(share.slice(10, 12)).to.equal("39");
    expect(share.slice(2 + 57 * 2, 2 + 57 * 2 + 4 + 8)).to.equal("1f40" + "84800812");
    const fixed = encodePlan({
      ...base,
      funding: { mode: "aave" },
      tip: { kind: "fixed", wei: 3n, from: "eth" },
      hops: [v2],
    });
    expect(fixed.slice(10, 12)).to.equal("0c");
    // No lender field: the tip, then the hop (lenders are the executor's immutables).
    expect(fixed.slice(2 + 57 * 2, 2 + 57 * 2 + 32 + 2)).to.equal("3".padStart(32, "0") + "00");
  });

  it("encodes each hop kind at its length, the kind in the head byte's bits 3-7 and options below", function () {
    expect(HopKind).to.deep.equal({ UniswapV2: 0, UniswapV3: 1, PancakeV3: 2 });
    // Kind 0, bit 0 zeroForOne, the amount given: 37 bytes.
    expect(encodeHop({ kind: HopKind.UniswapV2, pair: B, zeroForOne: true, amountOut: 1n })).to.equal(
      "01" + "22".repeat(20) + "1".padStart(32, "0"),
    );
    // Kind 0, bit 1 the option (amount computed from reserves with feeBps): 23 bytes.
    expect(encodeHop({ kind: HopKind.UniswapV2, pair: B, zeroForOne: false, feeBps: 25 })).to.equal(
      "02" + "22".repeat(20) + "0019",
    );
    // Kind 1, bit 1 the option (a price limit given): 41 bytes; without it 21.
    expect(
      encodeHop({ kind: HopKind.UniswapV3, pool: B, zeroForOne: false, sqrtPriceLimitX96: 1n }),
    ).to.equal("0a" + "22".repeat(20) + "1".padStart(40, "0"));
    expect(encodeHop({ kind: HopKind.UniswapV3, pool: B, zeroForOne: true })).to.equal(
      "09" + "22".repeat(20),
    );
    // Kind 2, the same layout as kind 1.
    expect(encodeHop({ kind: HopKind.PancakeV3, pool: B, zeroForOne: true })).to.equal(
      "11" + "22".repeat(20),
    );
    expect(
      encodeHop({ kind: HopKind.PancakeV3, pool: B, zeroForOne: false, sqrtPriceLimitX96: 1n }),
    ).to.equal("12" + "22".repeat(20) + "1".padStart(40, "0"));
  });

  it("refuses a hop kind it does not know", function () {
    const hop = { kind: 7, pool: B, zeroForOne: true } as unknown as Hop;
    expect(() => encodeHop(hop)).to.throw("unknown hop kind");
  });

  it("prefixes execute()'s selector and prices the calldata", function () {
    const plan = {
      deadlineBlock: 1n,
      funding: { mode: "inventory" as const },
      token: A,
      amountIn: 1n,
      minProfit: 0n,
      tip: { kind: "none" as const },
      hops: [{ kind: HopKind.UniswapV3, pool: B, zeroForOne: false }],
    };
    expect(encodeExecute(plan)).to.equal(EXECUTE_SELECTOR + encodePlan(plan).slice(2));
    expect(planCalldataGas("0x00ff")).to.equal(20);
  });

  it("refuses values that do not fit, bad addresses and bad fees", function () {
    const base = {
      deadlineBlock: 2n ** 32n,
      funding: { mode: "inventory" as const },
      token: A,
      amountIn: 1n,
      minProfit: 0n,
      tip: { kind: "none" as const },
      hops: [{ kind: HopKind.UniswapV3, pool: B, zeroForOne: false }],
    };
    expect(() => encodePlan(base)).to.throw("deadlineBlock");
    expect(() => encodePlan({ ...base, deadlineBlock: 1n, token: "0x12" })).to.throw("token");
    expect(() => encodeHop({ kind: HopKind.UniswapV2, pair: B, zeroForOne: false, feeBps: 10_000 })).to.throw(
      "feeBps",
    );
    const v2 = { kind: HopKind.UniswapV2, pair: B, zeroForOne: false, amountOut: 1n };
    expect(() =>
      encodePlan({
        ...base,
        deadlineBlock: 1n,
        funding: { mode: "v2flash", callbackSelector: "0x12" },
        hops: [v2, v2],
      }),
    ).to.throw("selector");
  });
});
