/**
 * The EIP-1559 base fee of the block after `parent`, exactly as clients compute it: it moves by
 * at most 1/8 towards the gas used relative to the target (half the gas limit).
 */
export function nextBaseFee(parent: { baseFeePerGas: bigint; gasUsed: bigint; gasLimit: bigint }): bigint {
  const target = parent.gasLimit / 2n;
  const base = parent.baseFeePerGas;
  if (target === 0n || parent.gasUsed === target) return base;
  if (parent.gasUsed > target) {
    const delta = (base * (parent.gasUsed - target)) / target / 8n;
    return base + (delta > 1n ? delta : 1n);
  }
  return base - (base * (target - parent.gasUsed)) / target / 8n;
}
