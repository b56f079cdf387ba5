// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IV2Callee {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

interface IV3Callee {
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;
}

/// @title FakePool
/// @notice A contract that looks like a pool and calls back whatever it is told (tests only): the
///         attacker in the callback-validation tests, and a lying pool inside an operator's plan.
contract FakePool {
    int256 public delta0;
    int256 public delta1;
    address public claimedSender;
    address public token0;
    address public token1;

    function setDeltas(int256 delta0_, int256 delta1_) external {
        delta0 = delta0_;
        delta1 = delta1_;
    }

    function setTokens(address token0_, address token1_) external {
        token0 = token0_;
        token1 = token1_;
    }

    function setClaimedSender(address sender) external {
        claimedSender = sender;
    }

    /// @notice V2-style swap: calls `to` back with the claimed sender whenever data is given.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external {
        if (data.length > 0) IV2Callee(to).uniswapV2Call(claimedSender, amount0Out, amount1Out, data);
    }

    /// @notice V3-style swap: calls the caller back with the configured deltas and returns them.
    function swap(address, bool, int256, uint160, bytes calldata data) external returns (int256, int256) {
        IV3Callee(msg.sender).uniswapV3SwapCallback(delta0, delta1, data);
        return (delta0, delta1);
    }

    /// @notice Calls `target` with `data`, bubbling a revert: an outsider contract calling a callback.
    function poke(address target, bytes calldata data) external {
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
