import { ethers } from "hardhat";
import { loadArtifact, type ArtifactName } from "../../../scripts/devnet/artifacts";
import { ContractFactory, type Contract, type InterfaceAbi, type Signer } from "ethers";

/**
 * Deploys Uniswap's own published bytecode (npm artifacts, never recompiled) for the AMM
 * exactness tests, plus our TestERC20 tokens and PoolSwapper driver.
 */

interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

/** The devnet's loader of npm artifacts (Waffle and Hardhat formats normalised). */
function npmArtifact(name: ArtifactName): Artifact {
  const a = loadArtifact(name);
  return { abi: a.abi as InterfaceAbi, bytecode: a.bytecode };
}

export const V2_FACTORY = npmArtifact("UniswapV2Factory");
export const V2_PAIR = npmArtifact("UniswapV2Pair");
export const V3_FACTORY = npmArtifact("UniswapV3Factory");
export const V3_POOL = npmArtifact("UniswapV3Pool");

export async function deployArtifact(a: Artifact, signer: Signer, ...args: unknown[]): Promise<Contract> {
  const c = await new ContractFactory(a.abi, a.bytecode, signer).deploy(...args);
  await c.waitForDeployment();
  return c as Contract;
}

/** Two TestERC20 tokens ordered as a pool orders them (token0 < token1), and the driver holding plenty of both. */
export async function tokensAndSwapper(): Promise<{ token0: Contract; token1: Contract; swapper: Contract }> {
  const tokenFactory = await ethers.getContractFactory("TestERC20");
  const a = (await tokenFactory.deploy("Token A", "TKA", 18)) as unknown as Contract;
  const b = (await tokenFactory.deploy("Token B", "TKB", 18)) as unknown as Contract;
  const [token0, token1] = BigInt(await a.getAddress()) < BigInt(await b.getAddress()) ? [a, b] : [b, a];
  const swapper = (await (await ethers.getContractFactory("PoolSwapper")).deploy()) as unknown as Contract;
  const funds = 1n << 200n;
  await token0.mint(await swapper.getAddress(), funds);
  await token1.mint(await swapper.getAddress(), funds);
  return { token0, token1, swapper };
}
