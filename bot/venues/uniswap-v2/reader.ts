import { AbiCoder, concat } from "ethers";
import type { Address } from "../../core/address";
import { lensCall, MAX_UINT256, StateReadError, words, type EthCall } from "../common/lens";
import lensBytecode from "../common/lensBytecode.json";

export interface V2Reserves {
  readonly reserve0: bigint;
  readonly reserve1: bigint;
}

const coder = AbiCoder.defaultAbiCoder();

/** Reserves of each pair (contracts/lens/V2StateReader.sol), or `null` for a pair whose `getReserves` failed. */
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
