// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {V3ReaderBase} from "./V3ReaderBase.sol";

/// @title V3StateReader
/// @notice Reads the full swap state of many Uniswap-V3-style pools in one `eth_call`, without being
///         deployed (the constructor answers; see V2StateReader): price, tick, active liquidity and
///         every initialised tick with its liquidityNet and liquidityGross, found by walking the
///         tick bitmap over a range of words. Needs nothing but the pool; costs one call per
///         bitmap word (6,932 words for a pool of tick spacing 1). V3TickReader reads listed ticks.
/// @dev Request: `pools[i]` with its `tickSpacing[i]` and the bitmap words `wordLo[i]..wordHi[i]`
///      (inclusive) to walk; the keeper splits pools with many words across calls.
///      Output: as V3ReaderBase describes, ticks in ascending order.
contract V3StateReader is V3ReaderBase {
    constructor(
        address[] memory pools,
        int24[] memory tickSpacing,
        int16[] memory wordLo,
        int16[] memory wordHi
    ) {
        (uint256 buf, uint256 head, uint256 p) = _begin();
        for (uint256 i = 0; i < pools.length; ++i) {
            p = _readPool(pools[i], tickSpacing[i], wordLo[i], wordHi[i], buf, p);
        }
        _answer(head, p);
    }

    function _readPool(
        address pool,
        int24 spacing,
        int16 lo,
        int16 hi,
        uint256 buf,
        uint256 p
    ) private view returns (uint256) {
        bool ok = _readHead(pool, buf, p);
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
            _readTick(pool, tick, buf, p);
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
