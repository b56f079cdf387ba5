import { id } from "ethers";
import type { ChainRpc } from "../chain/chainRpc";
import { OpStackFeeError, type L1FeeParams } from "../chains/op-stack/l1Fee";
import { GAS_PRICE_ORACLE, L1_BLOCK } from "../chains/op-stack/predeploys";

/**
 * The OP-stack L1 data fee's parameters as of one L2 block, read from the predeploys with one
 * `eth_call` each, all at the same block (and sent together: a batching transport makes them one
 * round trip). The fee of a transaction in block N+1 uses L1Block's values after N+1's L1
 * attributes deposit, so a keeper pricing the next block reads them at its head and accepts that an
 * epoch change (a new L1 origin, every few L2 blocks) moves them by one block.
 */

const selector = (signature: string): string => id(signature).slice(0, 10);
const CALLS = [
  [GAS_PRICE_ORACLE, "isEcotone()"],
  [GAS_PRICE_ORACLE, "isFjord()"],
  [L1_BLOCK, "basefee()"],
  [L1_BLOCK, "blobBaseFee()"],
  [L1_BLOCK, "baseFeeScalar()"],
  [L1_BLOCK, "blobBaseFeeScalar()"],
] as const;

const UINT32_MAX = (1n << 32n) - 1n;

/** One ABI word as an unsigned integer, refusing an answer that is not one (no code, a revert). */
function word(answer: string, call: string, max?: bigint): bigint {
  if (!/^0x[0-9a-fA-F]{64}$/.test(answer)) {
    throw new OpStackFeeError("OP_PREDEPLOY_ANSWER", `${call} did not return one word`, {
      details: { call, answer: answer.slice(0, 80) },
    });
  }
  const value = BigInt(answer);
  if (max !== undefined && value > max) {
    throw new OpStackFeeError("OP_PREDEPLOY_ANSWER", `${call} is out of range`, {
      details: { call, value: value.toString() },
    });
  }
  return value;
}

/** The L1 fee parameters at `block`; throws OpStackFeeError on a chain before Ecotone or a bad answer. */
export async function readL1FeeParams(rpc: ChainRpc, block: number | "latest"): Promise<L1FeeParams> {
  let answers: string[];
  try {
    answers = await Promise.all(
      CALLS.map(([to, signature]) => rpc.call({ to, data: selector(signature), blockTag: block })),
    );
  } catch (cause) {
    throw new OpStackFeeError("OP_PREDEPLOY_READ", "cannot read the L1 fee parameters", {
      cause,
      details: { block },
    });
  }
  const [ecotone, fjord, l1BaseFee, blobBaseFee, baseFeeScalar, blobBaseFeeScalar] = answers.map((a, i) =>
    word(a, CALLS[i][1], i < 2 ? 1n : i >= 4 ? UINT32_MAX : undefined),
  );
  if (ecotone !== 1n) {
    // Bedrock's fee (overhead and scalar) is not modelled: every OP-stack chain we target is past it.
    throw new OpStackFeeError("OP_PRE_ECOTONE", "the GasPriceOracle is not past Ecotone", {
      details: { block },
    });
  }
  return {
    mode: fjord === 1n ? "fjord" : "ecotone",
    l1BaseFee,
    blobBaseFee,
    baseFeeScalar,
    blobBaseFeeScalar,
  };
}
