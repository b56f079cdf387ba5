import { expect } from "chai";
import { BlockTracker, ReorgTooDeepError, type BlockRef } from "../../bot/chain/blockTracker";

function chainOf(prefix: string, from: number, to: number, parentOfFirst: string): BlockRef[] {
  const out: BlockRef[] = [];
  let parent = parentOfFirst;
  for (let n = from; n <= to; n++) {
    const hash = `${prefix}${n}`;
    out.push({ number: n, hash, parentHash: parent });
    parent = hash;
  }
  return out;
}

describe("BlockTracker", () => {
  it("extends on a child of the tip and knows blocks it holds", () => {
    const t = new BlockTracker(8);
    const [b1, b2] = chainOf("a", 1, 2, "a0");
    expect(t.classify(b1)).to.deep.equal({ kind: "extend", block: b1 });
    t.push(b1);
    expect(t.classify(b2)).to.deep.equal({ kind: "extend", block: b2 });
    t.push(b2);
    expect(t.classify(b1)).to.deep.equal({ kind: "known" });
    expect(t.tip).to.equal(b2);
  });

  it("reports a gap when blocks were missed", () => {
    const t = new BlockTracker(8);
    const blocks = chainOf("a", 1, 5, "a0");
    t.push(blocks[0]);
    expect(t.classify(blocks[4])).to.deep.equal({ kind: "gap", from: 2, to: 5 });
  });

  it("detects a reorg by parent hash and rolls back to the common ancestor", () => {
    const t = new BlockTracker(16);
    for (const b of chainOf("a", 1, 6, "a0")) t.push(b);
    // The new chain shares blocks 1..3, then replaces 4..6 with b4..b7.
    const fork = chainOf("b", 4, 7, "a3");
    expect(t.classify(fork[0]).kind).to.equal("reorg");
    const newHash = (n: number) => (n <= 3 ? `a${n}` : `b${n}`);
    const { ancestor, dropped } = t.rollbackTo(newHash);
    expect(ancestor).to.equal(3);
    expect(dropped.map((b) => b.number)).to.deep.equal([6, 5, 4]);
    expect(t.tip?.hash).to.equal("a3");
    for (const b of fork) t.push(b);
    expect(t.tip?.hash).to.equal("b7");
  });

  it("treats a sibling at the tip's height as a reorg, not as known", () => {
    const t = new BlockTracker(8);
    for (const b of chainOf("a", 1, 3, "a0")) t.push(b);
    expect(t.classify({ number: 3, hash: "x3", parentHash: "a2" }).kind).to.equal("reorg");
  });

  it("refuses to roll back past its window", () => {
    const t = new BlockTracker(3);
    for (const b of chainOf("a", 1, 10, "a0")) t.push(b);
    expect(t.hashAt(7)).to.equal(undefined);
    expect(() => t.rollbackTo(() => "other")).to.throw(ReorgTooDeepError);
  });

  it("rejects a push that does not extend the tip", () => {
    const t = new BlockTracker(8);
    t.push({ number: 1, hash: "a1", parentHash: "a0" });
    expect(() => t.push({ number: 2, hash: "b2", parentHash: "zz" })).to.throw(/does not extend/);
  });
});
