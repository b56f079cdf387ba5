// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IArbExecutor} from "../../interfaces/IArbExecutor.sol";

interface IFloorToken {
    function transfer(address to, uint256 amount) external returns (bool);

    function approve(address spender, uint256 amount) external returns (bool);
}

interface IFloorWeth {
    function withdraw(uint256 amount) external;
}

interface IFloorV2Pair {
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 timestamp);

    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IFloorV3Pool {
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

interface IFloorVault {
    function flashLoan(
        address recipient,
        address[] memory tokens,
        uint256[] memory amounts,
        bytes memory userData
    ) external;
}

interface IFloorAavePool {
    function flashLoanSimple(
        address receiver,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external;
}

/// @title GasFloor
/// @notice The gas benchmark's reference contract (tests only, never for use): the executor's ABI
///         with featureless bodies that make exactly the pool, token and lender calls of one
///         executor plan, in the same order and with the same data sizes, and nothing else. It is
///         ordinary Solidity, each call made through the protocol's interface as a plain contract
///         makes it, with every value fixed at deployment (immutables): no plan decoding, no access
///         control, no callback context, no balance reads, no profit check. scripts/bench/gas.ts
///         deploys one per case (test/executor/floor.ts), runs it from the case's state with the
///         case's own calldata (so the intrinsic and calldata gas are the executor's), and holds the
///         executor to 3 % above it.
///         It has the executor's whole ABI (IArbExecutor and Ownable2Step's functions, those it
///         does not need as empty stubs), so that both dispatch a call alike: solc's IR dispatcher
///         compares the selector with each of the contract's selectors in turn (22 gas each).
/// @dev Shapes, after the executor's funding sources: 0 the V2 hops paid from its balance; 1 hop 0
///      a V2 pair lending through `uniswapV2Call`; 2 hop 0 a V3-style pool paid from its swap
///      callback; 3 the Balancer Vault's `flashLoan`; 4 Aave's `flashLoanSimple`. The hops after a
///      V3 hop 0 are V2 pairs. Each V2 output goes to the next pair, as the executor sends it.
contract GasFloor is IArbExecutor {
    struct Spec {
        uint256 shape;
        address token;
        uint256 amountIn;
        address lender;
        uint256 repay;
        address[] pools;
        uint256[] amountsOut;
        uint256 zeroForOne;
        uint256 feeBps;
        uint256 tip;
        address weth;
    }

    uint256 private immutable SHAPE;
    address private immutable TOKEN;
    uint256 private immutable AMOUNT_IN;
    address private immutable LENDER;
    /// @dev What the lender is repaid (Aave: amountIn + premium, approved).
    uint256 private immutable REPAY;
    uint256 private immutable HOPS;
    address private immutable POOL0;
    address private immutable POOL1;
    address private immutable POOL2;
    uint256 private immutable OUT0;
    uint256 private immutable OUT1;
    uint256 private immutable OUT2;
    /// @dev Bit i: hop i swaps token0 for token1.
    uint256 private immutable ZERO_FOR_ONE;
    /// @dev Non-zero: every V2 amount is computed from reserves with this fee in bps.
    uint256 private immutable FEE_BPS;
    /// @dev Non-zero: this much WETH is unwrapped and sent to block.coinbase at the end.
    uint256 private immutable TIP;
    address public immutable override WETH;

    constructor(Spec memory spec) {
        uint256 hops = spec.pools.length;
        SHAPE = spec.shape;
        TOKEN = spec.token;
        AMOUNT_IN = spec.amountIn;
        LENDER = spec.lender;
        REPAY = spec.repay;
        HOPS = hops;
        POOL0 = spec.pools[0];
        POOL1 = hops > 1 ? spec.pools[1] : address(0);
        POOL2 = hops > 2 ? spec.pools[2] : address(0);
        OUT0 = spec.amountsOut[0];
        OUT1 = hops > 1 ? spec.amountsOut[1] : 0;
        OUT2 = hops > 2 ? spec.amountsOut[2] : 0;
        ZERO_FOR_ONE = spec.zeroForOne;
        FEE_BPS = spec.feeBps;
        TIP = spec.tip;
        WETH = spec.weth;
    }

    receive() external payable {}

    /// @notice The entry, under the executor's selector; the plan after it is only passed on.
    function execute() external payable returns (uint256) {
        bytes calldata plan = msg.data[4:];
        uint256 shape = SHAPE;
        if (shape == 0) {
            _pay(POOL0, AMOUNT_IN);
            _v2Hops(0, address(this));
        } else if (shape == 1) {
            _v2Swap(POOL0, 0, AMOUNT_IN, OUT0, address(this), plan);
        } else if (shape == 2) {
            uint160 limit =
                ZERO_FOR_ONE & 1 == 1 ? 4295128740 : 1461446703485210103287273052203988822378723970341;
            IFloorV3Pool(POOL0).swap(POOL1, ZERO_FOR_ONE & 1 == 1, int256(AMOUNT_IN), limit, plan);
        } else if (shape == 3) {
            address[] memory tokens = new address[](1);
            tokens[0] = TOKEN;
            uint256[] memory amounts = new uint256[](1);
            amounts[0] = AMOUNT_IN;
            IFloorVault(LENDER).flashLoan(address(this), tokens, amounts, plan);
        } else {
            IFloorAavePool(LENDER).flashLoanSimple(address(this), TOKEN, AMOUNT_IN, plan, 0);
        }
        if (TIP != 0) {
            IFloorWeth(WETH).withdraw(TIP);
            (bool paid, ) = block.coinbase.call{value: TIP}("");
            if (!paid) revert EthTransferFailed(block.coinbase, TIP);
        }
        return 0;
    }

    function uniswapV2Call(address, uint256, uint256, bytes calldata) external {
        _pay(POOL1, AMOUNT_IN);
        _v2Hops(1, POOL0);
    }

    function uniswapV3SwapCallback(int256, int256, bytes calldata) external {
        _v3Paid();
    }

    function pancakeV3SwapCallback(int256, int256, bytes calldata) external {
        _v3Paid();
    }

    function receiveFlashLoan(
        address[] calldata,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external {
        _pay(POOL0, AMOUNT_IN);
        _v2Hops(0, address(this));
        _pay(LENDER, REPAY);
    }

    function executeOperation(address, uint256, uint256, address, bytes calldata) external returns (bool) {
        _pay(POOL0, AMOUNT_IN);
        _v2Hops(0, address(this));
        if (!IFloorToken(TOKEN).approve(LENDER, REPAY))
            revert TokenCallFailed(TOKEN, IFloorToken.approve.selector);
        return true;
    }

    // ------------------------------------------------- the rest of the executor's ABI, featureless

    function setOperator(address, bool) external {}

    function setPaused(bool) external {}

    function withdrawToken(address, address, uint256) external {}

    function withdrawEth(address payable, uint256) external {}

    function isOperator(address) external pure returns (bool) {}

    function paused() external pure returns (bool) {}

    function operators() external pure returns (address[] memory) {}

    function AAVE_POOL() external pure returns (address) {}

    function BALANCER_VAULT() external pure returns (address) {}

    function owner() external pure returns (address) {}

    function pendingOwner() external pure returns (address) {}

    function transferOwnership(address) external {}

    function acceptOwnership() external {}

    function renounceOwnership() external {}

    // ------------------------------------------------------------------------------- the calls

    /// @dev Inside the V3 hop 0's callback: the V2 hops after it (it paid the first), then the pool.
    function _v3Paid() private {
        _v2Hops(1, address(this));
        _pay(POOL0, AMOUNT_IN);
    }

    /// @dev V2 hops `first`.. in order, each output straight to the next pair, the last to `last`.
    ///      (Computed amounts occur only from hop 0, in the inventory shape: amountIn feeds it.)
    function _v2Hops(uint256 first, address last) private {
        uint256 hops = HOPS;
        uint256 amount = AMOUNT_IN;
        if (first == 0) amount = _v2Swap(POOL0, 0, amount, OUT0, hops > 1 ? POOL1 : last, "");
        if (first <= 1 && hops > 1) amount = _v2Swap(POOL1, 1, amount, OUT1, hops > 2 ? POOL2 : last, "");
        if (hops > 2) _v2Swap(POOL2, 2, amount, OUT2, last, "");
    }

    /// @dev One V2 swap: `given` out, or with FEE_BPS set the output computed from the reserves for
    ///      `amountIn`. Returns the output.
    function _v2Swap(
        address pair,
        uint256 hop,
        uint256 amountIn,
        uint256 given,
        address to,
        bytes memory data
    ) private returns (uint256 amountOut) {
        bool zeroForOne = (ZERO_FOR_ONE >> hop) & 1 == 1;
        amountOut = given;
        if (FEE_BPS != 0) {
            (uint256 reserve0, uint256 reserve1, ) = IFloorV2Pair(pair).getReserves();
            (uint256 reserveIn, uint256 reserveOut) = zeroForOne
                ? (reserve0, reserve1)
                : (reserve1, reserve0);
            uint256 amountInWithFee = amountIn * (10_000 - FEE_BPS);
            amountOut = (amountInWithFee * reserveOut) / (reserveIn * 10_000 + amountInWithFee);
        }
        (uint256 amount0Out, uint256 amount1Out) = zeroForOne
            ? (uint256(0), amountOut)
            : (amountOut, uint256(0));
        IFloorV2Pair(pair).swap(amount0Out, amount1Out, to, data);
    }

    function _pay(address to, uint256 amount) private {
        if (!IFloorToken(TOKEN).transfer(to, amount))
            revert TokenCallFailed(TOKEN, IFloorToken.transfer.selector);
    }
}
