import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { ZeroAddress } from "ethers";
import { deployed, deployNpm, send } from "../devnet/chain";

/** Uniswap V3 core and the periphery the keeper and tests use, plus the 1 bp fee tier. */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const weth = (await hre.deployments.get("WETH9")).address;
  const factoryAddress = await deployNpm(hre, "UniV3Factory", "UniswapV3Factory");
  const factory = await deployed(hre, "UniV3Factory");
  // The npm factory enables 500/3000/10000; mainnet added 100 (tick spacing 1) by governance.
  if ((await factory.getFunction("feeAmountTickSpacing")(100)) === 0n) {
    await send("UniV3Factory.enableFeeAmount(100, 1)", factory.getFunction("enableFeeAmount")(100, 1));
  }
  // The token descriptor only renders NFT metadata; the zero address is enough for a devnet.
  await deployNpm(hre, "NonfungiblePositionManager", "NonfungiblePositionManager", [
    factoryAddress,
    weth,
    ZeroAddress,
  ]);
  await deployNpm(hre, "SwapRouter", "SwapRouter", [factoryAddress, weth]);
  await deployNpm(hre, "QuoterV2", "QuoterV2", [factoryAddress, weth]);
};

func.tags = ["devnet", "uniswap-v3"];
func.dependencies = ["tokens"];
export default func;
