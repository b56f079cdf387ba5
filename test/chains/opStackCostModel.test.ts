/**
 * OpStackCostModel: Ethereum's EIP-1559 pricing for the L2 part, plus the L1 data fee from the
 * parameters it was given for the block, and the receipt's l1Fee in what a transaction cost.
 */
import { expect } from "chai";
import { getBytes, SigningKey, Transaction } from "ethers";
import { Eip1559CostModel } from "../../bot/chains/eip1559";
import {
  l1FeeOfSignedTx,
  OpStackFeeError,
  oracleL1Fee,
  type L1FeeParams,
} from "../../bot/chains/op-stack/l1Fee";
import { OpStackCostModel } from "../../bot/chains/op-stack/opStackCostModel";
import { encodeExecute, HopKind } from "../../bot/plan/planEncoding";

const PARAMS: L1FeeParams = {
  mode: "fjord",
  l1BaseFee: 9_000_000_000n,
  blobBaseFee: 3n,
  baseFeeScalar: 2269n,
  blobBaseFeeScalar: 1_055_762n,
};
const HEAD = {
  number: 100,
  hash: "0x" + "01".repeat(32),
  parentHash: "0x" + "00".repeat(32),
  timestamp: 1_790_000_000,
  baseFeePerGas: 1_000_000n,
  gasLimit: 30_000_000n,
  gasUsed: 20_000_000n,
};

function signed(): { signed: string; unsigned: string } {
  const tx = Transaction.from({
    type: 2,
    chainId: 10n,
    nonce: 12,
    maxPriorityFeePerGas: 1_000n,
    maxFeePerGas: 3_000_000n,
    gasLimit: 400_000n,
    to: "0x" + "e0".repeat(20),
    data: encodeExecute({
      deadlineBlock: 101n,
      funding: { mode: "balancer" },
      token: "0x" + "11".repeat(20),
      amountIn: 10n ** 18n,
      minProfit: 1n,
      tip: { kind: "none" },
      hops: [
        { kind: HopKind.UniswapV3, pool: "0x" + "22".repeat(20), zeroForOne: true },
        { kind: HopKind.UniswapV2, pair: "0x" + "33".repeat(20), zeroForOne: false, feeBps: 30 },
      ],
    }),
  });
  const unsigned = tx.unsignedSerialized;
  tx.signature = new SigningKey("0x" + "42".repeat(32)).sign(tx.unsignedHash);
  return { signed: tx.serialized, unsigned };
}

describe("OpStackCostModel", function () {
  it("prices the L2 part exactly as the EIP-1559 model does", function () {
    const op = new OpStackCostModel();
    const l1 = new Eip1559CostModel();
    expect(op.kind).to.equal("op-stack");
    const options = { priorityFeeWei: 1_000n, blocks: 3 };
    expect(op.fees(HEAD, options)).to.deep.equal(l1.fees(HEAD, options));
    const route = {
      hops: ["uniswap-v3", "uniswap-v2"],
      funding: "balancer",
      builderPayment: "priority-fee",
    } as const;
    expect(op.routeGas(route)).to.equal(l1.routeGas(route));
  });

  it("refuses to price an L1 data fee before it has the block's parameters", function () {
    const model = new OpStackCostModel();
    expect(() => model.l1DataFee(signed().signed)).to.throw(OpStackFeeError, "no L1 fee parameters");
  });

  it("charges the signed transaction's L1 data fee at the parameters of the block it was given", function () {
    const model = new OpStackCostModel();
    const tx = signed();
    model.setL1FeeParams(100, PARAMS);
    const fee = model.l1DataFee(tx.signed);
    expect(fee).to.be.greaterThan(0n);
    expect(fee).to.equal(l1FeeOfSignedTx(getBytes(tx.signed), PARAMS));
    expect(model.l1FeeParams).to.deep.equal({ block: 100, params: PARAMS });
    // Before signing, the oracle's figure for the unsigned bytes, at the same parameters.
    expect(model.oracleL1Fee(tx.unsigned)).to.equal(oracleL1Fee(getBytes(tx.unsigned), PARAMS));
    // A new block's parameters replace the old: a higher L1 base fee costs more.
    model.setL1FeeParams(101, { ...PARAMS, l1BaseFee: PARAMS.l1BaseFee * 2n });
    expect(model.l1DataFee(tx.signed)).to.be.greaterThan(fee);
  });

  it("adds the receipt's l1Fee to its gas, and refuses a receipt without one", function () {
    const model = new OpStackCostModel();
    const receipt = { gasUsed: 180_000n, effectiveGasPrice: 1_001_000n };
    expect(model.realisedCostWei({ ...receipt, l1Fee: 73_456_789n })).to.equal(
      180_000n * 1_001_000n + 73_456_789n,
    );
    expect(model.realisedCostWei({ ...receipt, l1Fee: 0n })).to.equal(180_000n * 1_001_000n);
    expect(() => model.realisedCostWei(receipt)).to.throw(OpStackFeeError, "without l1Fee");
  });
});
