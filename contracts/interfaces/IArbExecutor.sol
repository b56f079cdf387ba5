// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IArbExecutor
/// @notice Executes one arbitrage plan atomically: fund (inventory or a flash source), swap hop by hop
///         directly against Uniswap-V2-style pairs, Uniswap V3 and PancakeSwap V3 pools, repay, pay
///         the block builder, check the profit last, or revert and lose nothing.
/// @dev The plan is one packed byte string appended to `execute()`'s selector, read with
///      calldataload (big-endian, no padding).
///      The TypeScript encoder bot/exec/planEncoding.ts is the one source of truth for writers; the
///      layout, also in docs/executor.md:
///
///      Header (57 bytes, then optional fields):
///        [0, 4)    uint32  deadlineBlock   `block.number > deadlineBlock` reverts first thing
///        [4]       uint8   flags           bits 0-2 funding (see below); bit 3 TIP (pay the builder);
///                                          bit 4 TIP_SHARE (tip value is bps of the profit, else wei);
///                                          bit 5 TIP_UNWRAP (unwrap WETH for the tip, else ETH held)
///        [5, 25)   address token           the profit token: balances measured before and after
///        [25, 41)  uint128 amountIn        the amount of `token` put into the cycle (or borrowed)
///        [41, 57)  uint128 minProfit       the least increase of the balance of `token`, after the tip
///        if TIP:                 uint16 bps of the gross profit if TIP_SHARE, else uint128 wei
///        if funding 1 (V2):      bytes4  selector   the flash-swap callback the pair calls
///                                                   (uniswapV2Call, pancakeCall, ...)
///      Hops, back to back until the end of the plan; each starts with a head byte and the pool
///      address. The head byte holds the hop's kind as a number in bits 3-7 (a new venue takes the
///      next number: it adds a kind, not a bit) and options in bits 0-2: bit 0 zeroForOne; bit 1 the
///      kind's option (kind 0: the amount is computed on chain; kinds 1 and 2: a price limit is given);
///      bit 2 spare, written as zero. Kinds:
///        0 a Uniswap-V2-style pair  head, address pair, uint128 amountOut            (37 bytes)
///                                   head, address pair, uint16 feeBps                (23 bytes)
///                                   (option set: the amount is computed from reserves with feeBps)
///        1 a Uniswap V3 pool        head, address pool [, uint160 sqrtPriceLimitX96] (21 or 41 bytes)
///        2 a PancakeSwap V3 pool    as kind 1 (the same swap; it calls back pancakeV3SwapCallback)
///      Any other kind reverts `UnknownHopKind`.
///      The input of a hop is the output of the hop before; the output of a hop goes straight to
///      the next pool when that is a V2 pair (one transfer saved), else to this contract.
///
///      Funding (flags bits 0-2):
///        0 INVENTORY  the contract's own `token` pays the first hop.
///        1 V2_FLASH   hop 0 is a V2 pair (amount given) called first: it lends its output
///                     (`token`, hop 0's amountOut) to this contract and calls back; the callback runs
///                     hops 1.. with `amountIn`, and the last hop delivers straight to that pair,
///                     which repays it. The profit stays in `token`.
///        2 V3_FLASH   hop 0 is a V3-style pool (kind 1 or 2) swapping `amountIn` of `token`; its
///                     output goes on, the rest of the hops run inside its swap callback (the one
///                     of its kind), which then pays the pool.
///        3 BALANCER   `BALANCER_VAULT`'s `flashLoan` lends `amountIn` of `token` (no fee).
///        4 AAVE       `AAVE_POOL`'s `flashLoanSimple` lends `amountIn` of `token` (the premium is
///                     pulled through an exact approval, which the pull uses up).
///      The lenders are fixed at deployment (immutables), never named by a plan: a plan cannot
///      send the contract's approval or its callbacks' trust anywhere else.
interface IArbExecutor {
    // ------------------------------------------------------------------------------------ events

    /// @notice The owner enabled or disabled an operator.
    event OperatorUpdated(address indexed operator, bool enabled);

    /// @notice The owner switched execution off (`paused` true) or back on.
    event PauseSwitched(bool paused);

    /// @notice The owner took `amount` of `token` out to `to`.
    event TokenWithdrawn(address indexed token, address indexed to, uint256 amount);

    /// @notice The owner took `amount` wei out to `to`.
    event EthWithdrawn(address indexed to, uint256 amount);

    // ------------------------------------------------------------------------------------ errors

    /// @notice The plan was valid up to `deadlineBlock` and this is block `blockNumber`.
    error DeadlinePassed(uint256 deadlineBlock, uint256 blockNumber);

    /// @notice `caller` is not an operator.
    error NotOperator(address caller);

    /// @notice The owner paused execution.
    error ExecutorPaused();

    /// @notice `execute` was entered again while a plan was running.
    error Reentered();

    /// @notice A callback (`selector`) came from `caller`, which is not the pool or lender this
    ///         contract is waiting for at this moment (or no plan is running, or `caller` already
    ///         called back: each awaited callback is accepted once).
    error UnexpectedCallback(address caller, bytes4 selector);

    /// @notice A lender or pair reported `initiator` as the one who started the loan, not this contract.
    error WrongInitiator(address initiator);

    /// @notice The plan's hops do not end exactly at the end of the plan (`offset` against `end`,
    ///         both calldata positions), or there is no hop to run.
    error MalformedPlan(uint256 offset, uint256 end);

    /// @notice The funding code `funding` is not one of the five, or hop 0 (head byte `hopHead`) is
    ///         not the kind that funding needs.
    error BadFunding(uint256 funding, uint256 hopHead);

    /// @notice A hop's head byte names the kind `kind`, which this executor does not know.
    error UnknownHopKind(uint256 kind);

    /// @notice The balance of the profit token went from `balanceBefore` to `balanceAfter`, short of
    ///         the `minProfit` increase the plan asked for.
    error InsufficientProfit(uint256 balanceBefore, uint256 balanceAfter, uint256 minProfit);

    /// @notice A builder tip by share or by unwrapping needs the profit in WETH; it was in `token`.
    error TipNeedsWethProfit(address token);

    /// @notice A builder tip share of `bps` is above 10,000.
    error TipShareTooHigh(uint256 bps);

    /// @notice An amount of `amount` does not fit a V3 swap's int256.
    error AmountTooLarge(uint256 amount);

    /// @notice A call to `token` (`selector`: transfer, approve or balanceOf) failed or
    ///         returned false.
    error TokenCallFailed(address token, bytes4 selector);

    /// @notice A call to `pool` (`selector`: getReserves, or a V3 swap) failed or returned too little.
    error PoolCallFailed(address pool, bytes4 selector);

    /// @notice Sending `amount` wei to `to` failed.
    error EthTransferFailed(address to, uint256 amount);

    /// @notice The plan asked for funding `funding` (3 Balancer, 4 Aave) and this deployment has no
    ///         such lender on its chain.
    error FundingUnavailable(uint256 funding);

    /// @notice The zero address was given where an account is needed.
    error ZeroAddress();

    // ---------------------------------------------------------------------------------- execution

    /// @notice Runs the plan that follows the selector in the calldata (raw: `0x61461954 ‖ plan`, not
    ///         ABI-wrapped, which saves the offset and length words and the padding, about 470 gas),
    ///         then requires the balance of the plan's token, read after any builder tip is paid,
    ///         to have grown by at least its minProfit.
    /// @dev Only operators, not paused, not reentrant. Reverts `DeadlinePassed` before anything else.
    ///      Payable so that ETH for a builder tip can come with the call.
    /// @return profit What the contract kept: its balance of the plan's token after the plan and
    ///         the tip, less before. The keeper's exact simulation (`eth_call`) compares it with its
    ///         prediction to the wei.
    function execute() external payable returns (uint256 profit);

    // ---------------------------------------------------------------------------------- callbacks

    /// @notice The Uniswap V2 flash-swap callback; renamed twins (e.g. `pancakeCall`) with the same
    ///         arguments reach the same code through the fallback, by the selector the plan names.
    /// @dev Accepted only from the pair this contract is waiting for, with `sender` this contract.
    /// @param sender Who called the pair's `swap`.
    /// @param data The plan.
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;

    /// @notice The Uniswap V3 swap callback: pays the pool, and for a V3-funded plan first runs the
    ///         rest of the hops.
    /// @dev Accepted only from the pool this contract is waiting for, when that pool is a Uniswap V3
    ///      hop (kind 1), and once per swap.
    /// @param data Empty for a plain payment, the plan for a V3-funded plan.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;

    /// @notice The PancakeSwap V3 swap callback: as `uniswapV3SwapCallback`, for PancakeSwap V3 pools.
    /// @dev Accepted only from the pool this contract is waiting for, when that pool is a PancakeSwap
    ///      V3 hop (kind 2), and once per swap: a Uniswap V3 hop's pool calling this, or a PancakeSwap
    ///      V3 hop's pool calling `uniswapV3SwapCallback`, is refused (`UnexpectedCallback`).
    /// @param data Empty for a plain payment, the plan for a V3-funded plan.
    function pancakeV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;

    /// @notice The Balancer V2 Vault flash-loan callback: runs the hops and repays the Vault.
    /// @dev Accepted only from the Vault this contract is waiting for.
    /// @param userData The plan.
    function receiveFlashLoan(
        address[] calldata tokens,
        uint256[] calldata amounts,
        uint256[] calldata feeAmounts,
        bytes calldata userData
    ) external;

    /// @notice The Aave V3 `flashLoanSimple` callback: runs the hops and approves exactly the
    ///         repayment.
    /// @dev Accepted only from the Pool this contract is waiting for, with `initiator` this contract.
    /// @param params The plan.
    /// @return True, as Aave requires.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool);

    // -------------------------------------------------------------------------------------- admin

    /// @notice Enables or disables `operator`. Owner only.
    function setOperator(address operator, bool enabled) external;

    /// @notice Switches execution off or on. Owner only.
    function setPaused(bool paused_) external;

    /// @notice Sends `amount` of `token` to `to`. Owner only.
    function withdrawToken(address token, address to, uint256 amount) external;

    /// @notice Sends `amount` wei to `to`. Owner only.
    function withdrawEth(address payable to, uint256 amount) external;

    // -------------------------------------------------------------------------------------- views

    /// @notice The wrapped native token, unwrapped for builder tips.
    function WETH() external view returns (address);

    /// @notice The Aave V3 Pool that funding 4 borrows from, or zero where the chain has none.
    function AAVE_POOL() external view returns (address);

    /// @notice The Balancer V2 Vault that funding 3 borrows from, or zero where the chain has none.
    function BALANCER_VAULT() external view returns (address);

    /// @notice Whether `account` is an operator.
    function isOperator(address account) external view returns (bool);

    /// @notice Whether execution is switched off.
    function paused() external view returns (bool);

    /// @notice All operators.
    function operators() external view returns (address[] memory);
}
