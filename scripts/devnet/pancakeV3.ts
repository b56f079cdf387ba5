import { ContractFactory, keccak256, type Contract, type Signer } from "ethers";
import { artifacts } from "hardhat";
import { ArtifactError, loadArtifact } from "./artifacts";

/**
 * PancakeSwap V3 core from its npm bytecode (`@pancakeswap/v3-core`): the released factory and
 * pool, and the devnet's stand-in for the PoolDeployer the package does not ship
 * (contracts/devnet/PancakeV3PoolDeployer.sol). Plain ethers, so deploy scripts and test fixtures
 * share it.
 */

/**
 * The published init code hash of PancakeSwap V3 pools (bot/config/registry/SOURCES.md, sources
 * PCS_V3SDK and SUSHI_CFG): the keccak of the creation code every pool is CREATE2'd from.
 */
export const PANCAKE_V3_POOL_INIT_CODE_HASH =
  "0x6ce8eb472fa82df5469c6ab6d485f17c3ad13c8cd7af59b3d4a8026c5ce0f7e2";

/**
 * The npm PancakeV3Pool's creation code, refused unless it hashes to the published init code hash
 * (pools created from anything else would not be at PancakeSwap's addresses).
 */
export function pancakeV3PoolCreationCode(): string {
  const { bytecode } = loadArtifact("PancakeV3Pool");
  if (keccak256(bytecode) !== PANCAKE_V3_POOL_INIT_CODE_HASH) {
    throw new ArtifactError(
      "ARTIFACT_INIT_CODE_HASH",
      "the npm PancakeV3Pool creation code does not hash to the published init code hash",
      { details: { expected: PANCAKE_V3_POOL_INIT_CODE_HASH, got: keccak256(bytecode) } },
    );
  }
  return bytecode;
}

/**
 * Creation code of a contract whose runtime code is `data`: copy everything after this 10-byte
 * prefix to memory and return it (PUSH2 len, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY,
 * RETURNDATASIZE, RETURN).
 */
export function dataContractInitCode(data: string): string {
  const body = data.startsWith("0x") ? data.slice(2) : data;
  const length = body.length / 2;
  if (length === 0 || length > 0x6000) throw new RangeError(`data of ${length} bytes cannot be runtime code`);
  return `0x61${length.toString(16).padStart(4, "0")}80600a3d393df3${body}`;
}

export interface PancakeV3Core {
  readonly factory: Contract;
  readonly deployer: Contract;
  /** The contract whose runtime code is the pool's creation code. */
  readonly poolCode: string;
}

/**
 * Deploys the pool-code holder, the stand-in deployer, the npm factory (which enables the 100, 500,
 * 2500 and 10000 fee tiers itself) and links the deployer to the factory.
 */
export async function deployPancakeV3Core(signer: Signer): Promise<PancakeV3Core> {
  const holderTx = await signer.sendTransaction({ data: dataContractInitCode(pancakeV3PoolCreationCode()) });
  const holderReceipt = await holderTx.wait();
  const poolCode = holderReceipt?.contractAddress;
  if (!poolCode) throw new Error("the PancakeSwap V3 pool-code holder was not created");
  const deployerArtifact = await artifacts.readArtifact("PancakeV3PoolDeployer");
  const deployer = (await new ContractFactory(deployerArtifact.abi, deployerArtifact.bytecode, signer).deploy(
    poolCode,
  )) as Contract;
  await deployer.waitForDeployment();
  const factoryArtifact = loadArtifact("PancakeV3Factory");
  const factory = (await new ContractFactory(
    [...factoryArtifact.abi],
    factoryArtifact.bytecode,
    signer,
  ).deploy(await deployer.getAddress())) as Contract;
  await factory.waitForDeployment();
  await (await deployer.getFunction("setFactoryAddress")(await factory.getAddress())).wait();
  return { factory, deployer, poolCode };
}
