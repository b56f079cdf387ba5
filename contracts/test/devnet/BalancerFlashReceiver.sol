// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice The one Balancer V2 Vault function this receiver needs.
interface IBalancerFlashLoanVault {
    function flashLoan(
        address recipient,
        IERC20[] calldata tokens,
        uint256[] calldata amounts,
        bytes calldata userData
    ) external;
}

/// @title BalancerFlashReceiver
/// @notice Devnet acceptance only: borrows through the Balancer V2 Vault's `flashLoan` and records what it held
///         and was charged. With `repay` false it keeps the tokens, which the Vault must refuse.
contract BalancerFlashReceiver {
    using SafeERC20 for IERC20;

    address public immutable VAULT;

    bool private _repay;
    bool private _borrowing;
    uint256[] private _feeAmounts;
    uint256[] private _balancesDuringLoan;

    error NotVault(address caller);
    error NotBorrowing();

    constructor(address vault) {
        VAULT = vault;
    }

    function borrow(IERC20[] calldata tokens, uint256[] calldata amounts, bool repay) external {
        _repay = repay;
        _borrowing = true;
        IBalancerFlashLoanVault(VAULT).flashLoan(address(this), tokens, amounts, "");
        _borrowing = false;
    }

    /// @dev Balancer's IFlashLoanRecipient callback. Proves its caller and that this contract asked for the loan.
    function receiveFlashLoan(
        IERC20[] calldata tokens,
        uint256[] calldata amounts,
        uint256[] calldata feeAmounts,
        bytes calldata
    ) external {
        if (msg.sender != VAULT) revert NotVault(msg.sender);
        if (!_borrowing) revert NotBorrowing();
        delete _feeAmounts;
        delete _balancesDuringLoan;
        for (uint256 i = 0; i < tokens.length; ++i) {
            _feeAmounts.push(feeAmounts[i]);
            _balancesDuringLoan.push(tokens[i].balanceOf(address(this)));
            // The Vault checks its balances after the callback: repaying is a plain transfer.
            if (_repay) tokens[i].safeTransfer(VAULT, amounts[i] + feeAmounts[i]);
        }
    }

    function lastFeeAmounts() external view returns (uint256[] memory) {
        return _feeAmounts;
    }

    function lastBalancesDuringLoan() external view returns (uint256[] memory) {
        return _balancesDuringLoan;
    }
}
