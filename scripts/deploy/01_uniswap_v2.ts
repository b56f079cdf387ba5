import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployNpm } from "../devnet/chain";

/**
 * Two independent Uniswap V2 venues from the same npm bytecode: "uni" and "sushi" differ only by
 * factory address (same init code hash), which is exactly how the real forks relate.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const weth = (await hre.deployments.get("WETH9")).address;
  for (const venue of ["Uni", "Sushi"] as const) {
    // feeToSetter = deployer, so the protocol fee can be switched on in tests that need it.
    const factory = await deployNpm(hre, `${venue}V2Factory`, "UniswapV2Factory", [deployer]);
    await deployNpm(hre, `${venue}V2Router02`, "UniswapV2Router02", [factory, weth]);
  }
};

func.tags = ["devnet", "uniswap-v2"];
func.dependencies = ["tokens"];
export default func;
