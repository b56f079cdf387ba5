// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title GasPriceTrapToken
/// @notice A honeypot (tests only): once armed, every transfer between two accounts reverts in a
///         transaction that pays for its gas, while a zero-price `eth_call` of the same transfer
///         succeeds. A keeper that simulates at gas price zero sees a profit it can never realise.
contract GasPriceTrapToken is ERC20 {
    /// @notice A transfer in a transaction paying `gasPrice` per gas, once armed.
    error Trapped(uint256 gasPrice);

    address private immutable _owner;
    bool public armed;

    constructor() ERC20("Gas Price Trap", "TRAP") {
        _owner = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Springs the trap (after the pools are seeded).
    function arm() external {
        if (msg.sender == _owner) armed = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed && from != address(0) && to != address(0) && tx.gasprice != 0) revert Trapped(tx.gasprice);
        super._update(from, to, value);
    }
}
