// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title BalanceReader
/// @notice Reads many ERC-20 balances in one `eth_call`, without being deployed (like
///         V2StateReader): the keeper's per-block reads of its inventory and of what its lenders
///         hold (the Balancer Vault's balance, each Aave aToken's balance of its asset) are one
///         request instead of one `eth_call` per balance, which a node answers one by one.
/// @dev Input: `tokens[i]` and `owners[i]` name the i-th balance; the arrays have the same length.
///      Output, as REVERT data (a constructor's RETURN is code): the selector of `LensAnswer()`
///      (0x0d958f08) padded to a word, then one word per balance. A balance whose `balanceOf`
///      fails or returns less than a word reads as 2^256-1, which the keeper treats as unreadable.
contract BalanceReader {
    constructor(address[] memory tokens, address[] memory owners) {
        uint256 n = tokens.length;
        assembly ("memory-safe") {
            // Different lengths are a caller's bug: answer nothing rather than guess.
            if iszero(eq(n, mload(owners))) {
                revert(0, 0)
            }
            let head := mload(0x40)
            mstore(head, shl(224, 0x0d958f08))
            let out := add(head, 0x20)
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                let token := mload(add(add(tokens, 0x20), shl(5, i)))
                // balanceOf(address) in the scratch space: selector at 0x00, the owner after it.
                mstore(0x00, shl(224, 0x70a08231))
                mstore(0x04, mload(add(add(owners, 0x20), shl(5, i))))
                let dst := add(out, shl(5, i))
                let ok := staticcall(gas(), token, 0x00, 0x24, dst, 0x20)
                if or(iszero(ok), lt(returndatasize(), 0x20)) {
                    mstore(dst, not(0))
                }
            }
            revert(head, add(0x20, shl(5, n)))
        }
    }
}
