// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IArbExecutor} from "./interfaces/IArbExecutor.sol";

interface IUniswapV3PoolTokens {
    function token0() external view returns (address);

    function token1() external view returns (address);
}

/// @title ArbExecutor
/// @notice See {IArbExecutor}. One file, read top to bottom: constants and state, execution, funding,
///         hops, callbacks, settlement, administration, token and context helpers.
contract ArbExecutor is IArbExecutor, Ownable2Step {
    // ================================================================== constants and state

    // Plan header flags.
    uint256 private constant FUNDING_MASK = 0x07;
    uint256 private constant FUND_INVENTORY = 0;
    uint256 private constant FUND_V2_FLASH = 1;
    uint256 private constant FUND_V3_FLASH = 2;
    uint256 private constant FUND_BALANCER = 3;
    uint256 private constant FUND_AAVE = 4;
    uint256 private constant TIP = 0x08;
    uint256 private constant TIP_SHARE = 0x10;
    uint256 private constant TIP_UNWRAP = 0x20;
    uint256 private constant HEADER_LENGTH = 57;
    /// @dev The plan starts right after `execute()`'s selector.
    uint256 private constant PLAN = 4;
    /// @dev Where the hops start in a plan, by the low five flag bits i (funding, TIP, TIP_SHARE): byte
    ///      i from the low end is 57 + the tip field (none, 16 for wei, 2 for a share) + the field
    ///      after it (4 for a V2 flash, the callback selector). One lookup instead of two branches.
    uint256 private constant HOPS_OFFSETS =
        0x3b3b3b3b3b3b3f3b3939393939393d394949494949494d493939393939393d39;

    // Hop head byte: the kind in bits 3-7 (a venue adds a kind, not a bit), options in bits 0-2.
    uint256 private constant KIND_SHIFT = 3;
    uint256 private constant KIND_UNISWAP_V2 = 0;
    uint256 private constant KIND_UNISWAP_V3 = 1;
    uint256 private constant KIND_PANCAKE_V3 = 2;
    uint256 private constant HOP_ZERO_FOR_ONE = 0x01;
    /// @dev The kind's option: for a V2 pair the amount is computed on chain from reserves (with
    ///      feeBps), else given; for a V3-style pool a sqrtPriceLimitX96 is given, else none.
    uint256 private constant HOP_OPTION = 0x02;

    /// @dev Uniswap V3 TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: "no price limit".
    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE = 1461446703485210103287273052203988822378723970341;

    /// @dev The swap callback selector of each V3-style kind, 32 bits per kind number:
    ///      uniswapV3SwapCallback (kind 1), pancakeV3SwapCallback (kind 2).
    uint256 private constant V3_CALLBACKS = (0x23a69e75 << 64) | (0xfa461e33 << 32);

    /// @dev Transient slot (EIP-1153) of the execution context, keccak256("omni-arb.ArbExecutor.context")
    ///      - 1. Layout: bit 255 LOCKED while a plan runs; bits 192-199 the callback kind awaited;
    ///      bits 160-191 the callback selector awaited (the V2 flash selector the plan names, or the
    ///      swap callback of the V3-style hop's kind); bits 0-159 the pool or lender awaited.
    ///      Zero outside `execute`, so a callback that matches it is inside an execution started here.
    uint256 private constant CONTEXT_SLOT =
        0x12fdb47517057653330056f54a11bde3b10ba3cce7d9395cae33e141b436e287;
    uint256 private constant LOCKED = 1 << 255;
    uint256 private constant CB_V2_FLASH = 1 << 192;
    uint256 private constant CB_V3_PAY = 2 << 192;
    uint256 private constant CB_V3_FLASH = 3 << 192;
    uint256 private constant CB_BALANCER = 4 << 192;
    uint256 private constant CB_AAVE = 5 << 192;

    /// @dev Operator access words. `execute` reads one slot: ACTIVE means operator and not paused.
    ///      Pausing rewrites every operator's word to SUSPENDED, so the pause costs `execute` nothing.
    ///      The word of `account` lives at slot `account XOR ACCESS_SEED` (a mapping without the
    ///      hash: ACCESS_SEED is keccak256("omni-arb.ArbExecutor.access"), so these slots cannot meet
    ///      the low slots or the keccak-addressed array data of the other state).
    uint256 private constant ACCESS_SEED = 0xfcb915e009182a7fd34e5d659629830aa382fcc9a54e9bedf9a30c3c01b76144;
    uint256 private constant ACTIVE = 1;
    uint256 private constant SUSPENDED = 2;

    /// @inheritdoc IArbExecutor
    address public immutable override WETH;

    /// @inheritdoc IArbExecutor
    address public immutable override AAVE_POOL;

    /// @inheritdoc IArbExecutor
    address public immutable override BALANCER_VAULT;

    address[] private _operators;
    bool private _paused;

    /// @param aavePool The Aave V3 Pool (proxy), or zero where the chain has none.
    /// @param balancerVault The Balancer V2 Vault, or zero where the chain has none.
    constructor(
        address owner_,
        address weth,
        address aavePool,
        address balancerVault,
        address[] memory operators_
    ) Ownable(owner_) {
        if (weth == address(0)) revert ZeroAddress();
        WETH = weth;
        AAVE_POOL = aavePool;
        BALANCER_VAULT = balancerVault;
        for (uint256 i = 0; i < operators_.length; ++i) _setOperator(operators_[i], true);
    }

    /// @notice Accepts ETH: unwrapped WETH for tips, and the owner's deposits.
    receive() external payable {}

    // ============================================================================= execution

    /// @inheritdoc IArbExecutor
    function execute() external payable returns (uint256 profit) {
        // The plan is the raw calldata after the selector: position 4 to the end.
        uint256 word = _cd(PLAN);
        uint256 deadline = word >> 224;
        if (block.number > deadline) revert DeadlinePassed(deadline, block.number);
        if (_accessOf(msg.sender) != ACTIVE) _revertNoAccess();
        if (_tload() != 0) revert Reentered();

        uint256 flags = (word >> 216) & 0xff;
        // The token is header bytes [5, 25): the low 20 of the top 25 bytes, so shift by 7 bytes.
        address token = _address(word >> 56);
        uint256 balanceBefore = _balanceOf(token);
        uint256 amountIn = _cd(PLAN + 25) >> 128;
        if (flags & FUNDING_MASK == FUND_INVENTORY) {
            // The contract's own `token` pays hop 0.
            _tstore(LOCKED);
            _runHops(_hopsAt(PLAN, flags), msg.data.length, token, amountIn, address(this), true);
        } else {
            _borrowAndRun(msg.data.length, flags, token, amountIn);
        }
        profit = _settle(flags, token, balanceBefore);
        _tstore(0);
    }

    // =============================================================================== funding

    /// @dev Starts the plan from its flash source (inventory plans start in `execute`), which runs the
    ///      hops in its callback. Each branch stores the context once, LOCKED with the source awaited;
    ///      it is back to LOCKED alone when the source returns.
    function _borrowAndRun(uint256 end, uint256 flags, address token, uint256 amountIn) private {
        uint256 p = PLAN;
        uint256 funding = flags & FUNDING_MASK;
        uint256 hops = _hopsAt(p, flags);
        if (funding == FUND_V2_FLASH) {
            _startV2Flash(p, end, hops);
        } else if (funding == FUND_V3_FLASH) {
            _startV3Flash(p, end, hops, amountIn);
        } else if (funding == FUND_BALANCER) {
            _borrowBalancer(p, end, token, amountIn);
        } else if (funding == FUND_AAVE) {
            _borrowAave(p, end, token, amountIn);
        } else {
            revert BadFunding(funding, 0);
        }
        // The source's callback consumed the context; a source that returned without calling back
        // must not stay awaited either (it could call back later, say from the builder payment).
        _tstore(LOCKED);
    }

    /// @dev Hop 0, a V2 pair with its amount given, lends its output and calls back `_runV2Flash`.
    function _startV2Flash(uint256 p, uint256 end, uint256 hops) private {
        (uint256 head, address pair) = _hopHead(hops);
        // A V2 pair (kind 0) with its amount given: no bit but zeroForOne.
        if (head & ~HOP_ZERO_FOR_ONE != 0) revert BadFunding(FUND_V2_FLASH, head);
        // Positions are bounded by the calldata size, far below 2**256, and end > hops > p.
        unchecked {
            // The pair calls back the selector the plan names (forks rename uniswapV2Call): the
            // header's last field, right before the hops.
            _tstore(LOCKED | CB_V2_FLASH | ((_cd(hops - 4) >> 224) << 160) | uint160(pair));
            _v2Swap(pair, head & HOP_ZERO_FOR_ONE != 0, _cd(hops + 21) >> 128, address(this), p, end - p);
        }
    }

    /// @dev Hop 0, a V3-style pool, swaps `amountIn` and runs the rest in its kind's swap callback.
    function _startV3Flash(uint256 p, uint256 end, uint256 hops, uint256 amountIn) private {
        uint256 word = _cd(hops);
        uint256 head = word >> 248;
        uint256 kind = head >> KIND_SHIFT;
        // The pool is bytes [1, 21) of the hop: shift out the 11 bytes after it.
        address pool = _address(word >> 88);
        if (kind == KIND_UNISWAP_V2 || kind > KIND_PANCAKE_V3) revert BadFunding(FUND_V3_FLASH, head);
        // Positions are bounded by the calldata size, far below 2**256, and end > p (the header).
        unchecked {
            // Hop 1, which the callback runs first: 21 bytes on, 41 with a price limit.
            uint256 next = hops + 21 + (head & HOP_OPTION) * 10;
            if (next >= end) revert MalformedPlan(next, end);
            // Hop 0's output goes straight to hop 1 if it is a V2 pair, else here.
            word = _cd(next);
            address recipient =
                word >> (248 + KIND_SHIFT) == KIND_UNISWAP_V2 ? _address(word >> 88) : address(this);
            // Await this pool's callback, under the name of its kind (V3_CALLBACKS).
            _tstore(
                LOCKED | CB_V3_FLASH | (((V3_CALLBACKS >> (kind << 5)) & 0xffffffff) << 160) | uint160(pool)
            );
            uint256 zeroForOne = head & HOP_ZERO_FOR_ONE;
            uint256 limit =
                head & HOP_OPTION == 0
                    ? (zeroForOne == 1 ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE)
                    : _cdAt(hops, 21) >> 96;
            uint256 length = end - p;
            assembly ("memory-safe") {
                // pool.swap(recipient, zeroForOne, amountIn, limit, plan). No range check: amountIn is a
                // uint128 field, well inside V3's int256. The deltas are the callback's business.
                let m := mload(0x40)
                mstore(m, 0x128acb0800000000000000000000000000000000000000000000000000000000) // swap(address,bool,int256,uint160,bytes)
                mstore(add(m, 0x04), recipient)
                mstore(add(m, 0x24), zeroForOne)
                mstore(add(m, 0x44), amountIn)
                mstore(add(m, 0x64), limit)
                mstore(add(m, 0x84), 0xa0)
                mstore(add(m, 0xa4), length)
                let padded := and(add(length, 31), not(31))
                mstore(add(m, add(0xa4, padded)), 0)
                calldatacopy(add(m, 0xc4), p, length)
                if iszero(call(gas(), pool, 0, m, add(0xc4, padded), 0, 0)) {
                    returndatacopy(m, 0, returndatasize())
                    revert(m, returndatasize())
                }
            }
        }
    }

    /// @dev The Vault lends `amountIn` of `token` and calls back `receiveFlashLoan`.
    function _borrowBalancer(uint256 p, uint256 end, address token, uint256 amountIn) private {
        address vault = BALANCER_VAULT;
        if (vault == address(0)) revert FundingUnavailable(FUND_BALANCER);
        _tstore(LOCKED | CB_BALANCER | uint160(vault));
        assembly ("memory-safe") {
            // flashLoan(this, [token], [amountIn], plan): the head, the two one-element arrays, then
            // the plan copied from calldata (ABI encoding written out: no memory arrays to build).
            let m := mload(0x40)
            let length := sub(end, p)
            mstore(m, 0x5c38449e00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), address())
            mstore(add(m, 0x24), 0x80)
            mstore(add(m, 0x44), 0xc0)
            mstore(add(m, 0x64), 0x100)
            mstore(add(m, 0x84), 1)
            mstore(add(m, 0xa4), token)
            mstore(add(m, 0xc4), 1)
            mstore(add(m, 0xe4), amountIn)
            mstore(add(m, 0x104), length)
            let padded := and(add(length, 31), not(31))
            mstore(add(m, add(0x124, padded)), 0)
            calldatacopy(add(m, 0x124), p, length)
            if iszero(call(gas(), vault, 0, m, add(0x124, padded), 0, 0)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
        }
    }

    /// @dev The Pool lends `amountIn` of `token`, calls back `executeOperation`, then pulls the
    ///      repayment through the exact approval made there. No approval outlives the call: the Pool
    ///      is fixed at deployment, and its flashLoanSimple either pulls exactly amount + premium
    ///      (using the approval up) or reverts the whole loan (tested after every Aave plan).
    function _borrowAave(uint256 p, uint256 end, address token, uint256 amountIn) private {
        address pool = AAVE_POOL;
        if (pool == address(0)) revert FundingUnavailable(FUND_AAVE);
        _tstore(LOCKED | CB_AAVE | uint160(pool));
        assembly ("memory-safe") {
            // flashLoanSimple(this, token, amountIn, plan, 0), the plan copied from calldata.
            let m := mload(0x40)
            let length := sub(end, p)
            mstore(m, 0x42b0b77c00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), address())
            mstore(add(m, 0x24), token)
            mstore(add(m, 0x44), amountIn)
            mstore(add(m, 0x64), 0xa0)
            mstore(add(m, 0x84), 0)
            mstore(add(m, 0xa4), length)
            let padded := and(add(length, 31), not(31))
            mstore(add(m, add(0xa4, padded)), 0)
            calldatacopy(add(m, 0xc4), p, length)
            if iszero(call(gas(), pool, 0, m, add(0xc4, padded), 0, 0)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
        }
    }

    // ================================================================================== hops

    /// @dev Runs hops [p, end), the first with `amount` of input: with `payFirst`, a first V2 pair is
    ///      paid `amount` of `token` by transfer now (a V3-style pool is always paid from its
    ///      callback). Each hop's input is the previous output. The output of the last hop goes to
    ///      `last`; any other output goes to the next pool if it is a V2 pair (it counts its input from
    ///      its balance), else here. One loop, the next hop's word read once for both its recipient
    ///      role and its own turn: the hot path, kept to a few opcodes a hop.
    function _runHops(
        uint256 p,
        uint256 end,
        address token,
        uint256 amount,
        address last,
        bool payFirst
    ) private {
        if (p >= end) revert MalformedPlan(p, end);
        uint256 word = _cd(p);
        if (payFirst && word >> (248 + KIND_SHIFT) == KIND_UNISWAP_V2)
            _transfer(token, _address(word >> 88), amount);
        while (true) {
            uint256 head = word >> 248;
            uint256 kind = head >> KIND_SHIFT;
            // The pool is bytes [1, 21): shift out the 11 bytes after it.
            address pool = _address(word >> 88);
            uint256 next;
            // Positions are bounded by the calldata size, far below 2**256.
            unchecked {
                if (kind == KIND_UNISWAP_V2) {
                    next = p + (head & HOP_OPTION == 0 ? 37 : 23);
                } else if (kind <= KIND_PANCAKE_V3) {
                    // Kinds 1 and 2: the same pool interface, each calling back under its own name.
                    next = p + (head & HOP_OPTION == 0 ? 21 : 41);
                } else {
                    revert UnknownHopKind(kind);
                }
            }
            address to = last;
            if (next < end) {
                word = _cd(next);
                // A hop of an unknown kind gets the output here, and reverts when it runs.
                to = word >> (248 + KIND_SHIFT) == KIND_UNISWAP_V2 ? _address(word >> 88) : address(this);
            } else if (next > end) {
                revert MalformedPlan(next, end);
            }
            if (kind == KIND_UNISWAP_V2) {
                // The field after the pool: the amount out, or the fee in bps.
                uint256 field = _cdAt(p, 21);
                amount =
                    head & HOP_OPTION == 0
                        ? field >> 128
                        : _v2AmountOut(pool, head & HOP_ZERO_FOR_ONE != 0, amount, field >> 240);
                _v2Pay(pool, head & HOP_ZERO_FOR_ONE, amount, to);
            } else {
                amount = _v3Swap(pool, to, head, p, amount);
            }
            if (next == end) return;
            p = next;
        }
    }

    /// @dev A hop's head byte (kind and options) and pool address, its first 21 bytes.
    function _hopHead(uint256 p) private pure returns (uint256 head, address pool) {
        uint256 word = _cd(p);
        head = word >> 248;
        // The pool is bytes [1, 21): shift out the 11 bytes after it.
        pool = _address(word >> 88);
    }

    /// @dev The V2 output for `amountIn` already sent to `pair`, from its reserves, as the pair's own
    ///      formula with the fee in bps (30 for Uniswap, 25 for Pancake).
    function _v2AmountOut(
        address pair,
        bool zeroForOne,
        uint256 amountIn,
        uint256 feeBps
    ) private view returns (uint256) {
        uint256 reserveIn;
        uint256 reserveOut;
        assembly ("memory-safe") {
            mstore(0x00, 0x0902f1ac00000000000000000000000000000000000000000000000000000000) // getReserves()
            if iszero(and(gt(returndatasize(), 0x3f), staticcall(gas(), pair, 0x00, 0x04, 0x00, 0x40))) {
                mstore(0x00, 0x4b1d6ee5) // PoolCallFailed(address,bytes4)
                mstore(0x20, pair)
                mstore(0x40, shl(224, 0x0902f1ac))
                revert(0x1c, 0x44)
            }
            // reserve0 is at 0x00, reserve1 at 0x20: the input side is reserve0 when zeroForOne.
            // Branchless (a Solidity bool is 0 or 1).
            reserveIn := mload(shl(5, iszero(zeroForOne)))
            reserveOut := mload(shl(5, zeroForOne))
        }
        uint256 amountInWithFee = amountIn * (10_000 - feeBps);
        return (amountInWithFee * reserveOut) / (reserveIn * 10_000 + amountInWithFee);
    }

    /// @dev `pair.swap` for `amountOut` of the side `zeroForOne` selects, to `to`, with the calldata
    ///      bytes [dataOffset, dataOffset + dataLength) as its data (empty: no callback).
    function _v2Swap(
        address pair,
        bool zeroForOne,
        uint256 amountOut,
        address to,
        uint256 dataOffset,
        uint256 dataLength
    ) private {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0x022c0d9f00000000000000000000000000000000000000000000000000000000) // swap(uint,uint,address,bytes)
            mstore(add(m, 0x04), mul(amountOut, iszero(zeroForOne)))
            mstore(add(m, 0x24), mul(amountOut, zeroForOne))
            mstore(add(m, 0x44), to)
            mstore(add(m, 0x64), 0x80)
            mstore(add(m, 0x84), dataLength)
            let padded := and(add(dataLength, 31), not(31))
            mstore(add(m, add(0x84, padded)), 0)
            calldatacopy(add(m, 0xa4), dataOffset, dataLength)
            if iszero(call(gas(), pair, 0, m, add(0xa4, padded), 0, 0)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
        }
    }

    /// @dev `pair.swap` for `amountOut` of the side `zeroForOne` (0 or 1) selects, to `to`, with no
    ///      data (no callback): a hop paid before it runs.
    function _v2Pay(address pair, uint256 zeroForOne, uint256 amountOut, address to) private {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0x022c0d9f00000000000000000000000000000000000000000000000000000000) // swap(uint,uint,address,bytes)
            mstore(add(m, 0x04), mul(amountOut, iszero(zeroForOne)))
            mstore(add(m, 0x24), mul(amountOut, zeroForOne))
            mstore(add(m, 0x44), to)
            mstore(add(m, 0x64), 0x80)
            mstore(add(m, 0x84), 0)
            if iszero(call(gas(), pair, 0, m, 0xa4, 0, 0)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
        }
    }

    /// @dev `pool.swap` of exactly `amountIn` to `recipient` for the V3-style hop at `hop` with head
    ///      byte `head`, with its price limit (none: the extreme) and no data (the callback pays).
    ///      Returns the output amount.
    function _v3Swap(
        address pool,
        address recipient,
        uint256 head,
        uint256 hop,
        uint256 amountIn
    ) private returns (uint256 amountOut) {
        // V3 takes a signed amount; a bigger input can only come from a broken pool's output.
        if (amountIn > uint256(type(int256).max)) revert AmountTooLarge(amountIn);
        // Await this pool's callback, under the name of its kind (V3_CALLBACKS).
        _tstore(
            LOCKED |
                CB_V3_PAY |
                (((V3_CALLBACKS >> ((head >> KIND_SHIFT) << 5)) & 0xffffffff) << 160) |
                uint160(pool)
        );
        uint256 zeroForOne = head & HOP_ZERO_FOR_ONE;
        uint256 limit =
            head & HOP_OPTION == 0
                ? (zeroForOne == 1 ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE)
                : _cdAt(hop, 21) >> 96;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0x128acb0800000000000000000000000000000000000000000000000000000000) // swap(address,bool,int256,uint160,bytes)
            mstore(add(m, 0x04), recipient)
            mstore(add(m, 0x24), zeroForOne)
            mstore(add(m, 0x44), amountIn)
            mstore(add(m, 0x64), limit)
            mstore(add(m, 0x84), 0xa0)
            mstore(add(m, 0xa4), 0)
            if iszero(call(gas(), pool, 0, m, 0xc4, 0x00, 0x40)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            // A pool must return its two deltas (an account without code returns nothing).
            if lt(returndatasize(), 0x40) {
                mstore(0x00, 0x4b1d6ee5) // PoolCallFailed(address,bytes4)
                mstore(0x20, pool)
                mstore(0x40, shl(224, 0x128acb08))
                revert(0x1c, 0x44)
            }
            // The output is the negated delta of the token out (amount1 when zeroForOne). A real
            // pool's delta is negative; a broken pool's non-negative delta wraps to 0 or >= 2**255,
            // which the next hop rejects (AmountTooLarge, or a failing transfer) or the profit check.
            amountOut := sub(0, mload(shl(5, zeroForOne)))
        }
    }

    // ============================================================================= callbacks

    /// @inheritdoc IArbExecutor
    function uniswapV2Call(address sender, uint256, uint256, bytes calldata data) external {
        _onV2Flash(sender, _at(data), data.length);
    }

    /// @notice Renamed V2 flash-swap callbacks (`pancakeCall`, ...): same arguments as
    ///         `uniswapV2Call`, accepted only under the selector the running plan named.
    fallback() external {
        _onRenamedV2Flash();
    }

    function _onRenamedV2Flash() private {
        // Checked before decoding: an unexpected caller gets nothing read from its calldata.
        _consume(CB_V2_FLASH | (uint256(uint32(msg.sig)) << 160));
        address sender;
        uint256 dataOffset;
        uint256 dataLength;
        assembly ("memory-safe") {
            sender := calldataload(0x04)
            dataOffset := add(0x04, calldataload(0x64))
            dataLength := calldataload(dataOffset)
            dataOffset := add(dataOffset, 0x20)
        }
        _runV2Flash(sender, dataOffset, dataLength);
    }

    function _onV2Flash(address sender, uint256 dataOffset, uint256 dataLength) private {
        _consume(CB_V2_FLASH | (uint256(uint32(msg.sig)) << 160));
        _runV2Flash(sender, dataOffset, dataLength);
    }

    /// @dev The pair (hop 0) has sent its output, `amountIn` of which feeds hop 1; the last hop
    ///      delivers straight to the pair, which checks its invariant when this returns.
    function _runV2Flash(address sender, uint256 p, uint256 length) private {
        if (sender != address(this)) revert WrongInitiator(sender);
        (address token, uint256 amountIn, uint256 hops) = _header(p);
        // Hop 0 is a V2 hop with its amount given (checked before the swap): 37 bytes.
        // Calldata positions: far below 2**256.
        unchecked {
            _runHops(hops + 37, p + length, token, amountIn, msg.sender, true);
        }
    }

    /// @inheritdoc IArbExecutor
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        _onV3Swap(amount0Delta, amount1Delta, data);
    }

    /// @inheritdoc IArbExecutor
    function pancakeV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        _onV3Swap(amount0Delta, amount1Delta, data);
    }

    /// @dev Both V3-style swap callbacks: accepted only from the pool awaited, under the callback
    ///      of its hop's kind (the selector is part of the context), once.
    function _onV3Swap(int256 amount0Delta, int256 amount1Delta, bytes calldata data) private {
        uint256 context = _tload();
        uint256 caller = (uint256(uint32(msg.sig)) << 160) | uint160(msg.sender);
        // The owed delta is the positive one, so the casts below keep its value. (Only a broken pool
        // could send a non-positive one; it would wrap to a huge amount and the transfer would fail.)
        if (context == LOCKED | CB_V3_FLASH | caller) {
            _tstore(LOCKED);
            uint256 p = _at(data);
            uint256 word = _cd(p);
            address token = _address(word >> 56);
            uint256 hops = _hopsAt(p, (word >> 216) & 0xff);
            uint256 head = _cd(hops) >> 248;
            (int256 owed, int256 received) = head & HOP_ZERO_FOR_ONE != 0
                ? (amount0Delta, amount1Delta)
                : (amount1Delta, amount0Delta);
            // The received delta is negative and bounded as in _v3Swap; positions are far below 2**256.
            unchecked {
                // Hop 1 starts 21 bytes after hop 0, 41 with a price limit.
                _runHops(
                    hops + 21 + (head & HOP_OPTION) * 10,
                    p + data.length,
                    token,
                    uint256(-received),
                    address(this),
                    false
                );
            }
            _transfer(token, msg.sender, uint256(owed));
        } else if (context == LOCKED | CB_V3_PAY | caller) {
            _tstore(LOCKED);
            if (amount0Delta > 0) {
                _transfer(IUniswapV3PoolTokens(msg.sender).token0(), msg.sender, uint256(amount0Delta));
            } else {
                _transfer(IUniswapV3PoolTokens(msg.sender).token1(), msg.sender, uint256(amount1Delta));
            }
        } else {
            revert UnexpectedCallback(msg.sender, msg.sig);
        }
    }

    /// @inheritdoc IArbExecutor
    function receiveFlashLoan(
        address[] calldata,
        uint256[] calldata,
        uint256[] calldata feeAmounts,
        bytes calldata userData
    ) external {
        _consume(CB_BALANCER);
        uint256 p = _at(userData);
        (address token, uint256 amountIn, uint256 hops) = _header(p);
        // No overflow: a calldata position; amountIn is a uint128 field and the Vault's fee a
        // fraction of it (Balancer caps it at 1 %).
        unchecked {
            _runHops(hops, p + userData.length, token, amountIn, address(this), true);
            _transfer(token, msg.sender, amountIn + feeAmounts[0]);
        }
    }

    /// @inheritdoc IArbExecutor
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        _consume(CB_AAVE);
        if (initiator != address(this)) revert WrongInitiator(initiator);
        uint256 p = _at(params);
        (, , uint256 hops) = _header(p);
        // No overflow: a calldata position; the amount is the plan's uint128 and the premium a
        // fraction of it (Aave caps the flash-loan premium at 100 %).
        unchecked {
            _runHops(hops, p + params.length, asset, amount, address(this), true);
            _approve(asset, msg.sender, amount + premium);
        }
        return true;
    }

    /// @dev Accepts the callback only from the pool or lender awaited now, inside a running plan, and
    ///      only once: the awaited part of the context is cleared as the callback is consumed. A
    ///      context still awaiting a lender after its callback would let anyone who can make that
    ///      lender call again run a plan of their own here (the Balancer Vault lends to any
    ///      recipient, and the builder's coinbase contract is called after the hops); a hostile pool
    ///      named by a plan could call back twice.
    function _consume(uint256 kind) private {
        if (_tload() != LOCKED | kind | uint160(msg.sender)) revert UnexpectedCallback(msg.sender, msg.sig);
        _tstore(LOCKED);
    }

    /// @dev The token, amountIn and first hop of a plan whose bytes start at calldata position `p`.
    function _header(uint256 p) private pure returns (address token, uint256 amountIn, uint256 hops) {
        uint256 word = _cd(p);
        token = _address(word >> 56);
        amountIn = _cdAt(p, 25) >> 128;
        hops = _hopsAt(p, (word >> 216) & 0xff);
    }

    /// @dev Where the hops start in the plan at calldata position `p` with header flags `flags`.
    function _hopsAt(uint256 p, uint256 flags) private pure returns (uint256) {
        // A calldata position plus at most 77: no overflow.
        unchecked {
            return p + ((HOPS_OFFSETS >> ((flags & 0x1f) << 3)) & 0xff);
        }
    }

    // ============================================================================ settlement

    /// @dev Pays the builder, then checks the profit: last, on the balance measured after the payment
    ///      (the builder's coinbase may be a contract, and it runs before this read). Returns what the
    ///      contract kept.
    function _settle(uint256 flags, address token, uint256 balanceBefore) private returns (uint256 profit) {
        if (flags & TIP != 0) _payBuilder(flags, token, balanceBefore);
        uint256 balanceAfter = _balanceOf(token);
        uint256 minProfit = _cd(PLAN + 41) >> 128;
        // No underflow: the subtraction runs only when balanceAfter >= balanceBefore.
        unchecked {
            if (balanceAfter < balanceBefore || (profit = balanceAfter - balanceBefore) < minProfit)
                revert InsufficientProfit(balanceBefore, balanceAfter, minProfit);
        }
    }

    /// @dev Pays `block.coinbase` a share of the gross profit (measured here, before paying) or a fixed
    ///      amount, from ETH held or by unwrapping WETH.
    function _payBuilder(uint256 flags, address token, uint256 balanceBefore) private {
        // A share is of a WETH profit, and unwrapping burns WETH: both only when the profit is WETH.
        if (flags & (TIP_SHARE | TIP_UNWRAP) != 0 && token != WETH) revert TipNeedsWethProfit(token);
        uint256 tip;
        if (flags & TIP_SHARE != 0) {
            uint256 bps = _cd(PLAN + HEADER_LENGTH) >> 240;
            if (bps > 10_000) revert TipShareTooHigh(bps);
            uint256 balanceAfter = _balanceOf(token);
            if (balanceAfter < balanceBefore) revert InsufficientProfit(balanceBefore, balanceAfter, 0);
            // No overflow or underflow: balanceAfter >= balanceBefore was just checked, and a WETH
            // balance is below the ether supply (< 2**128), so times bps (<= 10,000) stays below 2**142.
            unchecked {
                tip = ((balanceAfter - balanceBefore) * bps) / 10_000;
            }
        } else {
            tip = _cd(PLAN + HEADER_LENGTH) >> 128;
        }
        address weth = WETH;
        assembly ("memory-safe") {
            if and(flags, TIP_UNWRAP) {
                mstore(0x00, 0x2e1a7d4d) // withdraw(uint256)
                mstore(0x20, tip)
                if iszero(call(gas(), weth, 0, 0x1c, 0x24, 0, 0)) {
                    returndatacopy(0x00, 0, returndatasize())
                    revert(0x00, returndatasize())
                }
            }
            if iszero(call(gas(), coinbase(), tip, 0, 0, 0, 0)) {
                mstore(0x00, 0xdea95fba) // EthTransferFailed(address,uint256)
                mstore(0x20, coinbase())
                mstore(0x40, tip)
                revert(0x1c, 0x44)
            }
        }
    }

    // ======================================================================== administration

    /// @inheritdoc IArbExecutor
    function setOperator(address operator, bool enabled) external onlyOwner {
        _setOperator(operator, enabled);
    }

    /// @inheritdoc IArbExecutor
    function setPaused(bool paused_) external onlyOwner {
        _paused = paused_;
        uint256 word = paused_ ? SUSPENDED : ACTIVE;
        uint256 count = _operators.length;
        for (uint256 i = 0; i < count; ++i) _setAccess(_operators[i], word);
        emit PauseSwitched(paused_);
    }

    /// @inheritdoc IArbExecutor
    function withdrawToken(address token, address to, uint256 amount) external onlyOwner {
        _transfer(token, to, amount);
        emit TokenWithdrawn(token, to, amount);
    }

    /// @inheritdoc IArbExecutor
    function withdrawEth(address payable to, uint256 amount) external onlyOwner {
        (bool sent, ) = to.call{value: amount}("");
        if (!sent) revert EthTransferFailed(to, amount);
        emit EthWithdrawn(to, amount);
    }

    /// @inheritdoc IArbExecutor
    function isOperator(address account) external view returns (bool) {
        return _accessOf(account) != 0;
    }

    /// @inheritdoc IArbExecutor
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @inheritdoc IArbExecutor
    function operators() external view returns (address[] memory) {
        return _operators;
    }

    function _setOperator(address operator, bool enabled) private {
        if (operator == address(0)) revert ZeroAddress();
        bool present = _accessOf(operator) != 0;
        if (enabled && !present) {
            _operators.push(operator);
            _setAccess(operator, _paused ? SUSPENDED : ACTIVE);
        } else if (!enabled && present) {
            _setAccess(operator, 0);
            uint256 last = _operators.length - 1;
            for (uint256 i = 0; i <= last; ++i) {
                if (_operators[i] == operator) {
                    _operators[i] = _operators[last];
                    break;
                }
            }
            _operators.pop();
        }
        emit OperatorUpdated(operator, enabled);
    }

    function _revertNoAccess() private view {
        if (_accessOf(msg.sender) == SUSPENDED) revert ExecutorPaused();
        revert NotOperator(msg.sender);
    }

    // ====================================================================== token and context

    /// @dev transfer with the usual tolerance of tokens that return nothing (USDT): success needs the
    ///      call to succeed and either return true or return nothing from a contract.
    function _transfer(address token, address to, uint256 amount) private {
        assembly ("memory-safe") {
            mstore(0x14, to)
            mstore(0x34, amount)
            mstore(0x00, 0xa9059cbb000000000000000000000000) // transfer(address,uint256)
            let success := call(gas(), token, 0, 0x10, 0x44, 0x00, 0x20)
            if iszero(and(eq(mload(0x00), 1), success)) {
                if iszero(lt(or(iszero(extcodesize(token)), returndatasize()), success)) {
                    // A token that reverted with a reason: pass the reason on.
                    if and(iszero(success), gt(returndatasize(), 0)) {
                        returndatacopy(0x00, 0, returndatasize())
                        revert(0x00, returndatasize())
                    }
                    mstore(0x00, 0xdd6e753a) // TokenCallFailed(address,bytes4)
                    mstore(0x20, token)
                    mstore(0x40, shl(224, 0xa9059cbb))
                    revert(0x1c, 0x44)
                }
            }
            // Restore the free memory pointer's high bytes, overwritten by the amount.
            mstore(0x34, 0)
        }
    }

    /// @dev approve with the same tolerance as _transfer.
    function _approve(address token, address spender, uint256 amount) private {
        assembly ("memory-safe") {
            mstore(0x14, spender)
            mstore(0x34, amount)
            mstore(0x00, 0x095ea7b3000000000000000000000000) // approve(address,uint256)
            let success := call(gas(), token, 0, 0x10, 0x44, 0x00, 0x20)
            if iszero(and(eq(mload(0x00), 1), success)) {
                if iszero(lt(or(iszero(extcodesize(token)), returndatasize()), success)) {
                    mstore(0x00, 0xdd6e753a) // TokenCallFailed(address,bytes4)
                    mstore(0x20, token)
                    mstore(0x40, shl(224, 0x095ea7b3))
                    revert(0x1c, 0x44)
                }
            }
            mstore(0x34, 0)
        }
    }

    function _balanceOf(address token) private view returns (uint256 amount) {
        assembly ("memory-safe") {
            mstore(0x14, address())
            mstore(0x00, 0x70a08231000000000000000000000000) // balanceOf(address)
            if iszero(and(gt(returndatasize(), 0x1f), staticcall(gas(), token, 0x10, 0x24, 0x20, 0x20))) {
                mstore(0x00, 0xdd6e753a) // TokenCallFailed(address,bytes4)
                mstore(0x20, token)
                mstore(0x40, shl(224, 0x70a08231))
                revert(0x1c, 0x44)
            }
            amount := mload(0x20)
        }
    }

    /// @dev The low 160 bits of `word` as an address, with the high bits cleared: inline assembly
    ///      sees a Solidity `address(uint160(x))` with its high bits still dirty, and ABI decoders
    ///      (Aave's, OpenZeppelin tokens') reject such an argument.
    function _address(uint256 word) private pure returns (address a) {
        assembly ("memory-safe") {
            a := and(word, 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @dev The calldata position of a calldata byte string's first byte.
    function _at(bytes calldata data) private pure returns (uint256 p) {
        assembly ("memory-safe") {
            p := data.offset
        }
    }

    function _cd(uint256 p) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := calldataload(p)
        }
    }

    /// @dev The calldata word at position `p + offset`: positions are bounded by the calldata size, so
    ///      the sum cannot overflow.
    function _cdAt(uint256 p, uint256 offset) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := calldataload(add(p, offset))
        }
    }

    function _accessOf(address account) private view returns (uint256 word) {
        assembly ("memory-safe") {
            word := sload(xor(account, ACCESS_SEED))
        }
    }

    function _setAccess(address account, uint256 word) private {
        assembly ("memory-safe") {
            sstore(xor(account, ACCESS_SEED), word)
        }
    }

    function _tload() private view returns (uint256 value) {
        assembly ("memory-safe") {
            value := tload(CONTEXT_SLOT)
        }
    }

    function _tstore(uint256 value) private {
        assembly ("memory-safe") {
            tstore(CONTEXT_SLOT, value)
        }
    }
}
