/**
 * FastLZ lengths as the Fjord L1 fee counts them: our port equals solady's JavaScript
 * (`LibZip.flzCompress`, the reference library) on random inputs, and equals the GasPriceOracle
 * bytecode (solady's Solidity LibZip) also where solady's JavaScript does not.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { Interface, hexlify } from "ethers";
import { LibZip } from "solady";
import { flzCompressedLength } from "../../bot/chains/op-stack/fastLz";
import {
  FJORD_COST_FASTLZ_COEF,
  FJORD_COST_INTERCEPT,
  UNSIGNED_TX_PADDING,
} from "../../bot/chains/op-stack/l1Fee";
import { GAS_PRICE_ORACLE } from "../../bot/chains/op-stack/predeploys";
import { Prng } from "../../bot/core/prng";
import {
  installOpStackPredeploys,
  ORACLE_ARTIFACT,
  setL1BlockValues,
  setOracleMode,
} from "../helpers/opStackPredeploys";

const soladyLength = (data: Uint8Array): number => (LibZip.flzCompress(hexlify(data)).length - 2) / 2;

function randomBytes(rng: Prng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  // Small alphabets and zero runs make matches of every length; the rest is noise.
  const alphabet = rng.pick([2, 4, 16, 256]);
  for (let i = 0; i < n; i++) out[i] = rng.bool(0.3) ? 0 : rng.int(0, alphabet - 1);
  return out;
}

/**
 * The contract's FastLZ length of `data`, read back from getL1Fee in Fjord mode with the fee per
 * byte set to exactly 1e12 (blob base fee 1e6 at scalar 1e6, no base fee term): the fee is then
 * the regression's estimated size itself, intercept + coef * (length + 68), above the floor.
 */
async function contractLength(data: Uint8Array): Promise<number> {
  const oracle = new Interface(ORACLE_ARTIFACT.abi as never);
  const call = oracle.encodeFunctionData("getL1Fee", [data]);
  const fee = BigInt(
    await network.provider.send("eth_call", [{ to: GAS_PRICE_ORACLE, data: call }, "latest"]),
  );
  const scaled = fee - FJORD_COST_INTERCEPT;
  expect(scaled % FJORD_COST_FASTLZ_COEF, "fee above the floor").to.equal(0n);
  return Number(scaled / FJORD_COST_FASTLZ_COEF - UNSIGNED_TX_PADDING);
}

describe("FastLZ length (Fjord)", function () {
  it("equals solady's LibZip.flzCompress on 3,000 random inputs up to 2 kB", function () {
    const rng = new Prng(0xf1a2);
    for (let t = 0; t < 3_000; t++) {
      const data = randomBytes(rng, rng.int(0, t < 2_900 ? 700 : 2_048));
      expect(flzCompressedLength(data), hexlify(data)).to.equal(soladyLength(data));
    }
  });

  describe("against the GasPriceOracle bytecode", function () {
    before(async function () {
      await installOpStackPredeploys();
      await setL1BlockValues({
        l1BaseFee: 0n,
        blobBaseFee: 1_000_000n,
        baseFeeScalar: 0n,
        blobBaseFeeScalar: 1_000_000n,
      });
      await setOracleMode("fjord");
    });

    it("equals the contract on random inputs", async function () {
      const rng = new Prng(0x1a2b);
      for (let t = 0; t < 100; t++) {
        // 120 bytes of noise first keep the estimated size above the floor, where it can be read back.
        const noise = Uint8Array.from({ length: 120 }, () => rng.int(1, 255));
        const data = new Uint8Array([...noise, ...randomBytes(rng, rng.int(0, 900))]);
        expect(flzCompressedLength(data), hexlify(data)).to.equal(await contractLength(data));
      }
    });

    it("equals the contract where solady's JavaScript hashes a word into another bucket", async function () {
      // 0x3b4377 (bytes 77 43 3b) is one of the 56 three-byte words whose float product rounds
      // across bit 19; with its neighbours it makes solady's JavaScript find one match fewer.
      const data = Uint8Array.from(
        Buffer.from(
          "000200000001000001030377439b0100037743f3007743a30000ee867e0202774353037743eb0001dc0ddd00010377" +
            "439b65caf9010200000003010003ee869e0003010000000100010365cae1000001000000000000dc0df500007743d3" +
            "03ee86f60200000302ee86e600020277438300007743fb020001000002ee869e7743f37743eb0002",
          "hex",
        ),
      );
      const onChain = await contractLength(data);
      expect(flzCompressedLength(data)).to.equal(onChain);
      expect(soladyLength(data)).to.not.equal(onChain);
    });
  });
});
