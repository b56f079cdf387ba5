import { expect } from "chai";
import { keccak256 } from "ethers";
import { ethers } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";
import { loadArtifact, loadImmutableReferences, type ArtifactName } from "../../scripts/devnet/artifacts";
import {
  compareRuntimeCode,
  embeddedRange,
  immutablePlaceholders,
  linkRuntimeCode,
  rangesOf,
  type ByteRange,
} from "../../scripts/devnet/runtimeCode";
import { PANCAKE_V3_POOL_INIT_CODE_HASH } from "../../scripts/devnet/pancakeV3";

const AAVE_POOL_LIBRARIES = [
  "BorrowLogic",
  "BridgeLogic",
  "EModeLogic",
  "FlashLoanLogic",
  "LiquidationLogic",
  "PoolLogic",
  "SupplyLogic",
] as const;

/** A 32-byte immutable word holding an address, as the EVM stores it (left-padded). */
function word(address: string): string {
  return `0x${address.slice(2).toLowerCase().padStart(64, "0")}`;
}

function flipByte(code: string, offset: number): string {
  const hex = code.slice(2);
  const flipped = (parseInt(hex.slice(offset * 2, offset * 2 + 2), 16) ^ 0xff).toString(16).padStart(2, "0");
  return `0x${hex.slice(0, offset * 2)}${flipped}${hex.slice(offset * 2 + 2)}`;
}

describe("devnet runtime code is the protocols' npm bytecode", () => {
  it("UniV2Factory is byte for byte the npm UniswapV2Factory (it has no immutables)", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("UniswapV2Factory");
    expect(immutablePlaceholders(artifact.deployedBytecode)).to.deep.equal([]);
    const code = await ethers.provider.getCode(net.addresses.UniV2Factory!);
    expect(code).to.equal(artifact.deployedBytecode.toLowerCase());
    expect(await ethers.provider.getCode(net.addresses.SushiV2Factory!)).to.equal(code);
  });

  it("UniV3Factory is the npm UniswapV3Factory, its one immutable holding its own address", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("UniswapV3Factory");
    // The factory carries the npm pool's creation code verbatim (it deploys pools with `new`), so
    // the pools it creates are the npm pool too; that blob is data, not factory code.
    const poolCode = embeddedRange(artifact.deployedBytecode, loadArtifact("UniswapV3Pool").bytecode);
    expect(poolCode).to.deep.equal({ start: 1795, length: 22728 });
    const immutables = immutablePlaceholders(artifact.deployedBytecode, [poolCode!]);
    // NoDelegateCall's `original` is read in a few places; nothing else is immutable.
    expect(immutables.length).to.be.greaterThan(0);
    const result = compareRuntimeCode(
      await ethers.provider.getCode(net.addresses.UniV3Factory!),
      artifact,
      immutables,
    );
    expect(result.firstDifference).to.equal(-1);
    expect(result.matches).to.equal(true);
    expect(new Set(result.immutableValues)).to.deep.equal(new Set([word(net.addresses.UniV3Factory!)]));
  });

  it("PancakeV3Factory is the npm PancakeV3Factory, its immutables holding the stand-in pool deployer", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("PancakeV3Factory");
    // Unlike Uniswap's, PancakeSwap's factory carries no pool code: its PoolDeployer creates pools.
    expect(embeddedRange(artifact.deployedBytecode, loadArtifact("PancakeV3Pool").bytecode)).to.equal(
      undefined,
    );
    const immutables = immutablePlaceholders(artifact.deployedBytecode);
    expect(immutables.length).to.equal(2);
    const code = await ethers.provider.getCode(net.addresses.PancakeV3Factory!);
    const result = compareRuntimeCode(code, artifact, immutables);
    expect(result.firstDifference).to.equal(-1);
    expect(result.matches).to.equal(true);
    expect(new Set(result.immutableValues)).to.deep.equal(
      new Set([word(net.addresses.PancakeV3PoolDeployer!)]),
    );
    // Every byte of it counts: flipping any one outside the two immutables fails the comparison.
    const size = (code.length - 2) / 2;
    const masked = new Set(
      immutables.flatMap(({ start, length }) => [...Array(length).keys()].map((i) => start + i)),
    );
    for (let offset = 0; offset < size; offset += 97) {
      expect(
        compareRuntimeCode(flipByte(code, offset), artifact, immutables).matches,
        `offset ${offset}`,
      ).to.equal(masked.has(offset));
    }
  });

  it("the PancakeSwap V3 pool-code holder's runtime code is the npm PancakeV3Pool creation code, byte for byte", async () => {
    const net = await devnetFixture();
    const code = await ethers.provider.getCode(net.pancakeV3.poolCode);
    expect(code).to.equal(loadArtifact("PancakeV3Pool").bytecode.toLowerCase());
    // What the stand-in deployer CREATE2s from, so pool addresses follow from the published hash.
    expect(keccak256(code)).to.equal(PANCAKE_V3_POOL_INIT_CODE_HASH);
    expect(await net.pancakeV3.deployer.getFunction("POOL_CODE")()).to.equal(net.pancakeV3.poolCode);
  });

  it("the Aave Pool implementation is the npm Pool linked to the deployed libraries", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("Pool");
    const immutables = rangesOf(loadImmutableReferences("Pool")!);
    const libraries = Object.fromEntries(
      AAVE_POOL_LIBRARIES.map((lib) => [lib, net.addresses[`Aave${lib}`]!]),
    );
    const code = await ethers.provider.getCode(net.addresses.AavePoolImpl!);
    const result = compareRuntimeCode(code, artifact, immutables, libraries);
    expect(result.firstDifference).to.equal(-1);
    expect(result.matches).to.equal(true);
    // ADDRESSES_PROVIDER is the only immutable.
    expect(new Set(result.immutableValues)).to.deep.equal(
      new Set([word(net.addresses.AavePoolAddressesProvider!)]),
    );
    // Linked to other addresses, the same code must not match.
    const wrongLibraries = { ...libraries, FlashLoanLogic: net.addresses.AaveBorrowLogic! };
    expect(compareRuntimeCode(code, artifact, immutables, wrongLibraries).matches).to.equal(false);
    // And the proxy in front of it points at exactly this implementation.
    const slot = BigInt(ethers.id("eip1967.proxy.implementation")) - 1n;
    const implementation = await ethers.provider.getStorage(net.addresses.AavePool!, slot);
    expect(implementation).to.equal(word(net.addresses.AavePoolImpl!));
  });

  it("the Balancer Vault is the npm Vault modulo its immutables (WETH among them)", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("Vault");
    const immutables = immutablePlaceholders(artifact.deployedBytecode);
    const result = compareRuntimeCode(
      await ethers.provider.getCode(net.addresses.BalancerVault!),
      artifact,
      immutables,
    );
    expect(result.firstDifference).to.equal(-1);
    expect(result.matches).to.equal(true);
    expect(result.immutableValues).to.include(word(net.addresses.WETH9!));
    const collector = (await net.balancer.vault.getFunction("getProtocolFeesCollector")()) as string;
    expect(result.immutableValues).to.include(word(collector));
  });

  it("finds exactly the compiler's immutable references by scanning for PUSH32 zero placeholders", () => {
    // Aave ships its compiler output, so the scan used for Uniswap V3 and Balancer is checked here.
    for (const name of ["Pool", "PoolConfigurator", "AToken", "AaveOracle", "ACLManager"] as const) {
      const artifact = loadArtifact(name);
      const linked = linkRuntimeCode(artifact.deployedBytecode, artifact.deployedLinkReferences, {});
      expect(immutablePlaceholders(linked), name).to.deep.equal(rangesOf(loadImmutableReferences(name)!));
    }
  });

  it("rejects code that differs from the artifact in any byte outside the immutables", async () => {
    const net = await devnetFixture();
    const artifact = loadArtifact("Vault");
    const immutables = immutablePlaceholders(artifact.deployedBytecode);
    const code = await ethers.provider.getCode(net.addresses.BalancerVault!);
    const masked = new Set(
      immutables.flatMap(({ start, length }: ByteRange) => [...Array(length).keys()].map((i) => start + i)),
    );
    const size = (code.length - 2) / 2;
    // Every 997th byte (a prime stride over ~24 KB) plus the first and last.
    for (const offset of [
      0,
      size - 1,
      ...[...Array(Math.floor(size / 997)).keys()].map((i) => i * 997 + 13),
    ]) {
      const result = compareRuntimeCode(flipByte(code, offset), artifact, immutables);
      expect(result.matches, `offset ${offset}`).to.equal(masked.has(offset));
    }
    expect(compareRuntimeCode(`${code}00`, artifact, immutables).matches).to.equal(false);
    expect(compareRuntimeCode(code.slice(0, -2), artifact, immutables).matches).to.equal(false);
  });

  describe("every other protocol contract is its npm runtime code modulo immutables", () => {
    const EXPECTED: ReadonlyArray<readonly [string, ArtifactName]> = [
      ["WETH9", "WETH9"],
      ["UniV2Router02", "UniswapV2Router02"],
      ["SushiV2Router02", "UniswapV2Router02"],
      ["NonfungiblePositionManager", "NonfungiblePositionManager"],
      ["SwapRouter", "SwapRouter"],
      ["QuoterV2", "QuoterV2"],
      ["AavePoolAddressesProvider", "PoolAddressesProvider"],
      ["AaveACLManager", "ACLManager"],
      ["AaveOracle", "AaveOracle"],
      ["AaveProtocolDataProvider", "AaveProtocolDataProvider"],
      ["AaveATokenImpl", "AToken"],
      ["AaveStableDebtTokenImpl", "StableDebtToken"],
      ["AaveVariableDebtTokenImpl", "VariableDebtToken"],
      ["AaveInterestRateStrategy", "DefaultReserveInterestRateStrategy"],
      ["AaveAggregator_WETH", "MockAggregator"],
      ["BalancerAuthorizer", "Authorizer"],
      ["BalancerProtocolFeePercentagesProvider", "ProtocolFeePercentagesProvider"],
      ["BalancerWeightedPoolFactory", "WeightedPoolFactory"],
      ["BalancerWeightedPool_WETH_USDC", "WeightedPool"],
    ];
    for (const [name, artifactName] of EXPECTED) {
      it(`${name} is the npm ${artifactName}`, async () => {
        const net = await devnetFixture();
        const artifact = loadArtifact(artifactName);
        const code = await ethers.provider.getCode(net.addresses[name]!);
        const result = compareRuntimeCode(code, artifact, immutablePlaceholders(artifact.deployedBytecode));
        expect(result.firstDifference).to.equal(-1);
      });
    }

    it("every V2 pair is the npm UniswapV2Pair byte for byte, every V3 pool the npm UniswapV3Pool", async () => {
      const net = await devnetFixture();
      const pair = loadArtifact("UniswapV2Pair").deployedBytecode.toLowerCase();
      for (const [name, contract] of Object.entries(net.pairs)) {
        expect(await ethers.provider.getCode(await contract.getAddress()), name).to.equal(pair);
      }
      const pool = loadArtifact("UniswapV3Pool");
      const immutables = immutablePlaceholders(pool.deployedBytecode);
      for (const [name, contract] of Object.entries(net.pools)) {
        const result = compareRuntimeCode(
          await ethers.provider.getCode(await contract.getAddress()),
          pool,
          immutables,
        );
        expect(result.firstDifference, name).to.equal(-1);
        // factory, token0, token1, fee, tickSpacing, maxLiquidityPerTick and NoDelegateCall's original.
        expect(result.immutableValues, name).to.include(word(net.addresses.UniV3Factory!));
        expect(result.immutableValues, name).to.include(word(await contract.getAddress()));
      }
    });

    it("every PancakeSwap V3 pool is the npm PancakeV3Pool modulo its immutables, and a flipped byte fails", async () => {
      const net = await devnetFixture();
      const pool = loadArtifact("PancakeV3Pool");
      const immutables = immutablePlaceholders(pool.deployedBytecode);
      const names = Object.keys(net.pancakePools);
      expect(names.length).to.equal(7);
      for (const name of names) {
        const contract = net.pancakePools[name]!;
        const result = compareRuntimeCode(
          await ethers.provider.getCode(await contract.getAddress()),
          pool,
          immutables,
        );
        expect(result.firstDifference, name).to.equal(-1);
        expect(result.matches, name).to.equal(true);
        // factory, token0, token1, fee, tickSpacing, maxLiquidityPerTick, among others.
        for (const value of [
          net.addresses.PancakeV3Factory!,
          (await contract.getFunction("token0")()) as string,
          (await contract.getFunction("token1")()) as string,
        ]) {
          expect(result.immutableValues, name).to.include(word(value));
        }
        expect(result.immutableValues, name).to.include(
          `0x${((await contract.getFunction("fee")()) as bigint).toString(16).padStart(64, "0")}`,
        );
      }
      // One pool, every 211th byte flipped (a prime stride over ~23 KB), plus the first and last.
      const code = await ethers.provider.getCode(
        await net.pancakePools.PancakeV3Pool_WETH_USDC_500!.getAddress(),
      );
      const masked = new Set(
        immutables.flatMap(({ start, length }: ByteRange) => [...Array(length).keys()].map((i) => start + i)),
      );
      const size = (code.length - 2) / 2;
      for (const offset of [
        0,
        size - 1,
        ...[...Array(Math.floor(size / 211)).keys()].map((i) => i * 211 + 5),
      ]) {
        expect(
          compareRuntimeCode(flipByte(code, offset), pool, immutables).matches,
          `offset ${offset}`,
        ).to.equal(masked.has(offset));
      }
    });

    it("the Aave logic libraries are the npm libraries, only their call-protection address differing", async () => {
      const net = await devnetFixture();
      for (const library of [...AAVE_POOL_LIBRARIES, "ConfiguratorLogic"] as const) {
        const artifact = loadArtifact(library);
        const code = await ethers.provider.getCode(net.addresses[`Aave${library}`]!);
        // solc starts a library's runtime code with PUSH20 <its own address> (0x73 + 20 bytes), a
        // zero placeholder in the artifact that the creation code overwrites, so that calls (not
        // delegatecalls) into state-changing functions revert.
        expect(artifact.deployedBytecode.slice(0, 44)).to.equal(`0x73${"00".repeat(20)}`);
        const result = compareRuntimeCode(code, artifact, [{ start: 1, length: 20 }], {
          BorrowLogic: net.addresses.AaveBorrowLogic!,
        });
        expect(result.firstDifference, library).to.equal(-1);
        expect(result.immutableValues, library).to.deep.equal([
          net.addresses[`Aave${library}`]!.toLowerCase(),
        ]);
      }
    });
  });
});
