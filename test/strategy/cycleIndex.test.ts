import { expect } from "chai";
import { CycleIndex, MAX_HOPS } from "../../bot/strategies/cycle-arb/cycleIndex";
import { TokenGraph } from "../../bot/strategies/cycle-arb/tokenGraph";
import { addr, v2 } from "./helpers";

const W = addr(1);
const U = addr(2);
const X = addr(3);
const Y = addr(4);

/** W/U twice, W/X, U/X: the example worked by hand in the comments below. */
function smallGraph(): TokenGraph {
  return new TokenGraph([
    v2(0, W, U, 10n, 10n),
    v2(1, W, U, 10n, 10n),
    v2(2, W, X, 10n, 10n),
    v2(3, U, X, 10n, 10n),
  ]);
}

function ids(graph: TokenGraph, tokens: string[]): number[] {
  return tokens.map((t) => graph.tokenId(t) as number);
}

function cycleList(index: CycleIndex): string[] {
  const out: string[] = [];
  for (let c = 0; c < index.count; c++) {
    out.push(Array.from(index.hopPools.subarray(c * MAX_HOPS, c * MAX_HOPS + index.hopCount[c])).join(","));
  }
  return out.sort();
}

describe("strategy/CycleIndex", () => {
  it("enumerates the hand-counted cycles of a 4-pool graph with bases WETH, USDC", () => {
    const g = smallGraph();
    const index = CycleIndex.build(g, ids(g, [W, U]));
    // From W: 2-hop (p0,p1), (p1,p0); 3-hop W->U->X->W via p0|p1, p3, p2 and W->X->U->W via p2, p3, p0|p1.
    // From U: every cycle through U also passes W, which outranks it: none.
    expect(cycleList(index)).to.deep.equal(["0,1", "0,3,2", "1,0", "1,3,2", "2,3,0", "2,3,1"]);
    expect(Array.from(index.cyclesOfPool(3)).length).to.equal(4);
    // p0: (p0,p1), (p1,p0), (p0,p3,p2), (p2,p3,p0).
    expect(Array.from(index.cyclesOfPool(0)).length).to.equal(4);
    expect(Array.from(index.cyclesOfPool(2)).length).to.equal(4);
  });

  it("starts every cycle at USDC when it is the only base", () => {
    const g = smallGraph();
    const index = CycleIndex.build(g, ids(g, [U]));
    // 2-hop U->W->U: (p0,p1), (p1,p0); 3-hop U->W->X->U: p0|p1, p2, p3; U->X->W->U: p3, p2, p0|p1.
    expect(cycleList(index)).to.deep.equal(["0,1", "0,2,3", "1,0", "1,2,3", "3,2,0", "3,2,1"]);
    const u = g.tokenId(U) as number;
    expect(Array.from(index.startToken).every((t) => t === u)).to.equal(true);
  });

  it("records directions so that every cycle's hops chain token to token back to the start", () => {
    const g = new TokenGraph([
      v2(0, W, U, 1n, 1n),
      v2(1, U, W, 1n, 1n),
      v2(2, X, W, 1n, 1n),
      v2(3, U, X, 1n, 1n),
      v2(4, Y, X, 1n, 1n),
      v2(5, Y, W, 1n, 1n),
    ]);
    const index = CycleIndex.build(g, ids(g, [W, U]));
    expect(index.count).to.be.greaterThan(0);
    for (let c = 0; c < index.count; c++) {
      let token = index.startToken[c];
      const seen = new Set<number>();
      for (let h = 0; h < index.hopCount[c]; h++) {
        const p = index.hopPools[c * MAX_HOPS + h];
        expect(seen.has(p), "no pool twice").to.equal(false);
        seen.add(p);
        const tokenIn = index.zeroForOne(c, h) ? g.poolToken0[p] : g.poolToken1[p];
        expect(tokenIn).to.equal(token);
        token = g.otherToken(p, token);
      }
      expect(token).to.equal(index.startToken[c]);
    }
  });

  it("counts 2-hop cycles as ordered pairs of distinct pools on a pair and 3-hop as products", () => {
    // n pools W/X, m pools X/Y, k pools Y/W, base W only: 2-hop n(n-1) + k(k-1), 3-hop 2*n*m*k.
    const [n, m, k] = [3, 2, 4];
    const pools = [];
    let id = 0;
    for (let i = 0; i < n; i++) pools.push(v2(id++, W, X, 1n, 1n));
    for (let i = 0; i < m; i++) pools.push(v2(id++, X, Y, 1n, 1n));
    for (let i = 0; i < k; i++) pools.push(v2(id++, Y, W, 1n, 1n));
    const g = new TokenGraph(pools);
    const index = CycleIndex.build(g, ids(g, [W]));
    expect(index.count).to.equal(n * (n - 1) + k * (k - 1) + 2 * n * m * k);
    const total = Array.from(index.hopCount).reduce((s, h) => s + h, 0);
    expect(index.poolCycles.length).to.equal(total);
  });
});
