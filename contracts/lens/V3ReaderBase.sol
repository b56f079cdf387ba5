// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title V3ReaderBase
/// @notice What the deployless Uniswap-V3 readers share: reading a pool's price, tick and active
///         liquidity, and one tick's liquidityNet and liquidityGross, into an output buffer.
/// @dev Readers answer by reverting with the word `LensAnswer()` (0x0d958f08, padded) followed by
///      their output (see V2StateReader for why). Per pool the output is 32-byte words:
///      sqrtPriceX96, tick (int, sign-extended), liquidity, count, then `count` triples
///      (tick, liquidityNet (int, sign-extended), liquidityGross). An unreadable pool reports
///      sqrtPriceX96 = 2^256-1 and count 0.
///      Memory: a 256-byte call buffer `buf`, then the output written sequentially from
///      `buf + 0x100`; nothing else allocates after it, so the free-memory pointer is never needed
///      again.
abstract contract V3ReaderBase {
    /// @dev Starts the answer: returns the call buffer and where the first pool's output goes.
    function _begin() internal pure returns (uint256 buf, uint256 head, uint256 p) {
        assembly ("memory-safe") {
            buf := mload(0x40)
        }
        head = buf + 0x100;
        assembly ("memory-safe") {
            mstore(head, shl(224, 0x0d958f08))
        }
        p = head + 0x20;
    }

    /// @dev Ends the answer: reverts with everything from `head` to `p`.
    function _answer(uint256 head, uint256 p) internal pure {
        assembly ("memory-safe") {
            revert(head, sub(p, head))
        }
    }

    /// @dev Writes sqrtPriceX96, tick and liquidity at `p` (or the unreadable marker), returning
    ///      whether the pool answered `slot0()` with a full tuple.
    function _readHead(address pool, uint256 buf, uint256 p) internal view returns (bool ok) {
        assembly ("memory-safe") {
            // slot0(): 0x3850c7bd -> (sqrtPriceX96, tick, ...7 words)
            mstore(buf, shl(224, 0x3850c7bd))
            // Yul evaluates arguments right to left: make the call first, then read its size.
            ok := staticcall(gas(), pool, buf, 4, buf, 0x40)
            ok := and(ok, iszero(lt(returndatasize(), 0xe0)))
            switch ok
            case 0 {
                mstore(p, not(0))
            }
            default {
                mstore(p, mload(buf))
                mstore(add(p, 0x20), signextend(2, mload(add(buf, 0x20))))
                // liquidity(): 0x1a686502
                mstore(buf, shl(224, 0x1a686502))
                pop(staticcall(gas(), pool, buf, 4, buf, 0x20))
                mstore(add(p, 0x40), mload(buf))
            }
        }
    }

    /// @dev Writes the triple (tick, liquidityNet, liquidityGross) of `tick` at `p`, returning its
    ///      liquidityGross (0: the tick is not initialised).
    function _readTick(
        address pool,
        int256 tick,
        uint256 buf,
        uint256 p
    ) internal view returns (uint256 gross) {
        assembly ("memory-safe") {
            // ticks(int24): 0xf30dba93 -> (liquidityGross, liquidityNet, ...8 words)
            mstore(buf, shl(224, 0xf30dba93))
            mstore(add(buf, 4), tick)
            if iszero(staticcall(gas(), pool, buf, 0x24, buf, 0x40)) {
                mstore(buf, 0)
            }
            gross := mload(buf)
            mstore(p, tick)
            mstore(add(p, 0x20), signextend(15, mload(add(buf, 0x20))))
            mstore(add(p, 0x40), gross)
        }
    }
}
