// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestERC20
/// @notice A plain OpenZeppelin ERC-20 with configurable decimals and open minting, for the devnet
///         and tests only. It stands for well-behaved real tokens (USDC, DAI, WBTC...); badly
///         behaved tokens live beside it in contracts/test/weird/.
contract TestERC20 is ERC20 {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Anyone may mint: this token exists only on local chains.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
