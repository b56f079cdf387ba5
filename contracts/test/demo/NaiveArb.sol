// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

interface IV2RouterLike {
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
}

interface IWETH9Like {
    function withdraw(uint256 amount) external;
}

/// @title NaiveArb
/// @notice The demo's competing searcher, deliberately simple: WETH -> token on one Uniswap V2
///         router, token -> WETH on another, in one transaction. It reverts unless it gained at least
///         `minProfit` WETH, and pays the block builder (block.coinbase) a fixed share of the profit,
///         which is how it bids for its bundle's place. Devnet and tests only.
contract NaiveArb {
    using SafeERC20 for IERC20;

    error NotOwner();
    error ShareTooLarge(uint256 bps);
    error Unprofitable(uint256 amountIn, uint256 amountOut, uint256 minProfit);
    error PaymentFailed();

    event Arbitrage(address indexed token, uint256 amountIn, uint256 amountOut, uint256 builderPayment);

    address public immutable owner;
    address public immutable weth;
    /// @notice Share of each profit paid to block.coinbase, in basis points.
    uint256 public immutable coinbaseShareBps;

    constructor(address weth_, uint256 coinbaseShareBps_) {
        if (coinbaseShareBps_ > 10_000) revert ShareTooLarge(coinbaseShareBps_);
        owner = msg.sender;
        weth = weth_;
        coinbaseShareBps = coinbaseShareBps_;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @notice Accepts the ETH that WETH.withdraw sends back.
    receive() external payable {}

    /// @notice Buys `token` with `amountIn` WETH on `buyRouter`, sells it all on `sellRouter`, keeps
    ///         the profit in WETH minus the builder's share, which it pays in ETH.
    function arb(
        address buyRouter,
        address sellRouter,
        address token,
        uint256 amountIn,
        uint256 minProfit
    ) external onlyOwner returns (uint256 profit) {
        address[] memory path = new address[](2);
        path[0] = weth;
        path[1] = token;
        IERC20(weth).forceApprove(buyRouter, amountIn);
        uint256 bought = IV2RouterLike(buyRouter).swapExactTokensForTokens(
            amountIn,
            0,
            path,
            address(this),
            block.timestamp
        )[1];
        path[0] = token;
        path[1] = weth;
        IERC20(token).forceApprove(sellRouter, bought);
        uint256 amountOut = IV2RouterLike(sellRouter).swapExactTokensForTokens(
            bought,
            0,
            path,
            address(this),
            block.timestamp
        )[1];
        if (amountOut < amountIn + minProfit) revert Unprofitable(amountIn, amountOut, minProfit);
        profit = amountOut - amountIn;
        uint256 payment = (profit * coinbaseShareBps) / 10_000;
        if (payment > 0) {
            IWETH9Like(weth).withdraw(payment);
            (bool ok, ) = block.coinbase.call{value: payment}("");
            if (!ok) revert PaymentFailed();
        }
        emit Arbitrage(token, amountIn, amountOut, payment);
    }

    /// @notice Sends tokens held here to `to`.
    function withdraw(address token, uint256 amount, address to) external onlyOwner {
        IERC20(token).safeTransfer(to, amount);
    }
}
