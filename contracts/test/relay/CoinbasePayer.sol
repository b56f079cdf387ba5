// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title CoinbasePayer
/// @notice Test-only contract for the devnet relay: pays the block builder (block.coinbase)
///         directly, as searchers do, offers a one-time opportunity two bundles can race for, and
///         reverts on demand to test bundle atomicity.
contract CoinbasePayer {
    error PaymentFailed();
    error AlreadyClaimed(address winner);
    error Refused(uint256 code);

    event Paid(address indexed payer, uint256 amount, uint256 sequence);

    /// @notice Who took the opportunity, if anyone.
    address public winner;
    /// @notice Counts payments, so a test can see the order transactions ran in.
    uint256 public sequence;

    /// @notice Sends all of msg.value to the block builder; returns the payment's sequence number.
    function pay() public payable returns (uint256) {
        (bool ok, ) = block.coinbase.call{value: msg.value}("");
        if (!ok) revert PaymentFailed();
        sequence += 1;
        emit Paid(msg.sender, msg.value, sequence);
        return sequence;
    }

    /// @notice A one-time opportunity: only the first caller succeeds, and pays the builder.
    function claim() external payable returns (uint256) {
        if (winner != address(0)) revert AlreadyClaimed(winner);
        winner = msg.sender;
        return pay();
    }

    /// @notice Like claim, but a late caller does not revert: it pays nothing and keeps its ETH
    ///         in this contract, as a searcher's contract that checks its profit before paying.
    function tryClaim() external payable returns (uint256) {
        if (winner != address(0)) return 0;
        winner = msg.sender;
        return pay();
    }

    /// @notice Always reverts, with a code the test chooses.
    function fail(uint256 code) external pure {
        revert Refused(code);
    }
}
