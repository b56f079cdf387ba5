/**
 * The OP-stack fee predeploys on the in-process Hardhat network: the released GasPriceOracle 1.3.0
 * and L1Block runtime code from @eth-optimism/contracts-bedrock@0.17.3's forge artifacts, placed at
 * their predeploy addresses, and their storage written through the artifacts' own storage layouts
 * (so a layout change in the package fails here rather than silently pricing with wrong slots).
 */
import fs from "node:fs";
import { network } from "hardhat";
import { GAS_PRICE_ORACLE, L1_BLOCK } from "../../bot/chains/op-stack/predeploys";
import type { OpStackFeeMode } from "../../bot/chains/op-stack/l1Fee";

interface StorageEntry {
  readonly label: string;
  readonly slot: string;
  readonly offset: number;
  readonly type: string;
}
interface ForgeArtifact {
  readonly abi: ReadonlyArray<Record<string, unknown>>;
  readonly deployedBytecode: { readonly object: string };
  readonly storageLayout: {
    readonly storage: readonly StorageEntry[];
    readonly types: Readonly<Record<string, { readonly numberOfBytes: string }>>;
  };
}

function forgeArtifact(name: "GasPriceOracle" | "L1Block"): ForgeArtifact {
  const file = require.resolve(`@eth-optimism/contracts-bedrock/forge-artifacts/${name}.sol/${name}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as ForgeArtifact;
}

export const ORACLE_ARTIFACT = forgeArtifact("GasPriceOracle");
export const L1_BLOCK_ARTIFACT = forgeArtifact("L1Block");

export async function installOpStackPredeploys(): Promise<void> {
  await network.provider.send("hardhat_setCode", [GAS_PRICE_ORACLE, ORACLE_ARTIFACT.deployedBytecode.object]);
  await network.provider.send("hardhat_setCode", [L1_BLOCK, L1_BLOCK_ARTIFACT.deployedBytecode.object]);
}

/**
 * Writes `values` (by storage label) into their slots, each field at its offset and width; fields
 * sharing a slot that are not given are written as zero.
 */
async function writeFields(
  address: string,
  artifact: ForgeArtifact,
  values: Readonly<Record<string, bigint>>,
): Promise<void> {
  const words = new Map<string, bigint>();
  for (const [label, value] of Object.entries(values)) {
    const entry = artifact.storageLayout.storage.find((e) => e.label === label);
    if (entry === undefined) throw new Error(`no storage field ${label}`);
    const bits = BigInt(artifact.storageLayout.types[entry.type].numberOfBytes) * 8n;
    if (value < 0n || value >= 1n << bits) throw new Error(`${label} does not fit ${bits} bits`);
    words.set(entry.slot, (words.get(entry.slot) ?? 0n) | (value << BigInt(entry.offset * 8)));
  }
  for (const [slot, word] of words) {
    await network.provider.send("hardhat_setStorageAt", [
      address,
      "0x" + BigInt(slot).toString(16),
      "0x" + word.toString(16).padStart(64, "0"),
    ]);
  }
}

export interface L1BlockValues {
  readonly l1BaseFee: bigint;
  readonly blobBaseFee: bigint;
  readonly baseFeeScalar: bigint;
  readonly blobBaseFeeScalar: bigint;
  /** Shares the scalars' slot: written too, so the packing is exercised. */
  readonly sequenceNumber?: bigint;
}

export async function setL1BlockValues(v: L1BlockValues): Promise<void> {
  await writeFields(L1_BLOCK, L1_BLOCK_ARTIFACT, {
    basefee: v.l1BaseFee,
    blobBaseFee: v.blobBaseFee,
    baseFeeScalar: v.baseFeeScalar,
    blobBaseFeeScalar: v.blobBaseFeeScalar,
    sequenceNumber: v.sequenceNumber ?? 7n,
  });
}

/** The GasPriceOracle's fork flags; "bedrock" clears both. */
export async function setOracleMode(mode: OpStackFeeMode | "bedrock"): Promise<void> {
  await writeFields(GAS_PRICE_ORACLE, ORACLE_ARTIFACT, {
    isEcotone: mode === "bedrock" ? 0n : 1n,
    isFjord: mode === "fjord" ? 1n : 0n,
  });
}
