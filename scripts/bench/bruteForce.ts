import { quotePath, type Hop } from "../../bot/strategies/cycle-arb/hop";

function profitAt(hops: readonly Hop[], x: bigint): bigint {
  const q = quotePath(hops, x);
  return q === undefined ? -1n : q[q.length - 1] - x;
}

/**
 * The best exact profit a dense search over integer inputs finds, independent of the engine's
 * sizing: a geometric sweep (ratio 1.1) from 1 until profit has turned negative, then two
 * successively finer linear grids (each `points` wide) around the best point so far.
 */
export function bruteForceOptimum(hops: readonly Hop[], points = 200): { x: bigint; profit: bigint } {
  let best = { x: 0n, profit: 0n };
  const consider = (x: bigint): bigint => {
    const p = x > 0n ? profitAt(hops, x) : -1n;
    if (p > best.profit) best = { x, profit: p };
    return p;
  };
  for (let x = 1n; x < 1n << 128n; x = (x * 11n) / 10n + 1n) {
    if (consider(x) < 0n && best.profit > 0n) break;
  }
  for (const width of [8n, 512n]) {
    if (best.x === 0n) break;
    const lo = best.x - best.x / width;
    const span = (2n * best.x) / width;
    for (let i = 0n; i <= BigInt(points); i++) consider(lo + (span * i) / BigInt(points));
  }
  return best;
}
