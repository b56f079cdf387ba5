// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title V3StateReader
/// @notice Reads the full swap state of many Uniswap-V3-style pools in one `eth_call`, without being
///         deployed (the constructor returns the answer; see V2StateReader): price, tick, active
///         liquidity and every initialised tick with its liquidityNet and liquidityGross, found by
///         walking the tick bitmap over a range of words.
/// @dev Request: `pools[i]` with its `tickSpacing[i]` and the bitmap words `wordLo[i]..wordHi[i]`
///      (inclusive) to walk; the keeper splits pools with many words across calls.
///      Output, per pool, 32-byte words: sqrtPriceX96, tick (int, sign-extended), liquidity,
///      count, then `count` triples (tick, liquidityNet (int, sign-extended), liquidityGross).
///      An unreadable pool reports sqrtPriceX96 = 2^256-1 and count 0.
///      The answer comes back as REVERT data after the word `LensAnswer()` (0x0d958f08, padded):
///      a constructor's RETURN is code, capped at 24,576 bytes (EIP-170), which a pool with a few
///      hundred initialised ticks exceeds; revert data has no such cap.
///      Memory: a 256-byte call buffer, then the output written sequentially; nothing else
///      allocates after it, so the free-memory pointer is never needed again.
contract V3StateReader {
    constructor(
        address[] memory pools,
        int24[] memory tickSpacing,
        int16[] memory wordLo,
        int16[] memory wordHi
    ) {
        uint256 buf;
        assembly ("memory-safe") {
            buf := mload(0x40)
        }
        uint256 head = buf + 0x100;
        assembly ("memory-safe") {
            mstore(head, shl(224, 0x0d958f08))
        }
        uint256 p = head + 0x20;
        for (uint256 i = 0; i < pools.length; ++i) {
            p = _readPool(pools[i], tickSpacing[i], wordLo[i], wordHi[i], buf, p);
        }
        assembly ("memory-safe") {
            revert(head, sub(p, head))
        }
    }

    function _readPool(
        address pool,
        int24 spacing,
        int16 lo,
        int16 hi,
        uint256 buf,
        uint256 p
    ) private view returns (uint256) {
        bool ok;
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
        uint256 countAt = p + 0x60;
        p += 0x80;
        uint256 count = 0;
        if (ok) {
            for (int16 w = lo; w <= hi; ++w) {
                (p, count) = _readWord(pool, spacing, w, buf, p, count);
                if (w == type(int16).max) break;
            }
        }
        assembly ("memory-safe") {
            mstore(countAt, count)
        }
        return p;
    }

    function _readWord(
        address pool,
        int24 spacing,
        int16 w,
        uint256 buf,
        uint256 p,
        uint256 count
    ) private view returns (uint256, uint256) {
        uint256 bits;
        assembly ("memory-safe") {
            // tickBitmap(int16): 0x5339c296
            mstore(buf, shl(224, 0x5339c296))
            mstore(add(buf, 4), w)
            if iszero(staticcall(gas(), pool, buf, 0x24, buf, 0x20)) {
                mstore(buf, 0)
            }
            bits := mload(buf)
        }
        while (bits != 0) {
            uint256 low = bits & (~bits + 1);
            bits ^= low;
            int256 tick = (int256(w) * 256 + int256(_log2(low))) * int256(spacing);
            assembly ("memory-safe") {
                // ticks(int24): 0xf30dba93 -> (liquidityGross, liquidityNet, ...8 words)
                mstore(buf, shl(224, 0xf30dba93))
                mstore(add(buf, 4), tick)
                pop(staticcall(gas(), pool, buf, 0x24, buf, 0x40))
                mstore(p, tick)
                mstore(add(p, 0x20), signextend(15, mload(add(buf, 0x20))))
                mstore(add(p, 0x40), mload(buf))
            }
            p += 0x60;
            ++count;
        }
        return (p, count);
    }

    /// @dev Index of the single set bit of `x` (x is a power of two), by binary search.
    function _log2(uint256 x) private pure returns (uint256 r) {
        if (x >= 1 << 128) (x, r) = (x >> 128, r + 128);
        if (x >= 1 << 64) (x, r) = (x >> 64, r + 64);
        if (x >= 1 << 32) (x, r) = (x >> 32, r + 32);
        if (x >= 1 << 16) (x, r) = (x >> 16, r + 16);
        if (x >= 1 << 8) (x, r) = (x >> 8, r + 8);
        if (x >= 1 << 4) (x, r) = (x >> 4, r + 4);
        if (x >= 1 << 2) (x, r) = (x >> 2, r + 2);
        if (x >= 1 << 1) r += 1;
    }
}
