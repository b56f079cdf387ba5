import { AbiCoder, concat } from "ethers";
import { OmniArbError } from "../core/errors";
import { revertDataOf } from "../chain/chainRpc";
import type { Address } from "../venues/poolModel";
import lensBytecode from "./lensBytecode.json";

/**
 * Batched, deployless reads of pool state: the creation code of contracts/lens/*Reader.sol is
 * sent as an `eth_call` with no `to`; the constructor reads many pools and returns the packed
 * answer. One request reads hundreds of pools on any EVM chain, Multicall3 or not.
 */

/** The one thing the readers need from a client: `eth_call` of raw data, returning raw data. */
export type EthCall = (request: { data: string; blockTag?: string | number }) => Promise<string>;

export interface V2Reserves {
  readonly reserve0: bigint;
  readonly reserve1: bigint;
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

const MAX_UINT256 = (1n << 256n) - 1n;
const coder = AbiCoder.defaultAbiCoder();

export class StateReadError extends OmniArbError {
  override readonly name = "StateReadError";
}

/** `LensAnswer()`, padded to a word: the readers revert with it followed by their answer. */
const LENS_ANSWER = "0d958f08" + "0".repeat(56);

/**
 * Runs a reader. Its constructor answers by reverting (RETURN from a constructor is code, capped
 * at 24,576 bytes; revert data is not), so the answer is the revert data after LENS_ANSWER; any
 * other outcome is a real failure.
 */
async function lensCall(call: EthCall, data: string, blockTag?: string | number): Promise<string> {
  let revertData: string | undefined;
  try {
    await call({ data, blockTag });
  } catch (err) {
    revertData = revertDataOf(err);
    if (revertData === undefined || !revertData.slice(2, 66).startsWith(LENS_ANSWER)) {
      throw new StateReadError("STATE_READ_FAILED", "state reader call failed", { cause: err });
    }
    return "0x" + revertData.slice(66);
  }
  throw new StateReadError("STATE_READ_MALFORMED", "state reader returned instead of answering by revert");
}

/** The bitmap words that hold every usable tick of a pool with this spacing. */
export function bitmapWordRange(tickSpacing: number): { wordLo: number; wordHi: number } {
  const MAX_TICK = 887272;
  const compressed = Math.floor(MAX_TICK / tickSpacing);
  // Same arithmetic shift as TickBitmap.position: word = compressed >> 8.
  return { wordLo: -compressed >> 8, wordHi: compressed >> 8 };
}

function words(hex: string): bigint[] {
  const body = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (body.length % 64 !== 0) {
    throw new StateReadError("STATE_READ_MALFORMED", "state reader returned a partial word", {
      details: { length: body.length / 2 },
    });
  }
  const out = new Array<bigint>(body.length / 64);
  for (let i = 0; i < out.length; i++) out[i] = BigInt("0x" + body.slice(i * 64, i * 64 + 64));
  return out;
}

function signed(word: bigint): bigint {
  return word >> 255n === 1n ? word - (1n << 256n) : word;
}

/** Reserves of each pair, or `null` for a pair whose `getReserves` failed. */
export async function readV2Reserves(
  call: EthCall,
  pairs: readonly Address[],
  blockTag?: string | number,
): Promise<(V2Reserves | null)[]> {
  if (pairs.length === 0) return [];
  const data = concat([lensBytecode.V2StateReader, coder.encode(["address[]"], [pairs])]);
  const w = words(await lensCall(call, data, blockTag));
  if (w.length !== pairs.length * 2) {
    throw new StateReadError(
      "STATE_READ_MALFORMED",
      "V2 state reader answered for the wrong number of pairs",
      {
        details: { pairs: pairs.length, words: w.length },
      },
    );
  }
  return pairs.map((_, i) =>
    w[2 * i] === MAX_UINT256 ? null : { reserve0: w[2 * i], reserve1: w[2 * i + 1] },
  );
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
