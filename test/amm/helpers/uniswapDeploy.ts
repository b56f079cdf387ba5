import fs from "node:fs";
import { ethers } from "hardhat";
import { ContractFactory, type Contract, type InterfaceAbi, type Signer } from "ethers";

/**
 * Deploys Uniswap's own published bytecode (npm artifacts, never recompiled) for the AMM
 * exactness tests, plus our TestERC20 tokens and PoolSwapper driver.
 */

interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

/** Reads a Waffle (v2: evm.bytecode.object, no 0x) or Hardhat (v3: bytecode) artifact. */
export function npmArtifact(file: string): Artifact {
  const raw = JSON.parse(fs.readFileSync(require.resolve(file), "utf8")) as {
    abi: InterfaceAbi;
    bytecode?: string;
    evm?: { bytecode: { object: string } };
  };
  const code = raw.evm ? raw.evm.bytecode.object : raw.bytecode!;
  return { abi: raw.abi, bytecode: code.startsWith("0x") ? code : `0x${code}` };
}

export const V2_FACTORY = npmArtifact("@uniswap/v2-core/build/UniswapV2Factory.json");
export const V2_PAIR = npmArtifact("@uniswap/v2-core/build/UniswapV2Pair.json");
export const V3_FACTORY = npmArtifact(
  "@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json",
);
export const V3_POOL = npmArtifact(
  "@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json",
);

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
