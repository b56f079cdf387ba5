import type { ImmutableReferences, LinkReferences, NpmArtifact } from "./artifacts";

/**
 * Checks that code found at an address is a given npm artifact's runtime code, so a protocol
 * cannot quietly be swapped for a mock. Only two things may differ from the artifact: immutables
 * (written by the constructor) and library addresses (written at link time), and both are checked
 * at the exact byte offsets the compiler recorded.
 */

export interface ByteRange {
  readonly start: number;
  readonly length: number;
}

const PUSH1 = 0x60;
const PUSH32 = 0x7f;

/**
 * Where a legacy-codegen runtime object reads its immutables, when the compiler's
 * immutableReferences were not shipped: solc assembles every immutable read as PUSH32 followed by
 * a 32-byte zero placeholder, and never emits a zero literal that way (it uses PUSH1 0 / PUSH0).
 * The CBOR metadata at the end is data, not code, and is not scanned; nor are `exclude` ranges,
 * meant for creation code of other contracts embedded as data (see embeddedRange), whose own
 * runtime objects carry zero placeholders that are not immutables of this contract.
 */
export function immutablePlaceholders(
  deployedBytecode: string,
  exclude: ReadonlyArray<ByteRange> = [],
): ByteRange[] {
  const code = toBytes(deployedBytecode);
  const metadataLength = code.length >= 2 ? ((code[code.length - 2]! << 8) | code[code.length - 1]!) + 2 : 0;
  const end = metadataLength <= code.length ? code.length - metadataLength : code.length;
  const ranges: ByteRange[] = [];
  for (let pc = 0; pc < end; pc++) {
    const op = code[pc]!;
    if (op < PUSH1 || op > PUSH32) continue;
    const size = op - PUSH1 + 1;
    const excluded = exclude.find((r) => pc >= r.start && pc < r.start + r.length);
    if (excluded !== undefined) {
      pc = excluded.start + excluded.length - 1;
      continue;
    }
    if (op === PUSH32 && pc + 32 < code.length && code.subarray(pc + 1, pc + 33).every((b) => b === 0)) {
      ranges.push({ start: pc + 1, length: 32 });
    }
    pc += size;
  }
  return ranges;
}

/**
 * Where another contract's creation code (e.g. UniswapV3Pool's, inside UniswapV3Factory, which
 * deploys pools with `new`) sits verbatim inside a runtime object; undefined if it does not.
 */
export function embeddedRange(deployedBytecode: string, creationCode: string): ByteRange | undefined {
  const haystack = strip0x(deployedBytecode).toLowerCase();
  const needle = strip0x(creationCode).toLowerCase();
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    // Only a byte-aligned match is a real embedding.
    if (at % 2 === 0) return { start: at / 2, length: needle.length / 2 };
  }
  return undefined;
}

function strip0x(hex: string): string {
  return hex.startsWith("0x") ? hex.slice(2) : hex;
}

/** The compiler's immutableReferences flattened into byte ranges, sorted by offset. */
export function rangesOf(references: ImmutableReferences): ByteRange[] {
  return Object.values(references)
    .flat()
    .map(({ start, length }) => ({ start, length }))
    .sort((a, b) => a.start - b.start);
}

/**
 * The artifact's runtime code (hex) with each linked library's address written at its references;
 * libraries not named are linked to the zero address (enough to scan the code, not to run it).
 */
export function linkRuntimeCode(
  deployedBytecode: string,
  references: LinkReferences,
  libraries: Readonly<Record<string, string>>,
): string {
  let hex = deployedBytecode.startsWith("0x") ? deployedBytecode.slice(2) : deployedBytecode;
  for (const fileReferences of Object.values(references)) {
    for (const [library, ranges] of Object.entries(fileReferences)) {
      const address = (libraries[library] ?? "0x0000000000000000000000000000000000000000")
        .slice(2)
        .toLowerCase();
      for (const { start, length } of ranges) {
        hex = hex.slice(0, start * 2) + address.slice(0, length * 2) + hex.slice((start + length) * 2);
      }
    }
  }
  return `0x${hex}`;
}

export interface RuntimeCodeComparison {
  /** True when every byte outside the immutable ranges equals the linked artifact. */
  readonly matches: boolean;
  /** First differing byte offset outside the immutable ranges, or -1. */
  readonly firstDifference: number;
  /** The 32-byte values found in each immutable range of the on-chain code, as hex. */
  readonly immutableValues: string[];
}

/** Compares on-chain runtime code with an artifact modulo its immutables and linked libraries. */
export function compareRuntimeCode(
  onchain: string,
  artifact: Pick<NpmArtifact, "deployedBytecode" | "deployedLinkReferences">,
  immutables: ReadonlyArray<ByteRange>,
  libraries: Readonly<Record<string, string>> = {},
): RuntimeCodeComparison {
  const actual = toBytes(onchain);
  const expected = toBytes(
    linkRuntimeCode(artifact.deployedBytecode, artifact.deployedLinkReferences, libraries),
  );
  const masked = new Uint8Array(expected.length);
  for (const { start, length } of immutables) masked.fill(1, start, start + length);
  let firstDifference = actual.length === expected.length ? -1 : Math.min(actual.length, expected.length);
  for (let i = 0; i < Math.min(actual.length, expected.length) && firstDifference === -1; i++) {
    if (masked[i] === 0 && actual[i] !== expected[i]) firstDifference = i;
  }
  return {
    matches: firstDifference === -1,
    firstDifference,
    immutableValues: immutables.map(({ start, length }) => toHex(actual.subarray(start, start + length))),
  };
}

function toBytes(hex: string): Uint8Array {
  const body = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) {
    throw new RangeError(
      "not an even-length hex string (unlinked library placeholders must be linked first)",
    );
  }
  return Uint8Array.from(Buffer.from(body, "hex"));
}

function toHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString("hex")}`;
}
