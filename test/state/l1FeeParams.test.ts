/**
 * The per-block read of the L1 fee parameters, against the released GasPriceOracle and L1Block code
 * on the in-process Hardhat network: what the storage holds is what the read returns, at the block
 * asked for; a chain before Ecotone, or an address without the predeploy, is a typed error.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { JsonRpcChainRpc } from "../../bot/chain/chainRpc";
import { OpStackFeeError } from "../../bot/chains/op-stack/l1Fee";
import { L1_BLOCK } from "../../bot/chains/op-stack/predeploys";
import { readL1FeeParams } from "../../bot/state/l1FeeParams";
import { expectRejection } from "../helpers/rejects";
import { installOpStackPredeploys, setL1BlockValues, setOracleMode } from "../helpers/opStackPredeploys";

const rpc = new JsonRpcChainRpc(async (method, params) => await network.provider.send(method, params));
const VALUES = {
  l1BaseFee: 21_437_000_123n,
  blobBaseFee: 1n,
  baseFeeScalar: 2269n,
  blobBaseFeeScalar: 1_055_762n,
};

async function mine(): Promise<number> {
  await network.provider.send("evm_mine", []);
  return Number(BigInt(await network.provider.send("eth_blockNumber", [])));
}

describe("readL1FeeParams", function () {
  beforeEach(async function () {
    await installOpStackPredeploys();
  });

  it("returns L1Block's values and the oracle's fork, as of the block asked for", async function () {
    await setL1BlockValues({ ...VALUES, sequenceNumber: 5n });
    await setOracleMode("ecotone");
    const before = await mine();
    // hardhat_setStorageAt writes the latest block's state: move past `before` before changing it.
    await mine();
    // One unit more in each field and Fjord on: a later block reads the change, the earlier one not.
    await setL1BlockValues({
      l1BaseFee: VALUES.l1BaseFee + 1n,
      blobBaseFee: VALUES.blobBaseFee + 1n,
      baseFeeScalar: VALUES.baseFeeScalar + 1n,
      blobBaseFeeScalar: VALUES.blobBaseFeeScalar + 1n,
      sequenceNumber: 6n,
    });
    await setOracleMode("fjord");
    const after = await mine();
    expect(await readL1FeeParams(rpc, before)).to.deep.equal({ mode: "ecotone", ...VALUES });
    expect(await readL1FeeParams(rpc, after)).to.deep.equal({
      mode: "fjord",
      l1BaseFee: VALUES.l1BaseFee + 1n,
      blobBaseFee: VALUES.blobBaseFee + 1n,
      baseFeeScalar: VALUES.baseFeeScalar + 1n,
      blobBaseFeeScalar: VALUES.blobBaseFeeScalar + 1n,
    });
  });

  it("reads the largest uint32 scalars whole (they share a slot with the sequence number)", async function () {
    const max = (1n << 32n) - 1n;
    await setL1BlockValues({
      ...VALUES,
      baseFeeScalar: max,
      blobBaseFeeScalar: max,
      sequenceNumber: (1n << 64n) - 1n,
    });
    await setOracleMode("fjord");
    const p = await readL1FeeParams(rpc, "latest");
    expect([p.baseFeeScalar, p.blobBaseFeeScalar]).to.deep.equal([max, max]);
  });

  it("refuses a chain before Ecotone: its fee (overhead and scalar) is not modelled", async function () {
    await setL1BlockValues(VALUES);
    await setOracleMode("bedrock");
    const error = await expectRejection(readL1FeeParams(rpc, "latest"), OpStackFeeError, "not past Ecotone");
    expect((error as OpStackFeeError).code).to.equal("OP_PRE_ECOTONE");
  });

  it("refuses an answer that is not a word: no L1Block code there", async function () {
    await network.provider.send("hardhat_setCode", [L1_BLOCK, "0x"]);
    await setOracleMode("fjord");
    const error = await expectRejection(
      readL1FeeParams(rpc, "latest"),
      OpStackFeeError,
      "did not return one word",
    );
    expect((error as OpStackFeeError).code).to.equal("OP_PREDEPLOY_ANSWER");
  });

  it("wraps a failed call with its cause", async function () {
    const failing = new JsonRpcChainRpc(async () => {
      throw new Error("connection reset");
    });
    const error = await expectRejection(readL1FeeParams(failing, 1), OpStackFeeError, "cannot read");
    expect((error.cause as Error).message).to.include("connection reset");
  });
});
