// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice The one Aave V3 Pool function this receiver needs (Aave's own sources pin solc 0.8.10).
interface IAaveFlashLoanSimplePool {
    function flashLoanSimple(
        address receiverAddress,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external;
}

/// @title AaveFlashReceiver
/// @notice Devnet acceptance only: borrows through Aave V3 `flashLoanSimple` and records what it held and was
///         charged. With `repay` false it grants the pool no allowance, which the pool must refuse.
contract AaveFlashReceiver {
    using SafeERC20 for IERC20;

    address public immutable POOL;

    bool private _repay;
    bool private _borrowing;
    uint256 public lastAmount;
    uint256 public lastPremium;
    uint256 public balanceDuringLoan;

    error NotPool(address caller);
    error NotInitiator(address initiator);
    error NotBorrowing();

    constructor(address pool) {
        POOL = pool;
    }

    function borrow(address asset, uint256 amount, bool repay) external {
        _repay = repay;
        _borrowing = true;
        IAaveFlashLoanSimplePool(POOL).flashLoanSimple(address(this), asset, amount, "", 0);
        _borrowing = false;
    }

    /// @dev Aave's IFlashLoanSimpleReceiver callback. Proves its caller and that this contract asked for the loan.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata
    ) external returns (bool) {
        if (msg.sender != POOL) revert NotPool(msg.sender);
        if (initiator != address(this)) revert NotInitiator(initiator);
        if (!_borrowing) revert NotBorrowing();
        lastAmount = amount;
        lastPremium = premium;
        balanceDuringLoan = IERC20(asset).balanceOf(address(this));
        // The pool pulls amount + premium with transferFrom after this returns.
        if (_repay) IERC20(asset).forceApprove(POOL, amount + premium);
        return true;
    }
}
