/**
 * The OP-stack L1 data fee, as pure arithmetic on a transaction's bytes and the L1Block parameters.
 *
 * Two figures share the same formulas and differ only in the size they are given:
 * - `l1FeeOfSignedTx`: what the sequencer charges (and the receipt's `l1Fee` reports). The node
 *   measures the full signed RLP-encoded transaction (op-geth `core/types/rollup_cost.go`,
 *   `NewRollupCostData`, `newL1CostFuncEcotone`, `newL1CostFuncFjord`).
 * - `oracleL1Fee`: what the GasPriceOracle predeploy's `getL1Fee(bytes)` returns for an *unsigned*
 *   transaction. The oracle stands in for the missing signature with 68 bytes: 68 non-zero calldata
 *   bytes under Ecotone, 68 bytes added to the FastLZ length under Fjord (GasPriceOracle 1.3.0,
 *   `_getCalldataGas`, `_getL1FeeFjord`; @eth-optimism/contracts-bedrock@0.17.3). It also reverts
 *   where the contract's checked uint32/uint256 arithmetic would, so a figure is never returned
 *   that the bytecode would not return.
 *
 * Formulas (unlimited precision on the node, checked uint256 in the contract):
 *   Ecotone: calldataGas * (16 * baseFeeScalar * l1BaseFee + blobBaseFeeScalar * blobBaseFee) / 16e6
 *     https://specs.optimism.io/protocol/exec-engine.html (L1-Cost fees, Ecotone)
 *   Fjord:   max(100e6, -42_585_600 + 836_500 * fastLzSize)
 *              * (16 * baseFeeScalar * l1BaseFee + blobBaseFeeScalar * blobBaseFee) / 1e12
 *     https://specs.optimism.io/protocol/fjord/exec-engine.html#fjord-l1-cost-fee-changes-fastlz-estimator
 *     (mirrored at https://docs.base.org/base-chain/specs/upgrades/fjord/exec-engine)
 * Not modelled: Bedrock (pre-Ecotone), and the Isthmus operator fee, which GasPriceOracle 1.3.0
 * does not know either.
 */
import { OmniArbError } from "../../core/errors";
import { flzCompressedLength } from "./fastLz";

/** The fee rule the chain runs: both OP Mainnet and Base are past Fjord; Ecotone is kept for forks. */
export type OpStackFeeMode = "ecotone" | "fjord";

/** The L1Block predeploy's fee fields for one L2 block, and the fork the GasPriceOracle reports. */
export interface L1FeeParams {
  readonly mode: OpStackFeeMode;
  /** The L1 origin's base fee, wei (L1Block `basefee`). */
  readonly l1BaseFee: bigint;
  /** The L1 origin's blob base fee, wei (L1Block `blobBaseFee`). */
  readonly blobBaseFee: bigint;
  /** uint32, scaled by 1e6 (L1Block `baseFeeScalar`). */
  readonly baseFeeScalar: bigint;
  /** uint32, scaled by 1e6 (L1Block `blobBaseFeeScalar`). */
  readonly blobBaseFeeScalar: bigint;
}

export class OpStackFeeError extends OmniArbError {
  override readonly name: string = "OpStackFeeError";
}

/** GasPriceOracle 1.3.0's constants (COST_INTERCEPT, COST_FASTLZ_COEF, MIN_TRANSACTION_SIZE). */
export const FJORD_COST_INTERCEPT = -42_585_600n;
export const FJORD_COST_FASTLZ_COEF = 836_500n;
export const FJORD_MIN_TRANSACTION_SIZE = 100n;
/** What the oracle adds for the signature an unsigned transaction lacks. */
export const UNSIGNED_TX_PADDING = 68n;

const SCALE = 1_000_000n;
const UINT32_MAX = (1n << 32n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;

/** EIP-2028 calldata gas: 4 per zero byte, 16 per other byte. */
export function calldataGas(tx: Uint8Array): bigint {
  let gas = 0n;
  for (const b of tx) gas += b === 0 ? 4n : 16n;
  return gas;
}

/** Fjord's linear regression from a FastLZ length to an estimated Brotli size, scaled by 1e6, floored. */
export function fjordEstimatedSize(fastLzSize: bigint): bigint {
  const estimated = FJORD_COST_INTERCEPT + FJORD_COST_FASTLZ_COEF * fastLzSize;
  const floor = FJORD_MIN_TRANSACTION_SIZE * SCALE;
  return estimated < floor ? floor : estimated;
}

/**
 * The arithmetic both figures share. `checked` follows the oracle's Solidity: `baseFeeScalar() * 16`
 * is a uint32 product (it reverts from a scalar of 2^28), and every later step is a checked uint256.
 */
function fee(size: bigint, p: L1FeeParams, checked: boolean): bigint {
  const guard = (value: bigint, max: bigint, what: string): bigint => {
    if (checked && value > max) {
      throw new OpStackFeeError("OP_ORACLE_OVERFLOW", `GasPriceOracle would revert: ${what} overflows`, {
        details: { what, mode: p.mode },
      });
    }
    return value;
  };
  const scalar16 = guard(p.baseFeeScalar * 16n, UINT32_MAX, "baseFeeScalar * 16");
  const scaledBase = guard(scalar16 * p.l1BaseFee, UINT256_MAX, "scaled base fee");
  const scaledBlob = guard(p.blobBaseFeeScalar * p.blobBaseFee, UINT256_MAX, "scaled blob base fee");
  const perByte = guard(scaledBase + scaledBlob, UINT256_MAX, "fee per byte");
  if (p.mode === "ecotone") return guard(size * perByte, UINT256_MAX, "ecotone fee") / (16n * SCALE);
  return guard(fjordEstimatedSize(size) * perByte, UINT256_MAX, "fjord fee") / (SCALE * SCALE);
}

/** The size each mode prices: calldata gas (Ecotone) or the FastLZ-compressed length (Fjord). */
function sizeOf(tx: Uint8Array, mode: OpStackFeeMode): bigint {
  return mode === "ecotone" ? calldataGas(tx) : BigInt(flzCompressedLength(tx));
}

/** The L1 data fee the sequencer charges a signed transaction (its full RLP-encoded bytes). */
export function l1FeeOfSignedTx(signedTx: Uint8Array, p: L1FeeParams): bigint {
  return fee(sizeOf(signedTx, p.mode), p, false);
}

/** GasPriceOracle.getL1Fee(unsignedTx), to the wei; throws OpStackFeeError where the oracle reverts. */
export function oracleL1Fee(unsignedTx: Uint8Array, p: L1FeeParams): bigint {
  const padding = p.mode === "ecotone" ? UNSIGNED_TX_PADDING * 16n : UNSIGNED_TX_PADDING;
  return fee(sizeOf(unsignedTx, p.mode) + padding, p, true);
}
