import fs from "node:fs";
import path from "node:path";
import { OmniArbError } from "../../bot/core/errors";

/**
 * The one place that reads protocol bytecode out of npm packages. The devnet deploys exactly what
 * the protocols published (never recompiled, never mocked), so every consumer (deploy scripts,
 * tests, the keeper's ABI needs) goes through here and sees one normalised shape.
 *
 * Two formats are shipped: Waffle (`@uniswap/v2-*`: `evm.bytecode.object`, no `0x`) and Hardhat
 * (`@uniswap/v3-*`, `@pancakeswap/v3-core`, `@aave/core-v3`, `@balancer-labs/v2-deployments`).
 */

export type LinkReferences = Record<string, Record<string, ReadonlyArray<{ start: number; length: number }>>>;
/** Solidity's `immutableReferences`: AST id -> byte ranges in the runtime code. */
export type ImmutableReferences = Record<string, ReadonlyArray<{ start: number; length: number }>>;

export interface NpmArtifact {
  readonly contractName: string;
  /** Package and file the bytecode came from, for docs and error messages. */
  readonly source: string;
  readonly abi: ReadonlyArray<Record<string, unknown>>;
  /** Creation code, `0x`-prefixed, library placeholders left in place. */
  readonly bytecode: string;
  /** Runtime code, `0x`-prefixed, library placeholders and zeroed immutables left in place. */
  readonly deployedBytecode: string;
  readonly linkReferences: LinkReferences;
  readonly deployedLinkReferences: LinkReferences;
}

export class ArtifactError extends OmniArbError {
  override readonly name: string = "ArtifactError";
}

const AAVE = "@aave/core-v3/artifacts/contracts";
const BAL = "@balancer-labs/v2-deployments/dist/tasks";

/** Every protocol contract the devnet knows, by contract name -> file inside node_modules. */
const SOURCES = {
  // Uniswap V2 (Waffle format)
  WETH9: "@uniswap/v2-periphery/build/WETH9.json",
  UniswapV2Factory: "@uniswap/v2-core/build/UniswapV2Factory.json",
  UniswapV2Pair: "@uniswap/v2-core/build/UniswapV2Pair.json",
  UniswapV2Router02: "@uniswap/v2-periphery/build/UniswapV2Router02.json",
  // Uniswap V3 (Hardhat format)
  UniswapV3Factory: "@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json",
  UniswapV3Pool: "@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json",
  NonfungiblePositionManager:
    "@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json",
  SwapRouter: "@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json",
  QuoterV2: "@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json",
  // PancakeSwap V3 core (Hardhat format; the package has no PoolDeployer: contracts/devnet/ has a stand-in)
  PancakeV3Factory: "@pancakeswap/v3-core/artifacts/contracts/PancakeV3Factory.sol/PancakeV3Factory.json",
  PancakeV3Pool: "@pancakeswap/v3-core/artifacts/contracts/PancakeV3Pool.sol/PancakeV3Pool.json",
  // Aave V3 (Hardhat format, linked libraries)
  PoolAddressesProvider: `${AAVE}/protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json`,
  ACLManager: `${AAVE}/protocol/configuration/ACLManager.sol/ACLManager.json`,
  SupplyLogic: `${AAVE}/protocol/libraries/logic/SupplyLogic.sol/SupplyLogic.json`,
  BorrowLogic: `${AAVE}/protocol/libraries/logic/BorrowLogic.sol/BorrowLogic.json`,
  LiquidationLogic: `${AAVE}/protocol/libraries/logic/LiquidationLogic.sol/LiquidationLogic.json`,
  EModeLogic: `${AAVE}/protocol/libraries/logic/EModeLogic.sol/EModeLogic.json`,
  BridgeLogic: `${AAVE}/protocol/libraries/logic/BridgeLogic.sol/BridgeLogic.json`,
  PoolLogic: `${AAVE}/protocol/libraries/logic/PoolLogic.sol/PoolLogic.json`,
  FlashLoanLogic: `${AAVE}/protocol/libraries/logic/FlashLoanLogic.sol/FlashLoanLogic.json`,
  ConfiguratorLogic: `${AAVE}/protocol/libraries/logic/ConfiguratorLogic.sol/ConfiguratorLogic.json`,
  Pool: `${AAVE}/protocol/pool/Pool.sol/Pool.json`,
  PoolConfigurator: `${AAVE}/protocol/pool/PoolConfigurator.sol/PoolConfigurator.json`,
  AaveOracle: `${AAVE}/misc/AaveOracle.sol/AaveOracle.json`,
  AaveProtocolDataProvider: `${AAVE}/misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json`,
  MockAggregator: `${AAVE}/mocks/oracle/CLAggregators/MockAggregator.sol/MockAggregator.json`,
  AToken: `${AAVE}/protocol/tokenization/AToken.sol/AToken.json`,
  StableDebtToken: `${AAVE}/protocol/tokenization/StableDebtToken.sol/StableDebtToken.json`,
  VariableDebtToken: `${AAVE}/protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json`,
  DefaultReserveInterestRateStrategy: `${AAVE}/protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json`,
  // Balancer V2 (Hardhat format, one folder per deployment task)
  Authorizer: `${BAL}/20210418-authorizer/artifact/Authorizer.json`,
  Vault: `${BAL}/20210418-vault/artifact/Vault.json`,
  ProtocolFeePercentagesProvider: `${BAL}/20220725-protocol-fee-percentages-provider/artifact/ProtocolFeePercentagesProvider.json`,
  WeightedPoolFactory: `${BAL}/20230206-weighted-pool-v3/artifact/WeightedPoolFactory.json`,
  WeightedPool: `${BAL}/20230206-weighted-pool-v3/artifact/WeightedPool.json`,
} as const;

export type ArtifactName = keyof typeof SOURCES;
export const ARTIFACT_NAMES = Object.keys(SOURCES) as ArtifactName[];

const cache = new Map<ArtifactName, NpmArtifact>();

/** Loads one protocol artifact from its npm package, normalised; cached per process. */
export function loadArtifact(name: ArtifactName): NpmArtifact {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const source = SOURCES[name];
  if (source === undefined) {
    throw new ArtifactError("ARTIFACT_UNKNOWN", `no npm artifact is registered as ${String(name)}`, {
      details: { name },
    });
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(require.resolve(source), "utf8")) as Record<string, unknown>;
  } catch (cause) {
    throw new ArtifactError("ARTIFACT_UNREADABLE", `cannot read the npm artifact for ${name}`, {
      cause,
      details: { name, source },
    });
  }
  const artifact = normalise(name, source, raw);
  cache.set(name, artifact);
  return artifact;
}

function normalise(name: ArtifactName, source: string, raw: Record<string, unknown>): NpmArtifact {
  const evm = raw.evm as
    | {
        bytecode: { object: string; linkReferences?: LinkReferences };
        deployedBytecode: { object: string; linkReferences?: LinkReferences };
      }
    | undefined;
  const isWaffle = evm !== undefined;
  const bytecode = isWaffle ? evm.bytecode.object : (raw.bytecode as string);
  const deployedBytecode = isWaffle ? evm.deployedBytecode.object : (raw.deployedBytecode as string);
  if (typeof bytecode !== "string" || typeof deployedBytecode !== "string" || !Array.isArray(raw.abi)) {
    throw new ArtifactError("ARTIFACT_MALFORMED", `the npm artifact for ${name} has no abi or bytecode`, {
      details: { name, source },
    });
  }
  return {
    contractName: name,
    source,
    abi: raw.abi as Record<string, unknown>[],
    bytecode: hex(bytecode),
    deployedBytecode: hex(deployedBytecode),
    linkReferences: (isWaffle ? evm.bytecode.linkReferences : (raw.linkReferences as LinkReferences)) ?? {},
    deployedLinkReferences:
      (isWaffle ? evm.deployedBytecode.linkReferences : (raw.deployedLinkReferences as LinkReferences)) ?? {},
  };
}

function hex(code: string): string {
  return code.startsWith("0x") ? code : `0x${code}`;
}

type BuildInfoContracts = Record<
  string,
  Record<string, { evm?: { deployedBytecode?: { immutableReferences?: ImmutableReferences } } }>
>;
let aaveBuildInfo: BuildInfoContracts | undefined;

/**
 * The compiler's immutableReferences for a contract, when its package ships the compiler output
 * (only Aave does, in one 32 MB build-info read lazily); undefined for the others, whose callers
 * must locate immutables another way.
 */
export function loadImmutableReferences(name: ArtifactName): ImmutableReferences | undefined {
  const source = SOURCES[name];
  if (!source.startsWith("@aave/")) return undefined;
  if (aaveBuildInfo === undefined) {
    const buildInfoDir = path.join(
      path.dirname(require.resolve("@aave/core-v3/package.json")),
      "artifacts/build-info",
    );
    const files = fs.readdirSync(buildInfoDir).filter((f) => f.endsWith(".json"));
    if (files.length !== 1) {
      throw new ArtifactError("ARTIFACT_BUILD_INFO", "expected exactly one Aave build-info file", {
        details: { buildInfoDir, files },
      });
    }
    const parsed = JSON.parse(fs.readFileSync(path.join(buildInfoDir, files[0]!), "utf8")) as {
      output: { contracts: BuildInfoContracts };
    };
    aaveBuildInfo = parsed.output.contracts;
  }
  const sourceName = source.replace("@aave/core-v3/artifacts/", "").replace(/\/[^/]+\.json$/, "");
  const contract = aaveBuildInfo[sourceName]?.[name];
  if (contract === undefined) {
    throw new ArtifactError("ARTIFACT_BUILD_INFO", `Aave's build-info has no ${name}`, {
      details: { name, sourceName },
    });
  }
  return contract.evm?.deployedBytecode?.immutableReferences ?? {};
}
