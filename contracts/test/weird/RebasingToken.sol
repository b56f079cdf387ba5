// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title RebasingToken
/// @notice Balances are shares times a global index that shrinks by 1 % on every transfer (tests
///         only): a negative rebase, so a pool's balance falls between a transfer and its swap.
contract RebasingToken {
    error Insufficient();

    event Transfer(address indexed from, address indexed to, uint256 value);

    // solhint-disable-next-line const-name-snakecase
    string public constant name = "Rebasing";
    // solhint-disable-next-line const-name-snakecase
    string public constant symbol = "REB";
    // solhint-disable-next-line const-name-snakecase
    uint8 public constant decimals = 18;
    uint256 private constant ONE = 1e18;
    uint256 public index = ONE;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowance;

    function balanceOf(address account) public view returns (uint256) {
        return (shares[account] * index) / ONE;
    }

    function mint(address to, uint256 amount) external {
        shares[to] += (amount * ONE) / index;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (allowance[from][msg.sender] < amount) revert Insufficient();
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 moved = (amount * ONE) / index;
        if (shares[from] < moved) revert Insufficient();
        shares[from] -= moved;
        shares[to] += moved;
        index = (index * 99) / 100;
        emit Transfer(from, to, amount);
    }
}
