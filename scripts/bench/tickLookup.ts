/**
 * Why the V3 model keeps its initialised ticks in a sorted array: the cost of finding the next
 * step end (next initialised tick or bitmap-word edge, TickBitmap.nextInitializedTickWithinOneWord)
 * with a bigint bitmap as the pool stores it, versus a binary search in the sorted array, versus
 * the swap loop's own way (one binary search, then an index that moves one tick per crossing).
 *
 *   node -r ts-node/register/transpile-only scripts/bench/tickLookup.ts
 */
import { wbtcWethSnapshot } from "../../test/fixtures/poolSnapshots";
import { TickList } from "../../bot/venues/uniswap-v3/math/tickList";
import { MIN_TICK } from "../../bot/venues/uniswap-v3/math/tickMath";

const state = wbtcWethSnapshot(24947230);
const spacing = state.tickSpacing;
const list = new TickList(spacing, state.ticks);

// The pool's bitmap: word -> 256-bit mask of compressed ticks.
const bitmap = new Map<number, bigint>();
for (const t of list.index) {
  const c = t / spacing;
  bitmap.set(c >> 8, (bitmap.get(c >> 8) ?? 0n) | (1n << BigInt(c & 255)));
}

/** TickBitmap.nextInitializedTickWithinOneWord(lte = true) on the bigint bitmap. */
function bitmapNextBelow(tick: number): number {
  const c = Math.floor(tick / spacing);
  const bit = c & 255;
  const masked = (bitmap.get(c >> 8) ?? 0n) & ((1n << BigInt(bit + 1)) - 1n);
  if (masked === 0n) return (c - bit) * spacing;
  return (c - bit + masked.toString(2).length - 1) * spacing;
}

/** The same answer from the sorted array by binary search. */
function arrayNextBelow(tick: number): number {
  const c = Math.floor(tick / spacing);
  const wordStart = (c - (c & 255)) * spacing;
  const i = list.atOrBelow(tick);
  return i >= 0 && list.index[i] >= wordStart ? list.index[i] : wordStart;
}

function walk(next: (t: number) => number): number {
  // From above the highest tick down to the lowest, as a swap crossing everything would.
  let tick = list.index[list.length - 1] + spacing;
  let steps = 0;
  while (tick > list.index[0]) {
    tick = next(tick) - 1;
    steps++;
  }
  return steps;
}

function time(label: string, f: () => number): { label: string; nsPerStep: number } {
  for (let i = 0; i < 20; i++) f();
  let steps = 0;
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() - start < 300_000_000n) steps += f();
  return { label, nsPerStep: Number(process.hrtime.bigint() - start) / steps };
}

/** The swap loop's way: one search, then the index moves with each crossing. */
function pointerWalk(): number {
  let i = list.length - 1;
  let tick = list.index[i] + spacing;
  let steps = 0;
  while (i >= 0 && tick > MIN_TICK) {
    const c = Math.floor(tick / spacing);
    const wordStart = (c - (c & 255)) * spacing;
    if (list.index[i] >= wordStart) {
      tick = list.index[i] - 1;
      i--;
    } else tick = wordStart - 1;
    steps++;
  }
  return steps;
}

const sameSteps = walk(bitmapNextBelow) === walk(arrayNextBelow) && walk(arrayNextBelow) === pointerWalk();
const rows = [
  time("bigint bitmap (as the pool stores it)", () => walk(bitmapNextBelow)),
  time("sorted array, binary search per step", () => walk(arrayNextBelow)),
  time("sorted array, moving index (the model)", pointerWalk),
];
console.table(rows.map((r) => ({ method: r.label, "ns per step": Math.round(r.nsPerStep) })));
console.log(JSON.stringify({ same_steps: sameSteps, steps: walk(arrayNextBelow), ticks: list.length }));
