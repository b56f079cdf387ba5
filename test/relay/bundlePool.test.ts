import { expect } from "chai";
import type { Bundle } from "../../bot/devnet/relay/bundle";
import { BundlePool } from "../../bot/devnet/relay/bundlePool";

const ALICE = "0x00000000000000000000000000000000000A11CE";
const BOB = "0x0000000000000000000000000000000000000B0B";

function bundle(n: number, block: bigint, signer = ALICE, replacementUuid?: string, at = n): Bundle {
  return {
    bundleHash: `0x${n.toString(16).padStart(64, "0")}`,
    txs: [],
    blockNumber: block,
    revertingTxHashes: new Set(),
    replacementUuid,
    signer,
    receivedAt: new Date(1_700_000_000_000 + at),
  };
}

describe("devnet relay: bundle pool", () => {
  it("hands out the live bundles of one block in arrival order", () => {
    const pool = new BundlePool("0xpk");
    pool.add(bundle(2, 10n, ALICE, undefined, 5));
    pool.add(bundle(1, 10n, ALICE, undefined, 1));
    pool.add(bundle(3, 11n));
    expect(pool.forBlock(10n).map((b) => b.bundleHash)).to.deep.equal([
      bundle(1, 10n).bundleHash,
      bundle(2, 10n).bundleHash,
    ]);
  });

  it("replaces and cancels by replacementUuid, only for the signer who sent it", () => {
    const pool = new BundlePool("0xpk");
    pool.add(bundle(1, 10n, ALICE, "u"));
    expect(pool.add(bundle(2, 10n, ALICE, "u")).replaced).to.equal(bundle(1, 10n).bundleHash);
    expect(pool.forBlock(10n).map((b) => b.bundleHash)).to.deep.equal([bundle(2, 10n).bundleHash]);
    expect(pool.cancel(BOB, "u")).to.deep.equal([]);
    expect(pool.cancel(ALICE, "u")).to.deep.equal([bundle(2, 10n).bundleHash]);
    expect(pool.cancel(ALICE, "u")).to.deep.equal([]);
    expect(pool.forBlock(10n)).to.deep.equal([]);
  });

  it("reports what happened to a bundle, and nothing for one it never received", () => {
    const pool = new BundlePool("0xpk");
    const b = bundle(1, 10n);
    pool.add(b);
    expect(pool.stats(b.bundleHash, 11n)).to.deep.equal({ known: false, builderPubkey: "0xpk" });
    const t = new Date(1_700_000_001_000);
    pool.markSimulated(b, t);
    pool.markConsidered(b, t);
    pool.markSealed(b, 10n, t);
    expect(pool.stats(b.bundleHash.toUpperCase().replace("0X", "0x"), 10n)).to.include({
      known: true,
      simulatedAt: t,
      consideredAt: t,
      sealedAt: t,
      includedInBlock: 10n,
    });
    // Stats are kept for 256 blocks past the target block, then forgotten.
    pool.prune(10n + 256n);
    expect(pool.stats(b.bundleHash, 10n).known).to.equal(true);
    pool.prune(10n + 257n);
    expect(pool.stats(b.bundleHash, 10n).known).to.equal(false);
  });
});
