import { AbiCoder, concat } from "ethers";
import type { RawLog } from "../../chain/log";
import type { Address } from "../../core/address";
import { lensCall, MAX_UINT256, signed, StateReadError, words, type EthCall } from "../common/lens";
import lensBytecode from "../common/lensBytecode.json";
import type { PoolDescriptor, ReadContext, ReadResult } from "../common/venue";
import type { SyncLimits } from "../common/syncLimits";
import type { PoolModel } from "../common/poolModel";
import { decodeV3Position, V3_TOPICS } from "./events";

/**
 * Batched reads of Uniswap-V3-style pools (Uniswap V3, PancakeSwap V3: the same slot0, liquidity,
 * ticks and tickBitmap getters, the same Mint log) with the deployless readers of contracts/lens/:
 * price, tick, active liquidity and every initialised tick. A young pool's ticks are the ones its
 * Mint logs name (V3TickReader: one call per minted tick); an old pool's, or one whose logs fail or
 * do not add up, come from a walk of its whole tick bitmap (V3StateReader: one call per word).
 */

/** What the readers need of a pool beyond its address. */
export interface ConcentratedDescriptor extends PoolDescriptor {
  readonly tickSpacing: number;
}

export interface V3TickState {
  readonly index: number;
  readonly liquidityNet: bigint;
  readonly liquidityGross: bigint;
}

export interface V3PoolState {
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly liquidity: bigint;
  readonly ticks: V3TickState[];
}

export interface V3ReadRequest {
  readonly pool: Address;
  readonly tickSpacing: number;
  /** First and last tick-bitmap word to walk (inclusive). */
  readonly wordLo: number;
  readonly wordHi: number;
}

const coder = AbiCoder.defaultAbiCoder();

/** The bitmap words that hold every usable tick of a pool with this spacing. */
export function bitmapWordRange(tickSpacing: number): { wordLo: number; wordHi: number } {
  const MAX_TICK = 887272;
  const compressed = Math.floor(MAX_TICK / tickSpacing);
  // Same arithmetic shift as TickBitmap.position: word = compressed >> 8.
  return { wordLo: -compressed >> 8, wordHi: compressed >> 8 };
}

/**
 * Price, tick, liquidity and initialised ticks of each pool, or `null` for an unreadable pool, by
 * walking each pool's tick bitmap over the requested words (V3StateReader: one call per word).
 */
export async function readV3States(
  call: EthCall,
  requests: readonly V3ReadRequest[],
  blockTag?: string | number,
): Promise<(V3PoolState | null)[]> {
  if (requests.length === 0) return [];
  const args = coder.encode(
    ["address[]", "int24[]", "int16[]", "int16[]"],
    [
      requests.map((r) => r.pool),
      requests.map((r) => r.tickSpacing),
      requests.map((r) => r.wordLo),
      requests.map((r) => r.wordHi),
    ],
  );
  const w = words(await lensCall(call, concat([lensBytecode.V3StateReader, args]), blockTag));
  return decodeV3Answer(
    w,
    requests.map((r) => r.pool),
  );
}

export interface V3TickReadRequest {
  readonly pool: Address;
  /** Ticks that may be initialised (e.g. every tickLower/tickUpper the pool's Mint logs name). */
  readonly ticks: readonly number[];
}

/**
 * Price, tick, liquidity and those of the listed ticks that are initialised, for each pool, or
 * `null` for an unreadable pool (V3TickReader: one call per listed tick). Exact when the lists hold
 * every initialised tick. Ticks come back ascending.
 */
export async function readV3StatesAtTicks(
  call: EthCall,
  requests: readonly V3TickReadRequest[],
  blockTag?: string | number,
): Promise<(V3PoolState | null)[]> {
  if (requests.length === 0) return [];
  const lists = requests.map((r) => [...new Set(r.ticks)].sort((a, b) => a - b));
  const args = coder.encode(
    ["address[]", "uint256[]", "int24[]"],
    [requests.map((r) => r.pool), lists.map((l) => l.length), lists.flat()],
  );
  const w = words(await lensCall(call, concat([lensBytecode.V3TickReader, args]), blockTag));
  return decodeV3Answer(
    w,
    requests.map((r) => r.pool),
  );
}

/** The V3 readers' shared answer format (contracts/lens/V3ReaderBase.sol), one entry per pool. */
function decodeV3Answer(w: readonly bigint[], pools: readonly Address[]): (V3PoolState | null)[] {
  const out: (V3PoolState | null)[] = [];
  let at = 0;
  for (const pool of pools) {
    if (at + 4 > w.length) {
      throw new StateReadError("STATE_READ_MALFORMED", "V3 state reader answer ended early", {
        details: { pool },
      });
    }
    const [sqrtPriceX96, tick, liquidity, count] = [w[at], w[at + 1], w[at + 2], Number(w[at + 3])];
    at += 4;
    if (sqrtPriceX96 === MAX_UINT256) {
      out.push(null);
      continue;
    }
    if (at + 3 * count > w.length) {
      throw new StateReadError("STATE_READ_MALFORMED", "V3 state reader answer ended early", {
        details: { pool, count },
      });
    }
    const ticks: V3TickState[] = new Array(count);
    for (let k = 0; k < count; k++, at += 3) {
      ticks[k] = { index: Number(signed(w[at])), liquidityNet: signed(w[at + 1]), liquidityGross: w[at + 2] };
    }
    out.push({ sqrtPriceX96, tick: Number(signed(tick)), liquidity, ticks });
  }
  if (at !== w.length) {
    throw new StateReadError("STATE_READ_MALFORMED", "V3 state reader answer has trailing data", {
      details: { expected: at, got: w.length },
    });
  }
  return out;
}

/**
 * Reads `pools` at `blockTag` and builds their models with `build`: young pools at the ticks their
 * Mint logs name (see SyncLimits.v3MintLogBlocks), the others, and any whose logs failed or whose
 * listed ticks do not account for their liquidity, by walking the bitmap. An uninitialised pool
 * (price 0) or one that does not answer is null. Everything that can go at once does, so a batching
 * transport sends few requests.
 */
export async function readConcentratedPools<D extends ConcentratedDescriptor, M extends PoolModel>(
  ctx: ReadContext,
  pools: readonly D[],
  blockTag: number,
  build: (descriptor: D, state: V3PoolState) => M,
): Promise<ReadResult<M>> {
  const limits = ctx.limits;
  const young = pools.filter(
    (p) => p.createdAt !== undefined && blockTag - p.createdAt < limits.v3MintLogBlocks,
  );
  const youngSet = new Set(young);
  const old = pools.filter((p) => !youngSet.has(p));
  const [oldStates, youngRead] = await Promise.all([
    readByBitmap(ctx.call, old, blockTag, limits),
    readByMintLogs(ctx, young, blockTag, limits),
  ]);
  // A young pool whose logs could not be read, or whose listed ticks do not add up to its
  // liquidity (a log source behind the state), walks the bitmap after all.
  const recheck = young.filter((_, i) => youngRead[i] === undefined);
  const rechecked = await readByBitmap(ctx.call, recheck, blockTag, limits);
  const states = new Map<D, V3PoolState | null>();
  old.forEach((d, i) => states.set(d, oldStates[i]));
  let k = 0;
  young.forEach((d, i) => {
    const r = youngRead[i];
    states.set(d, r === undefined ? rechecked[k++] : r);
  });
  return {
    // An uninitialised pool has a zero price: nothing to trade against yet.
    models: pools.map((d) => {
      const s = states.get(d) ?? null;
      return s === null || s.sqrtPriceX96 === 0n
        ? null
        : build(d, { ...s, ticks: [...s.ticks].sort((a, b) => a.index - b.index) });
    }),
    counts: {
      v3TicksFromMintLogs: young.length - recheck.length,
      v3TicksFromBitmap: old.length + recheck.length,
    },
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Packs items of a given weight into groups of at most `max` total weight (an item heavier than
 * `max` gets a group of its own), keeping their order.
 */
function pack<T>(items: readonly T[], weight: (t: T) => number, max: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length > 0 && total + w > max) {
      out.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += w;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Each pool's state by walking its whole tick bitmap, segments merged back per pool. */
async function readByBitmap(
  call: EthCall,
  pools: readonly ConcentratedDescriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<(V3PoolState | null)[]> {
  const segments: { pool: number; wordLo: number; wordHi: number }[] = [];
  pools.forEach((p, i) => {
    const { wordLo, wordHi } = bitmapWordRange(p.tickSpacing);
    for (let lo = wordLo; lo <= wordHi; lo += limits.v3WordsPerCall) {
      segments.push({ pool: i, wordLo: lo, wordHi: Math.min(wordHi, lo + limits.v3WordsPerCall - 1) });
    }
  });
  const calls = pack(segments, (s) => s.wordHi - s.wordLo + 1, limits.v3WordsPerCall);
  const results = await Promise.all(
    calls.map((c) =>
      readV3States(
        call,
        c.map((s) => ({
          pool: pools[s.pool].address,
          tickSpacing: pools[s.pool].tickSpacing,
          wordLo: s.wordLo,
          wordHi: s.wordHi,
        })),
        blockTag,
      ),
    ),
  );
  return merge(pools.length, calls, results);
}

/**
 * Each pool's state at the ticks its Mint logs name, from its creation to `blockTag`; undefined
 * for a pool to read by bitmap instead (its logs failed, or its ticks do not account for its
 * liquidity).
 */
async function readByMintLogs(
  ctx: ReadContext,
  pools: readonly ConcentratedDescriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<(V3PoolState | null | undefined)[]> {
  if (pools.length === 0) return [];
  const call = ctx.call;
  const ticks = await mintedTicks(ctx, pools, blockTag, limits).catch(() => undefined);
  if (ticks === undefined) return pools.map(() => undefined);
  const segments: { pool: number; ticks: number[] }[] = [];
  pools.forEach((p, i) => {
    const list = [...(ticks.get(p.address.toLowerCase()) ?? [])].sort((a, b) => a - b);
    if (list.length === 0) segments.push({ pool: i, ticks: [] });
    for (let at = 0; at < list.length; at += limits.v3TicksPerCall) {
      segments.push({ pool: i, ticks: list.slice(at, at + limits.v3TicksPerCall) });
    }
  });
  const calls = pack(segments, (s) => s.ticks.length, limits.v3TicksPerCall);
  const results = await Promise.all(
    calls.map((c) =>
      readV3StatesAtTicks(
        call,
        c.map((s) => ({ pool: pools[s.pool].address, ticks: s.ticks })),
        blockTag,
      ),
    ),
  );
  return merge(pools.length, calls, results).map((s) =>
    s === null || accountsForLiquidity(s) ? s : undefined,
  );
}

/** Every tickLower / tickUpper each pool's Mint logs name, from its creation to `blockTag`. */
async function mintedTicks(
  ctx: ReadContext,
  pools: readonly ConcentratedDescriptor[],
  blockTag: number,
  limits: SyncLimits,
): Promise<Map<Address, Set<number>>> {
  const from = pools.reduce((m, p) => Math.min(m, p.createdAt!), Infinity);
  const requests: Promise<readonly RawLog[]>[] = [];
  for (const group of chunk(pools, limits.logAddresses)) {
    const addresses = group.map((p) => p.address);
    for (let lo = from; lo <= blockTag; lo += limits.logSpan) {
      requests.push(
        ctx.logsInRange(lo, Math.min(blockTag, lo + limits.logSpan - 1), [V3_TOPICS.mint], addresses),
      );
    }
  }
  const out = new Map<Address, Set<number>>();
  for (const log of (await Promise.all(requests)).flat()) {
    const e = decodeV3Position(log);
    if (e?.kind !== "mint") continue;
    const pool = log.address.toLowerCase();
    let set = out.get(pool);
    if (!set) out.set(pool, (set = new Set()));
    set.add(e.tickLower).add(e.tickUpper);
  }
  return out;
}

/**
 * Whether a pool's ticks account for its state: liquidityNet sums to zero over all ticks, and over
 * the ticks at or below the current one to the active liquidity. A log source that missed a mint
 * in range fails this; one that missed a position wholly out of range would not, which the exact
 * simulation before every submission still catches.
 */
function accountsForLiquidity(s: V3PoolState): boolean {
  let total = 0n;
  let below = 0n;
  for (const t of s.ticks) {
    total += t.liquidityNet;
    if (t.index <= s.tick) below += t.liquidityNet;
  }
  return total === 0n && below === s.liquidity;
}

/** Merges each pool's segments: the scalars agree (same block), the ticks concatenate in order. */
function merge(
  count: number,
  calls: readonly (readonly { pool: number }[])[],
  results: readonly (readonly (V3PoolState | null)[])[],
): (V3PoolState | null)[] {
  const merged: (V3PoolState | null | undefined)[] = new Array(count);
  calls.forEach((c, k) =>
    c.forEach((s, j) => {
      const r = results[k][j];
      const prev = merged[s.pool];
      if (r === null || prev === null) merged[s.pool] = null;
      else
        merged[s.pool] =
          prev === undefined ? { ...r, ticks: [...r.ticks] } : { ...prev, ticks: prev.ticks.concat(r.ticks) };
    }),
  );
  return merged.map((s) => s ?? null);
}
