/**
 * The length of FastLZ-compressed bytes, as the Fjord L1 fee counts it.
 *
 * A port of solady's `LibZip.flzCompress` (Vectorized/solady, MIT; `js/solady.js` 0.1.26 and
 * `src/utils/LibZip.sol`, which GasPriceOracle 1.3.0 calls), with one deliberate change: the
 * match-table hash. Solidity computes `(2654435769 * x) >> 19 & 8191` on exact 256-bit words; the
 * JavaScript library multiplies in floating point, which loses the low bits of a 56-bit product and
 * puts 56 of the 2^24 three-byte words in another bucket. Such a word can then find or miss a match
 * the contract does not, and the compressed length (and the fee) differs by a byte or more
 * (test/chains/fastLz.test.ts shows one). `Math.imul` gives the exact low 32 bits, so the hash here
 * is the contract's. The algorithm is otherwise solady's, step for step, and the tests hold it equal
 * to solady's output on inputs without those words and to the GasPriceOracle bytecode on all.
 *
 * Derived from solady, Copyright (c) 2022-2025 Solady, MIT licence: LICENSE.solady.txt beside this
 * file (copied from the solady 0.1.26 npm package).
 */
const HASH_MULTIPLIER = 2654435769 | 0;
const TABLE_SIZE = 8192;
/** The farthest back a match may reach (13-bit distance). */
const MAX_DISTANCE = 8192;
/** A match longer than this is split (the 8-bit length field after the head's 7). */
const MAX_MATCH_CHUNK = 262;

/** Bits 19..31 of the exact product, as LibZip.sol's `and(shr(19, mul(2654435769, x)), 8191)`. */
function hash(x: number): number {
  return (Math.imul(HASH_MULTIPLIER, x) >>> 19) & (TABLE_SIZE - 1);
}

/** The byte length of `LibZip.flzCompress(data)`. */
export function flzCompressedLength(data: Uint8Array): number {
  const end = data.length - 4;
  const table = new Int32Array(TABLE_SIZE);
  const u24 = (i: number): number => data[i] | (data[i + 1] << 8) | (data[i + 2] << 16);
  let out = 0;
  // Literal runs: one control byte per run of at most 32 bytes.
  const literals = (run: number): void => {
    out += run + Math.ceil(run / 32);
  };
  let anchor = 0;
  let i = 2;
  while (i < end - 9) {
    let seq: number;
    let ref: number;
    let candidate: number;
    let distance: number;
    // Advance until the 3 bytes at i were seen within reach (the hash table remembers the last place).
    do {
      seq = u24(i);
      const h = hash(seq);
      ref = table[h];
      table[h] = i;
      distance = i - ref;
      candidate = distance < MAX_DISTANCE ? u24(ref) : 0x1000000;
    } while (i < end - 9 && i++ && seq !== candidate);
    if (i >= end - 9) break;
    i--;
    if (i > anchor) literals(i - anchor);
    // solady counts the first differing byte too (its loop steps once more after a mismatch); the
    // contract does the same, so the length is the common run plus one, capped at the input's end.
    const limit = end - (i + 3);
    let len = 0;
    while (len < limit && data[ref + 3 + len] === data[i + 3 + len]) len++;
    if (len < limit) len++;
    i += len;
    // A match is 2 bytes (length < 7) or 3; one longer than 262 is emitted in 3-byte chunks.
    for (; len > MAX_MATCH_CHUNK; len -= MAX_MATCH_CHUNK) out += 3;
    out += len < 7 ? 2 : 3;
    table[hash(u24(i))] = i++;
    table[hash(u24(i))] = i++;
    anchor = i;
  }
  literals(end + 4 - anchor);
  return out;
}
