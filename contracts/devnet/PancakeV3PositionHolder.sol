// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice The part of a PancakeSwap V3 pool this contract calls (IPancakeV3Pool in the npm package).
interface IPancakeV3PoolMinting {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(
        address recipient,
        int24 tickLower,
        int24 tickUpper,
        uint128 amount,
        bytes calldata data
    ) external returns (uint256 amount0, uint256 amount1);
}

/// @title PancakeV3PositionHolder (devnet infrastructure)
/// @notice Mints and holds the devnet's PancakeSwap V3 positions. The npm package
///         "pancakeswap/v3-core" ships no position manager, and a pool's `mint` pays through a
///         callback (`pancakeV3MintCallback`), so an account cannot add liquidity without a
///         contract in between: this is that contract, and nothing more. The payer approves it;
///         each owed amount moves straight from the payer to the pool.
/// @dev Positions are owned by this contract and have no way out (no burn, no collect): the
///      devnet's liquidity is meant to stay. Never deployed outside local chains.
contract PancakeV3PositionHolder {
    using SafeERC20 for IERC20;

    /// @notice `pancakeV3MintCallback` was called by `caller` while `expected` was being minted
    ///         into (the zero address outside a `mint`).
    error UnexpectedCallback(address caller, address expected);

    /// @notice Liquidity was added to `pool` between `tickLower` and `tickUpper`, paid by `payer`.
    event PositionMinted(
        address indexed pool,
        address indexed payer,
        int24 tickLower,
        int24 tickUpper,
        uint128 liquidity,
        uint256 amount0,
        uint256 amount1
    );

    /// @dev The pool being minted into and who pays, set only for the duration of `mint`: the
    ///      callback proves its caller against them (transient, so nothing outlives the call).
    address private transient _pool;
    address private transient _payer;

    /// @notice Adds `liquidity` between `tickLower` and `tickUpper` to `pool`, owned by this
    ///         contract, paid by the caller from its allowance to this contract.
    /// @return amount0 The token0 the pool took.
    /// @return amount1 The token1 the pool took.
    function mint(
        address pool,
        int24 tickLower,
        int24 tickUpper,
        uint128 liquidity
    ) external returns (uint256 amount0, uint256 amount1) {
        _pool = pool;
        _payer = msg.sender;
        (amount0, amount1) = IPancakeV3PoolMinting(pool).mint(
            address(this),
            tickLower,
            tickUpper,
            liquidity,
            ""
        );
        _pool = address(0);
        _payer = address(0);
        emit PositionMinted(pool, msg.sender, tickLower, tickUpper, liquidity, amount0, amount1);
    }

    /// @notice Pays the pool being minted into what it is owed, from the payer.
    function pancakeV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        address pool = _pool;
        // Outside a mint `pool` is zero, which no caller is.
        if (msg.sender != pool) revert UnexpectedCallback(msg.sender, pool);
        address payer = _payer;
        if (amount0Owed > 0)
            IERC20(IPancakeV3PoolMinting(pool).token0()).safeTransferFrom(payer, pool, amount0Owed);
        if (amount1Owed > 0)
            IERC20(IPancakeV3PoolMinting(pool).token1()).safeTransferFrom(payer, pool, amount1Owed);
    }
}
