// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IV2PairLike {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function skim(address to) external;
}

interface IV3PoolLike {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
    function mint(
        address recipient,
        int24 tickLower,
        int24 tickUpper,
        uint128 amount,
        bytes calldata data
    ) external returns (uint256 amount0, uint256 amount1);
    function burn(int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256, uint256);
}

/// @title PoolSwapper
/// @notice Test-only driver that checks the AMM models against the real Uniswap bytecode: it
///         batches many swaps into one transaction (so that 1,000 swaps take seconds) and holds
///         V3 positions (Uniswap V3 and PancakeSwap V3 pools alike). It pays from its own balance, which
///         tests mint to it.
contract PoolSwapper {
    /// @notice One V2 probe. Exact-in: send amountIn, the pair must refuse amountOut + 1 and
    ///         accept amountOut. Exact-out: the pair must refuse amountOut for amountIn - 1 and
    ///         accept it for amountIn. Together: the model's number is the pair's exact limit.
    struct V2Swap {
        bool zeroForOne;
        bool exactOut;
        uint256 amountIn;
        uint256 amountOut;
    }

    struct V3Swap {
        bool zeroForOne;
        int256 amountSpecified;
        uint160 sqrtPriceLimitX96;
    }

    error V2AcceptedBeyondQuote(uint256 index);
    error UnexpectedCallback(address caller);

    /// @notice A V3 swap of the batch reverted (e.g. the price was already at its limit).
    event V3SwapReverted(uint256 index, bytes reason);

    /// @dev The pool whose callback is expected, set only for the duration of a call into it.
    address private _expectedPool;

    function swapV2Batch(address pair, V2Swap[] calldata swaps) external {
        address token0 = IV2PairLike(pair).token0();
        address token1 = IV2PairLike(pair).token1();
        for (uint256 i = 0; i < swaps.length; i++) {
            V2Swap calldata s = swaps[i];
            IERC20 tokenIn = IERC20(s.zeroForOne ? token0 : token1);
            if (s.exactOut) {
                _v2TransferIn(tokenIn, pair, s.amountIn - 1);
                if (_v2TrySwap(pair, s.zeroForOne, s.amountOut)) revert V2AcceptedBeyondQuote(i);
                _v2TransferIn(tokenIn, pair, 1);
            } else {
                _v2TransferIn(tokenIn, pair, s.amountIn);
                if (_v2TrySwap(pair, s.zeroForOne, s.amountOut + 1)) revert V2AcceptedBeyondQuote(i);
            }
            if (s.amountOut == 0) {
                // The pair refuses a zero output: take the input back so reserves stay in sync.
                IV2PairLike(pair).skim(address(this));
            } else {
                (uint256 out0, uint256 out1) = s.zeroForOne
                    ? (uint256(0), s.amountOut)
                    : (s.amountOut, uint256(0));
                IV2PairLike(pair).swap(out0, out1, address(this), "");
            }
        }
    }

    function _v2TransferIn(IERC20 token, address pair, uint256 amount) private {
        if (amount > 0) token.transfer(pair, amount);
    }

    function _v2TrySwap(address pair, bool zeroForOne, uint256 amountOut) private returns (bool accepted) {
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        try IV2PairLike(pair).swap(out0, out1, address(this), "") {
            accepted = true;
        } catch {
            accepted = false;
        }
    }

    /// @notice Runs the swaps in order; one that reverts is reported by event and skipped.
    function swapV3Batch(address pool, V3Swap[] calldata swaps) external {
        _expectedPool = pool;
        for (uint256 i = 0; i < swaps.length; i++) {
            V3Swap calldata s = swaps[i];
            try
                IV3PoolLike(pool).swap(
                    address(this),
                    s.zeroForOne,
                    s.amountSpecified,
                    s.sqrtPriceLimitX96,
                    ""
                )
            {
                // The pool's Swap log carries the amounts and the new state.
            } catch (bytes memory reason) {
                emit V3SwapReverted(i, reason);
            }
        }
        _expectedPool = address(0);
    }

    /// @notice One swap, returning the pool's own amounts: an eth_call of it is the pool's quote
    ///         on the current state, and sending it moves exactly those amounts.
    /// @return amount0 The pool's token0 delta (positive: paid to the pool).
    /// @return amount1 The pool's token1 delta.
    function swapV3(
        address pool,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96
    ) external returns (int256 amount0, int256 amount1) {
        _expectedPool = pool;
        (amount0, amount1) = IV3PoolLike(pool).swap(
            address(this),
            zeroForOne,
            amountSpecified,
            sqrtPriceLimitX96,
            ""
        );
        _expectedPool = address(0);
    }

    function mintV3Batch(
        address pool,
        int24[] calldata tickLower,
        int24[] calldata tickUpper,
        uint128[] calldata amount
    ) external {
        _expectedPool = pool;
        for (uint256 i = 0; i < amount.length; i++) {
            IV3PoolLike(pool).mint(address(this), tickLower[i], tickUpper[i], amount[i], "");
        }
        _expectedPool = address(0);
    }

    function burnV3(address pool, int24 tickLower, int24 tickUpper, uint128 amount) external {
        IV3PoolLike(pool).burn(tickLower, tickUpper, amount);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta, amount1Delta);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        // Owed amounts fit in int256: they come from uint128 liquidity over a sqrt price range.
        _pay(int256(amount0Owed), int256(amount1Owed));
    }

    /// @notice PancakeSwap V3 pools call back under their own names, with the same arguments.
    function pancakeV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta, amount1Delta);
    }

    function pancakeV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(int256(amount0Owed), int256(amount1Owed));
    }

    function _pay(int256 amount0, int256 amount1) private {
        if (msg.sender != _expectedPool) revert UnexpectedCallback(msg.sender);
        if (amount0 > 0) IERC20(IV3PoolLike(msg.sender).token0()).transfer(msg.sender, uint256(amount0));
        if (amount1 > 0) IERC20(IV3PoolLike(msg.sender).token1()).transfer(msg.sender, uint256(amount1));
    }
}
