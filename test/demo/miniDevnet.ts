import { ContractFactory, ZeroAddress, type Signer } from "ethers";
import type { DevnetAddresses } from "../../bot/devnet/demo/addresses";
import { loadArtifact, type ArtifactName } from "../../scripts/devnet/artifacts";

/**
 * The protocol part of the devnet the demo market needs (WETH9, two Uniswap V2 venues with their
 * Router02s, Uniswap V3 with the 1 bp tier, the position manager and SwapRouter), deployed from the
 * same npm bytecode as scripts/deploy but with plain ethers, so it can go onto the relay's FIFO
 * node without hardhat-deploy writing deployments/localhost. The node must be mining.
 */
export async function deployMiniDevnet(deployer: Signer): Promise<DevnetAddresses> {
  const deploy = async (name: ArtifactName, args: unknown[] = []): Promise<string> => {
    const artifact = loadArtifact(name);
    const contract = await new ContractFactory([...artifact.abi], artifact.bytecode, deployer).deploy(
      ...args,
    );
    await contract.waitForDeployment();
    return await contract.getAddress();
  };
  const me = await deployer.getAddress();
  const weth = await deploy("WETH9");
  const uniFactory = await deploy("UniswapV2Factory", [me]);
  const uniRouter = await deploy("UniswapV2Router02", [uniFactory, weth]);
  const sushiFactory = await deploy("UniswapV2Factory", [me]);
  const sushiRouter = await deploy("UniswapV2Router02", [sushiFactory, weth]);
  const v3Factory = await deploy("UniswapV3Factory");
  const factory = new ContractFactory([...loadArtifact("UniswapV3Factory").abi], "0x", deployer).attach(
    v3Factory,
  );
  await (await factory.getFunction("enableFeeAmount")(100, 1)).wait();
  const positionManager = await deploy("NonfungiblePositionManager", [v3Factory, weth, ZeroAddress]);
  const swapRouter = await deploy("SwapRouter", [v3Factory, weth]);
  return {
    weth,
    tokens: {},
    uniV2: { factory: uniFactory, router: uniRouter },
    sushiV2: { factory: sushiFactory, router: sushiRouter },
    uniV3: { factory: v3Factory, positionManager, swapRouter },
  };
}
