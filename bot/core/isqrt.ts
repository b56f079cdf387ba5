/**
 * floor(sqrt(n)) for a non-negative bigint. The closed-form optimum of a composed V2 cycle needs
 * the square root of a product of up to six 128-bit reserves (about 760 bits), far beyond what a
 * float can carry, so this is Newton's method on integers seeded from the float root.
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  // Seed above the root: Newton's integer iteration then decreases monotonically to floor(sqrt).
  const bits = n.toString(2).length;
  let x = 1n << BigInt((bits + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
