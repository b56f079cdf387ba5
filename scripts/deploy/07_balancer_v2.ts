import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployNpm } from "../devnet/chain";

const DAY = 24n * 60n * 60n;
/** Mainnet's pause window and buffer period for the Vault (task 20210418-vault). */
const VAULT_PAUSE_WINDOW = 90n * DAY;
const VAULT_BUFFER_PERIOD = 30n * DAY;
/** Mainnet's caps for yield and AUM protocol fees (task 20220725-protocol-fee-percentages-provider). */
const MAX_YIELD_FEE = 5n * 10n ** 17n;
const MAX_AUM_FEE = 5n * 10n ** 17n;

/** Balancer V2: Authorizer, Vault and the weighted pool factory of task 20230206-weighted-pool-v3. */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const weth = (await hre.deployments.get("WETH9")).address;
  const authorizer = await deployNpm(hre, "BalancerAuthorizer", "Authorizer", [deployer]);
  const vault = await deployNpm(hre, "BalancerVault", "Vault", [
    authorizer,
    weth,
    VAULT_PAUSE_WINDOW,
    VAULT_BUFFER_PERIOD,
  ]);
  const feeProvider = await deployNpm(
    hre,
    "BalancerProtocolFeePercentagesProvider",
    "ProtocolFeePercentagesProvider",
    [vault, MAX_YIELD_FEE, MAX_AUM_FEE],
  );
  // The version strings are the JSON the real deployment task used; pools report them.
  await deployNpm(hre, "BalancerWeightedPoolFactory", "WeightedPoolFactory", [
    vault,
    feeProvider,
    JSON.stringify({ name: "WeightedPoolFactory", version: 4, deployment: "20230206-weighted-pool-v3" }),
    JSON.stringify({ name: "WeightedPool", version: 4, deployment: "20230206-weighted-pool-v3" }),
  ]);
};

func.tags = ["devnet", "balancer-v2"];
func.dependencies = ["tokens"];
export default func;
