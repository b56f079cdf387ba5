// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IV2Callee {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

interface IAaveReceiver {
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool);
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
    /// @notice The selector the V2-style swap calls back (uniswapV2Call unless set).
    bytes4 public callbackSelector = IV2Callee.uniswapV2Call.selector;

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

    function setCallbackSelector(bytes4 selector) external {
        callbackSelector = selector;
    }

    /// @notice V2-style swap: sends nothing, and calls `to` back under `callbackSelector` with the
    ///         claimed sender whenever data is given.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external {
        if (data.length > 0) {
            _call(to, abi.encodeWithSelector(callbackSelector, claimedSender, amount0Out, amount1Out, data));
        }
    }

    /// @notice Aave-style flash loan that lends nothing, reports the claimed initiator and a 5 bps
    ///         premium, and never pulls the repayment it was approved.
    function flashLoanSimple(
        address receiver,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16
    ) external {
        IAaveReceiver(receiver).executeOperation(asset, amount, (amount * 5) / 10_000, claimedSender, params);
    }

    /// @notice V3-style swap: calls the caller back with the configured deltas and returns them.
    function swap(address, bool, int256, uint160, bytes calldata data) external returns (int256, int256) {
        IV3Callee(msg.sender).uniswapV3SwapCallback(delta0, delta1, data);
        return (delta0, delta1);
    }

    /// @notice Calls `target` with `data`, bubbling a revert: an outsider contract calling a callback.
    function poke(address target, bytes calldata data) external {
        _call(target, data);
    }

    function _call(address target, bytes memory data) private {
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
