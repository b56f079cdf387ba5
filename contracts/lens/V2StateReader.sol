// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title V2StateReader
/// @notice Reads the reserves of many Uniswap-V2-style pairs in one `eth_call`, without being
///         deployed: the keeper sends this contract's creation code with its arguments as the `data`
///         of an `eth_call` with no `to`, and the constructor returns the answer instead of code.
///         Works on every EVM chain, whether or not Multicall3 is there.
/// @dev Output: the answer comes back as REVERT data, because a constructor's RETURN is code and
///      code is capped at 24,576 bytes (EIP-170), about 380 pairs; revert data has no such cap.
///      It starts with the selector of `LensAnswer()` (0x0d958f08) padded to a word, so the keeper
///      tells an answer from a real failure; then for each pair two 32-byte words (reserve0,
///      reserve1). A pair whose `getReserves` fails or returns short data reads as
///      (2^256-1, 2^256-1), which no real reserve can be, so the keeper can tell "unreadable" from
///      "empty".
contract V2StateReader {
    constructor(address[] memory pairs) {
        uint256 n = pairs.length;
        assembly ("memory-safe") {
            let head := mload(0x40)
            mstore(head, shl(224, 0x0d958f08))
            let out := add(head, 0x20)
            // getReserves() selector 0x0902f1ac, placed in the scratch word.
            mstore(0x00, shl(224, 0x0902f1ac))
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                let pair := mload(add(add(pairs, 0x20), shl(5, i)))
                let dst := add(out, shl(6, i))
                // The call writes its first 64 bytes of output straight into the result slot.
                let ok := staticcall(gas(), pair, 0x00, 4, dst, 0x40)
                if or(iszero(ok), lt(returndatasize(), 0x60)) {
                    mstore(dst, not(0))
                    mstore(add(dst, 0x20), not(0))
                }
            }
            revert(head, add(0x20, shl(6, n)))
        }
    }
}
