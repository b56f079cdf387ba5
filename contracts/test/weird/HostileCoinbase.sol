// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IERC20Balance {
    function balanceOf(address account) external view returns (uint256);
}

interface IExecutorCallbacks {
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}

/// @title HostileCoinbase
/// @notice A block builder's coinbase contract that attacks the executor paying it (tests only), and
///         the hostile pool its attack needs.
///         - Paid ETH, it makes one chosen call (say the Balancer Vault's `flashLoan` to the executor,
///           with a plan of its own) and records how that went instead of reverting, so the paying
///           transaction carries on and the test can see both the attack and the executor's balances.
///         - Called as a V3-style pool, it calls its caller back under `v3Callback`, once per token of
///           its drain list, each time posing with that token as `token0` and asking for the caller's
///           whole balance of it: a drain only a callback accepted more than once can pay.
///         - Called as a V2 pair, it calls `to` back `v2Callbacks` times (0: it returns without
///           calling back), sending nothing.
contract HostileCoinbase {
    address public hookTarget;
    bytes public hookData;
    bool public hookCalled;
    bool public hookSucceeded;
    bytes public hookResult;

    /// @notice The token this contract poses as owed in, while it drains it.
    address public token0;
    address public token1;
    /// @notice The V3-style swap callback it calls (uniswapV3SwapCallback unless set).
    bytes4 public v3Callback = 0xfa461e33;
    uint256 public v2Callbacks = 1;
    address[] private _drain;

    /// @notice The call to make when first paid.
    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function setDrain(address[] calldata tokens, bytes4 callback) external {
        _drain = tokens;
        v3Callback = callback;
    }

    function setV2Callbacks(uint256 count) external {
        v2Callbacks = count;
    }

    // Doing something when paid is the point of this contract.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (hookTarget == address(0) || hookCalled) return;
        hookCalled = true;
        (hookSucceeded, hookResult) = hookTarget.call(hookData);
    }

    /// @notice V2-style swap: no tokens move; `to` is called back `v2Callbacks` times with the data.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external {
        for (uint256 i = 0; i < v2Callbacks; ++i) {
            IExecutorCallbacks(to).uniswapV2Call(msg.sender, amount0Out, amount1Out, data);
        }
    }

    /// @notice V3-style swap: asks the caller for all it holds of each drain token, one callback each.
    function swap(address, bool, int256, uint160, bytes calldata) external returns (int256, int256) {
        for (uint256 i = 0; i < _drain.length; ++i) {
            token0 = _drain[i];
            // A test token's balance is far below 2**255: the cast keeps its value.
            int256 owed = int256(IERC20Balance(token0).balanceOf(msg.sender));
            (bool ok, bytes memory reason) = msg.sender.call(
                abi.encodeWithSelector(v3Callback, owed, int256(0), bytes(""))
            );
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        return (0, 0);
    }
}
