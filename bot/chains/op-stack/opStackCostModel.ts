import { getBytes } from "ethers";
import type { ReceiptCost } from "../costModel";
import { Eip1559CostModel } from "../eip1559";
import { l1FeeOfSignedTx, OpStackFeeError, oracleL1Fee, type L1FeeParams } from "./l1Fee";

/**
 * The cost model of an OP-stack chain (OP Mainnet, Base): the L2 part is EIP-1559 as on Ethereum
 * (Eip1559CostModel), and every non-deposit transaction also pays an L1 data fee set by the
 * L1Block predeploy's values (l1Fee.ts). Those values change with each L1 origin, so the model is
 * given them for each block (`setL1FeeParams`, read by bot/state/l1FeeParams.ts) and refuses to
 * price a transaction before it has them: a missing L1 fee is never assumed to be zero.
 */
export class OpStackCostModel extends Eip1559CostModel {
  override readonly kind: string = "op-stack";
  private current: { readonly block: number; readonly params: L1FeeParams } | undefined;

  /** The L1 fee parameters as of `block` (the head the next transaction is priced from). */
  setL1FeeParams(block: number, params: L1FeeParams): void {
    this.current = { block, params };
  }

  /** The parameters in use and the block they were read at, if any. */
  get l1FeeParams(): { readonly block: number; readonly params: L1FeeParams } | undefined {
    return this.current;
  }

  private params(): L1FeeParams {
    if (this.current === undefined) {
      throw new OpStackFeeError("OP_L1_PARAMS_MISSING", "no L1 fee parameters have been read yet");
    }
    return this.current.params;
  }

  /** What the sequencer will charge this signed transaction for its L1 data (its receipt's `l1Fee`). */
  override l1DataFee(signedTx: string): bigint {
    return l1FeeOfSignedTx(getBytes(signedTx), this.params());
  }

  /** GasPriceOracle.getL1Fee(unsignedTx) at the current parameters, to the wei (an estimate before signing). */
  oracleL1Fee(unsignedTx: string): bigint {
    return oracleL1Fee(getBytes(unsignedTx), this.params());
  }

  /** Gas at its effective price plus the receipt's `l1Fee`, which every non-deposit OP-stack receipt carries. */
  override realisedCostWei(receipt: ReceiptCost): bigint {
    if (receipt.l1Fee === undefined) {
      throw new OpStackFeeError("OP_RECEIPT_NO_L1_FEE", "an OP-stack receipt without l1Fee cannot be costed");
    }
    return super.realisedCostWei(receipt);
  }
}
