// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {V3ReaderBase} from "./V3ReaderBase.sol";

/// @title V3TickReader
/// @notice Reads many Uniswap-V3-style pools in one `eth_call`, without being deployed, like
///         V3StateReader, but only at the ticks it is given: price, tick, active liquidity, and each
///         listed tick that is initialised. One call per listed tick instead of one per bitmap word.
///         The keeper lists the tickLower/tickUpper of every `Mint` the pool has emitted since its
///         creation: a tick only becomes initialised through a mint, so that list holds every
///         initialised tick, and the reader drops those burnt back to zero.
/// @dev Request: `pools[i]` and `tickCounts[i]` ticks for it, the ticks of all pools concatenated in
///      `ticks` (the keeper sends each pool's ticks ascending and without repeats).
///      Output: as V3ReaderBase describes, with only ticks whose liquidityGross is not zero.
contract V3TickReader is V3ReaderBase {
    constructor(address[] memory pools, uint256[] memory tickCounts, int24[] memory ticks) {
        (uint256 buf, uint256 head, uint256 p) = _begin();
        uint256 next = 0;
        for (uint256 i = 0; i < pools.length; ++i) {
            address pool = pools[i];
            uint256 end = next + tickCounts[i];
            bool ok = _readHead(pool, buf, p);
            uint256 countAt = p + 0x60;
            p += 0x80;
            uint256 count = 0;
            for (; ok && next < end; ++next) {
                if (_readTick(pool, ticks[next], buf, p) != 0) {
                    p += 0x60;
                    ++count;
                }
            }
            next = end;
            assembly ("memory-safe") {
                mstore(countAt, count)
            }
        }
        _answer(head, p);
    }
}
