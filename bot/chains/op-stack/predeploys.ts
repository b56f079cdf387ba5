/**
 * The OP-stack predeploys the L1 data fee comes from, at the same address on every OP-stack chain
 * (https://specs.optimism.io/protocol/predeploys.html; also `Predeploys.sol` in
 * @eth-optimism/contracts-bedrock@0.17.3 and op-geth's `L1BlockAddr`). Lower-case, as bot/ keeps
 * addresses.
 */
/** GasPriceOracle: `getL1Fee(unsignedTx)`, and the `isEcotone` / `isFjord` fork flags. */
export const GAS_PRICE_ORACLE = "0x420000000000000000000000000000000000000f";
/** L1Block: the L1 origin's base fee and blob base fee, and the chain's two fee scalars. */
export const L1_BLOCK = "0x4200000000000000000000000000000000000015";
