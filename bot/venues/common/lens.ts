import { revertDataOf } from "../../chain/revertData";
import { OmniArbError } from "../../core/errors";

/**
 * Batched, deployless reads of pool state: the creation code of a reader in contracts/lens/ is
 * sent as an `eth_call` with no `to`; its constructor reads many pools and answers. One request
 * reads hundreds of pools on any EVM chain, Multicall3 or not. The venues' readers build on this.
 */

/** The one thing the readers need from a client: `eth_call` of raw data, returning raw data. */
export type EthCall = (request: { data: string; blockTag?: string | number }) => Promise<string>;

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
export async function lensCall(call: EthCall, data: string, blockTag?: string | number): Promise<string> {
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

/** The answer as 32-byte words. */
export function words(hex: string): bigint[] {
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

/** A word as a two's-complement int256. */
export function signed(word: bigint): bigint {
  return word >> 255n === 1n ? word - (1n << 256n) : word;
}

export const MAX_UINT256 = (1n << 256n) - 1n;
