// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title PancakeV3PoolDeployer (devnet stand-in)
/// @notice The CREATE2 deployer that PancakeSwap V3's factory needs, for the devnet only: the npm
///         package "pancakeswap/v3-core" ships the factory and the pool but not this contract.
///         It does what the factory and the pool expect of PancakeSwap's own deployer (the
///         `IPancakeV3PoolDeployer` interface in that package): `deploy` is callable only by the
///         factory set once with `setFactoryAddress`, publishes the pool's constructor arguments
///         through `parameters()` while the pool is created, and creates the pool with CREATE2,
///         salt `keccak256(abi.encode(token0, token1, fee))`, from the pool's released creation code.
///         So pool addresses follow from the deployer address and the published init code hash
///         exactly as on mainnet (test/devnet/pancakeV3Deployer.test.ts and create2.test.ts
///         check both).
/// @dev The pool's creation code (23,566 bytes) is far larger than anything a constructor argument
///      should carry, so it is the runtime code of a separate holder contract (`POOL_CODE`), copied
///      with EXTCODECOPY for each pool. Never deployed by users: PancakeSwap's own deployer serves
///      the real chains.
contract PancakeV3PoolDeployer {
    /// @notice The pool constructor's arguments, set only while `deploy` runs.
    struct Parameters {
        address factory;
        address token0;
        address token1;
        uint24 fee;
        int24 tickSpacing;
    }

    /// @notice `setFactoryAddress` was called a second time.
    error FactoryAlreadySet();

    /// @notice `deploy` was called by `caller`, not the factory.
    error OnlyFactory(address caller);

    /// @notice CREATE2 did not create the pool (the same pool exists, or its constructor reverted).
    error PoolNotCreated();

    /// @notice The factory was set.
    event SetFactoryAddress(address indexed factory);

    /// @notice The contract whose runtime code is the pool's creation code.
    address public immutable POOL_CODE;

    /// @notice Read by the pool's constructor (`IPancakeV3PoolDeployer.parameters()`).
    Parameters public parameters;

    /// @notice The only account allowed to deploy pools.
    address public factoryAddress;

    constructor(address poolCode) {
        POOL_CODE = poolCode;
    }

    /// @notice Sets the factory once (the factory's constructor needs this contract's address first).
    function setFactoryAddress(address factory) external {
        if (factoryAddress != address(0)) revert FactoryAlreadySet();
        factoryAddress = factory;
        emit SetFactoryAddress(factory);
    }

    /// @notice Creates the pool for the factory.
    function deploy(
        address factory,
        address token0,
        address token1,
        uint24 fee,
        int24 tickSpacing
    ) external returns (address pool) {
        if (msg.sender != factoryAddress) revert OnlyFactory(msg.sender);
        parameters = Parameters({
            factory: factory,
            token0: token0,
            token1: token1,
            fee: fee,
            tickSpacing: tickSpacing
        });
        bytes memory code = POOL_CODE.code;
        bytes32 salt = keccak256(abi.encode(token0, token1, fee));
        assembly ("memory-safe") {
            pool := create2(0, add(code, 0x20), mload(code), salt)
        }
        if (pool == address(0)) revert PoolNotCreated();
        delete parameters;
    }
}
