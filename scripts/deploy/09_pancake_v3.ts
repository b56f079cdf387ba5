import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployed, DevnetDeployError, deployNpm, liveDeployment, send } from "../devnet/chain";
import { dataContractInitCode, pancakeV3PoolCreationCode } from "../devnet/pancakeV3";

/**
 * PancakeSwap V3 core: the npm factory and, since the package ships no PoolDeployer, the devnet's
 * stand-in (contracts/devnet/PancakeV3PoolDeployer.sol), which CREATE2s pools from the npm pool's
 * creation code kept as the runtime code of `PancakeV3PoolCode`. The factory enables PancakeSwap's
 * fee tiers (100, 500, 2500, 10000) itself.
 *
 * Numbered after the other devnet scripts, so that everything deployed before PancakeSwap V3
 * existed keeps its address (deployer nonces).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const poolCreationCode = pancakeV3PoolCreationCode();
  const poolCode =
    (await liveDeployment(hre, "PancakeV3PoolCode")) ??
    (
      await hre.deployments.deploy("PancakeV3PoolCode", {
        from: deployer,
        // No ABI: a data contract, whose runtime code is the pool's creation code verbatim.
        contract: {
          abi: [],
          bytecode: dataContractInitCode(poolCreationCode),
          deployedBytecode: poolCreationCode,
        },
        skipIfAlreadyDeployed: true,
        log: false,
      })
    ).address;

  const poolDeployerAddress =
    (await liveDeployment(hre, "PancakeV3PoolDeployer")) ??
    (
      await hre.deployments.deploy("PancakeV3PoolDeployer", {
        from: deployer,
        contract: "PancakeV3PoolDeployer",
        args: [poolCode],
        skipIfAlreadyDeployed: true,
        log: false,
      })
    ).address;
  const poolDeployer = await deployed(hre, "PancakeV3PoolDeployer");
  const heldCode = (await poolDeployer.getFunction("POOL_CODE")()) as string;
  if (heldCode.toLowerCase() !== poolCode.toLowerCase()) {
    throw new DevnetDeployError(
      "DEVNET_PANCAKE_V3",
      "PancakeV3PoolDeployer copies another pool-code holder",
      {
        details: { poolDeployer: poolDeployerAddress, holds: heldCode, expected: poolCode },
      },
    );
  }

  const factory = await deployNpm(hre, "PancakeV3Factory", "PancakeV3Factory", [poolDeployerAddress]);
  // The deployer accepts its factory once; the factory's constructor needed the deployer first.
  const linked = (await poolDeployer.getFunction("factoryAddress")()) as string;
  if (BigInt(linked) === 0n) {
    await send(
      "PancakeV3PoolDeployer.setFactoryAddress",
      poolDeployer.getFunction("setFactoryAddress")(factory),
    );
  } else if (linked.toLowerCase() !== factory.toLowerCase()) {
    throw new DevnetDeployError("DEVNET_PANCAKE_V3", "PancakeV3PoolDeployer serves another factory", {
      details: { poolDeployer: poolDeployerAddress, serves: linked, expected: factory },
    });
  }
};

func.tags = ["devnet", "pancake-v3"];
func.dependencies = ["tokens"];
export default func;
