import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import { UsageError } from "../../bot/core/errors";
import { parseSnapshot } from "../../bot/snapshot/parseSnapshot";

const FIXTURE = path.join(__dirname, "..", "fixtures", "snapshots", "mainnet-small.json");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function good(): Json {
  return JSON.parse(readFileSync(FIXTURE, "utf8"));
}

function expectUsage(mutate: (s: Json) => void, ...parts: string[]): void {
  const s = good();
  mutate(s);
  let caught: unknown;
  try {
    parseSnapshot(s, "snap.json");
  } catch (e) {
    caught = e;
  }
  expect(caught).to.be.instanceOf(UsageError);
  const message = (caught as Error).message;
  expect(message).to.not.include("\n");
  for (const p of parts) expect(message).to.include(p);
}

describe("snapshot/parseSnapshot", () => {
  it("builds V2 and V3 models with lower-case addresses and bigint state", () => {
    const s = parseSnapshot(good());
    expect(s.chainId).to.equal(1);
    expect(s.block).to.equal(21_000_000n);
    expect(s.tokens.map((t) => t.symbol)).to.deep.equal(["WETH", "USDC", "USDT", "DAI", "UNI"]);
    expect(s.pools[0]).to.be.instanceOf(UniswapV2Pool);
    expect(s.pools[2]).to.be.instanceOf(UniswapV3Pool);
    expect((s.pools[0] as UniswapV2Pool).reserve1).to.equal(10_000n * 10n ** 18n);
    for (const p of s.pools) expect(p.token0).to.equal(p.token0.toLowerCase());
  });

  it("names the pool, its address and the field for a malformed amount", () => {
    expectUsage(
      (s) => (s.pools[1].reserve0 = "12.5"),
      "snap.json",
      "pool 1 (0x5a5a",
      "reserve0",
      "decimal string",
    );
    expectUsage((s) => (s.pools[1].reserve0 = 12), "pool 1", "reserve0");
    expectUsage((s) => (s.pools[0].reserve1 = (1n << 112n).toString()), "pool 0", "reserve1", "uint112");
  });

  it("rejects unknown kinds, missing fields, unknown tokens and duplicates", () => {
    expectUsage((s) => (s.pools[4].kind = "curve"), "pool 4", "kind", "uniswap-v2");
    expectUsage((s) => delete s.pools[3].sqrtPriceX96, "pool 3", "sqrtPriceX96");
    expectUsage((s) => (s.pools[0].token0 = "0x" + "12".repeat(20)), "pool 0", "token0", "not in tokens");
    expectUsage((s) => (s.pools[0].feeBps = 10_000), "pool 0", "feeBps");
    expectUsage((s) => (s.pools[0].extra = 1), "pool 0", "extra");
    expectUsage((s) => s.pools.push({ ...s.pools[0] }), `pool ${good().pools.length}`, "listed twice");
    expectUsage((s) => (s.pools[5].address = "0x123"), "pool 5 (0x123)", "address");
    expectUsage((s) => (s.chainId = "1"), "chainId");
  });

  it("checks V3 state for consistency: tick vs price, liquidity vs ticks, tick order and spacing", () => {
    expectUsage((s) => (s.pools[2].tick += 5), "pool 2", "tick", "does not match sqrtPriceX96");
    expectUsage((s) => (s.pools[2].liquidity = "1"), "pool 2", "liquidity", "differs");
    expectUsage((s) => s.pools[2].ticks.reverse(), "pool 2", "ticks[1].index", "ascending");
    expectUsage((s) => (s.pools[2].ticks[0].index += 1), "pool 2", "ticks[0].index", "tickSpacing");
    expectUsage((s) => s.pools[2].ticks.pop(), "pool 2", "ticks", "sum to 0");
    expectUsage((s) => (s.pools[2].ticks[0].liquidityNet = "x"), "pool 2", "ticks[0].liquidityNet");
  });
});
