// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title SwitchableToken
/// @notice A token that misbehaves on demand (tests only): transfers revert, or return false without
///         moving anything, or call a chosen contract back (reentry) before moving.
contract SwitchableToken is ERC20 {
    error TransfersFrozen();

    enum Mode {
        Normal,
        Revert,
        ReturnFalse,
        Reenter
    }

    Mode public mode;
    address public hookTarget;
    bytes public hookData;

    constructor() ERC20("Switchable", "SWT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice In Reenter mode, every transfer first calls `target` with `data`, bubbling a revert.
    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (mode == Mode.Revert) revert TransfersFrozen();
        if (mode == Mode.ReturnFalse) return false;
        if (mode == Mode.Reenter) _hook();
        return super.transfer(to, amount);
    }

    function _hook() private {
        (bool ok, bytes memory reason) = hookTarget.call(hookData);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
