/**
 * The OP-stack L1 data fee against the released GasPriceOracle 1.3.0 and L1Block bytecode
 * (@eth-optimism/contracts-bedrock@0.17.3), placed at their predeploy addresses on the in-process
 * Hardhat network: over random signed executor transactions (every plan shape: 2 and 3 hops, V2,
 * V3 and PancakeSwap V3 hops, every funding kind, with and without a builder tip) and random
 * L1Block values with their edge cases, `getL1Fee` equals our figure to the wei in Ecotone and Fjord.
 *
 * Which bytes: `getL1Fee(bytes)` takes the *unsigned* RLP-encoded transaction and adds 68 bytes for
 * the signature (GasPriceOracle.sol `@param _data Unsigned fully RLP-encoded transaction`; viem's
 * `estimateL1Fee` serializes the transaction without a signature before calling it:
 * wevm/viem src/op-stack/actions/estimateL1Fee.ts). The sequencer charges the *signed* bytes
 * (op-geth core/types/rollup_cost.go). So each transaction is checked both ways: the oracle on its
 * unsigned bytes against `oracleL1Fee`, and the oracle on its signed bytes (no padding involved in
 * our size, 68 in the contract's) against the same arithmetic, which pins the FastLZ length and
 * calldata gas of exactly the bytes `l1FeeOfSignedTx` prices.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { Interface, SigningKey, Transaction, getBytes, hexlify } from "ethers";
import {
  calldataGas,
  FJORD_MIN_TRANSACTION_SIZE,
  fjordEstimatedSize,
  l1FeeOfSignedTx,
  OpStackFeeError,
  oracleL1Fee,
  UNSIGNED_TX_PADDING,
  type L1FeeParams,
  type OpStackFeeMode,
} from "../../bot/chains/op-stack/l1Fee";
import { flzCompressedLength } from "../../bot/chains/op-stack/fastLz";
import { Prng } from "../../bot/core/prng";
import { encodeExecute, HopKind, type Hop, type Plan, type Tip } from "../../bot/plan/planEncoding";
import { GAS_PRICE_ORACLE } from "../../bot/chains/op-stack/predeploys";
import {
  installOpStackPredeploys,
  ORACLE_ARTIFACT,
  setL1BlockValues,
  setOracleMode,
} from "../helpers/opStackPredeploys";

const oracle = new Interface(ORACLE_ARTIFACT.abi as never);
const MODES: readonly OpStackFeeMode[] = ["ecotone", "fjord"];

/** The oracle's answer for `tx`, or "revert". */
async function getL1Fee(tx: Uint8Array): Promise<bigint | "revert"> {
  try {
    const data = oracle.encodeFunctionData("getL1Fee", [tx]);
    return BigInt(await network.provider.send("eth_call", [{ to: GAS_PRICE_ORACLE, data }, "latest"]));
  } catch {
    return "revert";
  }
}

/** Our figure for the same call, or "revert" where the contract's checked arithmetic would revert. */
function ours(f: () => bigint): bigint | "revert" {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpStackFeeError && e.code === "OP_ORACLE_OVERFLOW") return "revert";
    throw e;
  }
}

// ---------------------------------------------------------------- random transactions

function bytes(rng: Prng, n: number, zeroBias = 0.2): string {
  let hex = "0x";
  for (let i = 0; i < n; i++) hex += (rng.bool(zeroBias) ? 0 : rng.int(0, 255)).toString(16).padStart(2, "0");
  return hex;
}

/** A random amount of `maxBytes` or fewer significant bytes (so the packed fields carry zeros too). */
function amount(rng: Prng, maxBytes: number): bigint {
  const n = rng.int(0, maxBytes);
  return n === 0 ? 0n : BigInt(bytes(rng, n, 0));
}

function address(rng: Prng): string {
  // Now and then a vanity-like address with leading zero bytes.
  const zeros = rng.bool(0.2) ? rng.int(1, 6) : 0;
  return "0x" + "00".repeat(zeros) + bytes(rng, 20 - zeros, 0.05).slice(2);
}

function hop(rng: Prng, kind: "v2-amount" | "v2-fee" | "v3-style"): Hop {
  const zeroForOne = rng.bool();
  if (kind === "v2-amount") {
    return { kind: HopKind.UniswapV2, pair: address(rng), zeroForOne, amountOut: amount(rng, 16) };
  }
  if (kind === "v2-fee") {
    return { kind: HopKind.UniswapV2, pair: address(rng), zeroForOne, feeBps: rng.int(0, 9_999) };
  }
  const limit = rng.bool(0.4) ? amount(rng, 20) : undefined;
  return {
    kind: rng.bool() ? HopKind.UniswapV3 : HopKind.PancakeV3,
    pool: address(rng),
    zeroForOne,
    ...(limit === undefined ? {} : { sqrtPriceLimitX96: limit }),
  };
}

function randomPlan(rng: Prng): Plan {
  const mode = rng.pick(["inventory", "v2flash", "v3flash", "balancer", "aave"] as const);
  const n = rng.pick([2, 3]);
  const hops: Hop[] = [];
  for (let i = 0; i < n; i++) {
    const first = i === 0 && (mode === "v2flash" || mode === "v3flash");
    hops.push(
      hop(
        rng,
        first
          ? mode === "v2flash"
            ? "v2-amount"
            : "v3-style"
          : rng.pick(["v2-amount", "v2-fee", "v3-style"]),
      ),
    );
  }
  const from = rng.pick(["eth", "weth"] as const);
  const tip: Tip = rng.pick<Tip>([
    { kind: "none" },
    { kind: "share", bps: rng.int(1, 10_000), from },
    { kind: "fixed", wei: amount(rng, 16), from },
  ]);
  return {
    deadlineBlock: BigInt(rng.int(0, 2 ** 32 - 1)),
    funding: mode === "v2flash" && rng.bool(0.3) ? { mode, callbackSelector: bytes(rng, 4, 0) } : { mode },
    token: address(rng),
    amountIn: amount(rng, 16),
    minProfit: amount(rng, 16),
    tip,
    hops,
  };
}

/** A type-2 transaction to the executor carrying `data`, signed by a random key. */
function signedTx(rng: Prng, data: string): { signed: Uint8Array; unsigned: Uint8Array } {
  const key = new SigningKey(bytes(rng, 31, 0).replace("0x", "0x01"));
  const priority = amount(rng, 5);
  const tx = Transaction.from({
    type: 2,
    chainId: rng.pick([10n, 8453n]),
    nonce: rng.bool(0.2) ? rng.int(0, 10) : rng.int(0, 2 ** 31),
    maxPriorityFeePerGas: priority,
    maxFeePerGas: priority + amount(rng, 6),
    gasLimit: BigInt(rng.int(150_000, 1_500_000)),
    to: address(rng),
    value: 0n,
    data,
  });
  const unsigned = getBytes(tx.unsignedSerialized);
  tx.signature = key.sign(tx.unsignedHash);
  return { signed: getBytes(tx.serialized), unsigned };
}

// ---------------------------------------------------------------- random L1Block values

function pickBig(rng: Prng, edges: readonly bigint[], lo: number, hi: number): bigint {
  return rng.bool(0.3) ? rng.pick(edges) : BigInt(Math.floor(rng.logUniform(lo, hi)));
}

function randomValues(rng: Prng): Omit<L1FeeParams, "mode"> {
  return {
    l1BaseFee: pickBig(rng, [0n, 1n, 10n ** 30n], 1e6, 1e12),
    // Zero blob base fee: L1s before Dencun reported none, and a zero blob term must add nothing.
    blobBaseFee: pickBig(rng, [0n, 0n, 1n, 10n ** 25n], 1, 1e11),
    // 2^28 - 1 is the largest base fee scalar the oracle's uint32 `baseFeeScalar() * 16` survives.
    baseFeeScalar: pickBig(rng, [0n, 1n, (1n << 28n) - 1n], 1, 1e7),
    blobBaseFeeScalar: pickBig(rng, [0n, 1n, (1n << 32n) - 1n], 1, 2e6),
  };
}

describe("OP-stack L1 data fee: equal to GasPriceOracle 1.3.0's getL1Fee", function () {
  before(async function () {
    await installOpStackPredeploys();
  });

  it("over 1,040 random signed transactions (executor plans, and short ones under Fjord's floor) and random L1Block values, Ecotone and Fjord", async function () {
    const rng = new Prng(0x0f_15);
    const VALUE_SETS = 52;
    const TXS_PER_SET = 20;
    let checked = 0;
    let floors = 0;
    let reverts = 0;
    const txLengths = new Set<number>();
    for (let set = 0; set < VALUE_SETS; set++) {
      const values = randomValues(rng);
      await setL1BlockValues({ ...values, sequenceNumber: BigInt(rng.int(0, 2 ** 40)) });
      // Mostly executor plans; one in ten a short call, small enough for Fjord's minimum size.
      const txs = Array.from({ length: TXS_PER_SET }, (_, i) =>
        signedTx(rng, i % 10 === 9 ? bytes(rng, rng.int(0, 40)) : encodeExecute(randomPlan(rng))),
      );
      for (const mode of MODES) {
        await setOracleMode(mode);
        const p: L1FeeParams = { mode, ...values };
        for (const [i, { signed, unsigned }] of txs.entries()) {
          txLengths.add(unsigned.length);
          const unsignedFee = await getL1Fee(unsigned);
          expect(unsignedFee, `unsigned ${mode} ${hexlify(unsigned)}`).to.equal(
            ours(() => oracleL1Fee(unsigned, p)),
          );
          // The signed bytes on every fourth: the same code path, the FastLZ length of other bytes.
          if (i % 4 === 0) {
            expect(await getL1Fee(signed), `signed ${mode} ${hexlify(signed)}`).to.equal(
              ours(() => oracleL1Fee(signed, p)),
            );
          }
          if (unsignedFee === "revert") reverts++;
          if (mode === "fjord") {
            const size = BigInt(flzCompressedLength(unsigned)) + UNSIGNED_TX_PADDING;
            if (fjordEstimatedSize(size) === FJORD_MIN_TRANSACTION_SIZE * 1_000_000n) floors++;
          }
          checked++;
        }
      }
    }
    expect(checked).to.equal(VALUE_SETS * TXS_PER_SET * MODES.length);
    // Every plan shape gives its own length; the random fields' zero bytes vary them further.
    expect(txLengths.size).to.be.greaterThan(20);
    // The random values stay inside uint256 (the overflow edge has its own case below).
    expect(reverts).to.equal(0);
    // The short calls fall under Fjord's floor (executor plans compress to just above it).
    expect(floors).to.be.greaterThan(0);
  });

  it("Fjord's minimum size: a short transaction pays for 100 bytes, as the contract does", async function () {
    const rng = new Prng(100);
    const values = {
      l1BaseFee: 30_000_000_000n,
      blobBaseFee: 1n,
      baseFeeScalar: 5227n,
      blobBaseFeeScalar: 1_014_213n,
    };
    await setL1BlockValues(values);
    await setOracleMode("fjord");
    const p: L1FeeParams = { mode: "fjord", ...values };
    for (const n of [0, 4, 24, 60]) {
      const { unsigned } = signedTx(rng, bytes(rng, n));
      const size = BigInt(flzCompressedLength(unsigned)) + UNSIGNED_TX_PADDING;
      expect(fjordEstimatedSize(size)).to.equal(100_000_000n);
      const floorFee = (100_000_000n * (5227n * 16n * 30_000_000_000n + 1_014_213n)) / 10n ** 12n;
      expect(await getL1Fee(unsigned))
        .to.equal(floorFee)
        .and.to.equal(oracleL1Fee(unsigned, p));
    }
  });

  it("a one-unit change of any L1Block value moves our figure and the contract's alike", async function () {
    const rng = new Prng(7);
    const { unsigned } = signedTx(rng, encodeExecute(randomPlan(rng)));
    const base = {
      l1BaseFee: 12_345_678_901n,
      blobBaseFee: 987_654_321n,
      baseFeeScalar: 1368n,
      blobBaseFeeScalar: 810_949n,
    };
    for (const mode of MODES) {
      await setOracleMode(mode);
      const baseFee = oracleL1Fee(unsigned, { mode, ...base });
      for (const field of ["l1BaseFee", "blobBaseFee", "baseFeeScalar", "blobBaseFeeScalar"] as const) {
        const bumped = { ...base, [field]: base[field] + 1n };
        await setL1BlockValues(bumped);
        const fee = await getL1Fee(unsigned);
        expect(fee, `${mode} ${field}`).to.equal(oracleL1Fee(unsigned, { mode, ...bumped }));
        expect(fee, `${mode} ${field}`).to.not.equal(baseFee);
      }
    }
  });

  it("reverts where the contract reverts: a base fee scalar of 2^28 overflows its uint32 product", async function () {
    const rng = new Prng(28);
    const { unsigned } = signedTx(rng, encodeExecute(randomPlan(rng)));
    const values = { l1BaseFee: 1n, blobBaseFee: 0n, baseFeeScalar: 1n << 28n, blobBaseFeeScalar: 0n };
    await setL1BlockValues(values);
    for (const mode of MODES) {
      await setOracleMode(mode);
      expect(await getL1Fee(unsigned)).to.equal("revert");
      expect(() => oracleL1Fee(unsigned, { mode, ...values })).to.throw(
        OpStackFeeError,
        "baseFeeScalar * 16",
      );
      // The sequencer's arithmetic is unbounded: the signed figure is still defined.
      expect(l1FeeOfSignedTx(unsigned, { mode, ...values })).to.be.greaterThan(0n);
    }
    await setL1BlockValues({ ...values, baseFeeScalar: (1n << 28n) - 1n });
    expect(await getL1Fee(unsigned)).to.equal(
      oracleL1Fee(unsigned, { mode: "fjord", ...values, baseFeeScalar: (1n << 28n) - 1n }),
    );
  });

  it("Ecotone's signed figure is the oracle's with the 68 signature bytes made real", async function () {
    // The oracle prices unsigned bytes plus 68 non-zero bytes; the sequencer prices what it is
    // given. So the oracle on `d` equals the sequencer's figure on `d` followed by 68 non-zero bytes.
    const rng = new Prng(68);
    const values = {
      l1BaseFee: 7_000_000_000n,
      blobBaseFee: 3n,
      baseFeeScalar: 1368n,
      blobBaseFeeScalar: 810_949n,
    };
    await setL1BlockValues(values);
    await setOracleMode("ecotone");
    for (let i = 0; i < 20; i++) {
      const { unsigned } = signedTx(rng, encodeExecute(randomPlan(rng)));
      const padded = new Uint8Array([...unsigned, ...new Array<number>(68).fill(0xff)]);
      expect(calldataGas(padded)).to.equal(calldataGas(unsigned) + 68n * 16n);
      expect(l1FeeOfSignedTx(padded, { mode: "ecotone", ...values })).to.equal(await getL1Fee(unsigned));
    }
  });
});
