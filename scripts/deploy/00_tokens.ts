import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployNpm, liveDeployment } from "../devnet/chain";
import { TEST_TOKENS } from "../../bot/devnet/universe";

/** The deployer wraps tens of thousands of ETH for the pools; local chains can simply grant it. */
const DEPLOYER_ETH = 10n ** 7n * 10n ** 18n;

const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const balance = await hre.ethers.provider.getBalance(deployer);
  if (balance < DEPLOYER_ETH / 2n) {
    await hre.network.provider.send("hardhat_setBalance", [deployer, `0x${DEPLOYER_ETH.toString(16)}`]);
  }
  await deployNpm(hre, "WETH9", "WETH9");
  for (const token of TEST_TOKENS) {
    if ((await liveDeployment(hre, token.symbol)) !== undefined) continue;
    await hre.deployments.deploy(token.symbol, {
      from: deployer,
      contract: "TestERC20",
      args: [token.name, token.symbol, token.decimals],
      skipIfAlreadyDeployed: true,
      log: false,
    });
  }
};

func.tags = ["devnet", "tokens"];
export default func;
