import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { UsageError } from "../../bot/core/errors";

/**
 * ArbExecutor, owned by `owner`, unwrapping `WETH` for builder tips, executable by `operators`.
 *
 *   npx hardhat deploy --network <name> --tags executor
 *
 * owner      OMNI_ARB_OWNER, else the named account `owner`
 * operators  OMNI_ARB_OPERATORS (comma-separated), else the named account `operator`
 * WETH       the deployment `WETH9` if this network has one (the devnet), else OMNI_ARB_WETH
 * Aave Pool  the deployment `AavePool` if any, else OMNI_ARB_AAVE_POOL, else none (no Aave funding)
 * Balancer   the deployment `BalancerVault` if any, else OMNI_ARB_BALANCER_VAULT, else none
 *
 * The lenders are immutables of the executor (plans never name them): take them from the sourced
 * registry (bot/config/registry) for a real chain. "none" or unset disables that funding source.
 *
 * No dependency on the devnet's tags on purpose: on a real chain `--tags executor` must not deploy
 * test tokens. On the devnet the scripts run in order (00-09a first), so WETH9 exists by then.
 * Re-running is safe: hardhat-deploy skips an identical deployment; a stale record is redeployed.
 */
function address(hre: HardhatRuntimeEnvironment, value: string, what: string): string {
  if (!hre.ethers.isAddress(value) || BigInt(value) === 0n) {
    throw new UsageError("DEPLOY_ADDRESS", `${what} is not a non-zero address: "${value}"`, {
      details: { what },
    });
  }
  return hre.ethers.getAddress(value);
}

const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const named = await hre.getNamedAccounts();
  const env = process.env;
  const owner = address(
    hre,
    env.OMNI_ARB_OWNER ?? named.owner ?? "",
    "OMNI_ARB_OWNER (or named account owner)",
  );
  const operatorList = env.OMNI_ARB_OPERATORS ?? named.operator ?? "";
  const operators = operatorList
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s, i) => address(hre, s, `OMNI_ARB_OPERATORS[${i}] (or named account operator)`));
  if (operators.length === 0) {
    throw new UsageError(
      "DEPLOY_OPERATORS",
      "no operator: set OMNI_ARB_OPERATORS or the named account operator",
    );
  }
  const weth9 = await hre.deployments.getOrNull("WETH9");
  const weth = address(
    hre,
    weth9?.address ?? env.OMNI_ARB_WETH ?? "",
    "WETH (no WETH9 deployment on this network: set OMNI_ARB_WETH)",
  );
  const lender = async (deployment: string, variable: string): Promise<string> => {
    const found = await hre.deployments.getOrNull(deployment);
    const value = found?.address ?? env[variable] ?? "none";
    if (value.toLowerCase() === "none") return hre.ethers.ZeroAddress;
    return address(
      hre,
      value,
      `${variable} (no ${deployment} deployment on this network; "none" for no such lender)`,
    );
  };
  const aavePool = await lender("AavePool", "OMNI_ARB_AAVE_POOL");
  const balancerVault = await lender("BalancerVault", "OMNI_ARB_BALANCER_VAULT");
  // A record left by an earlier chain (a restarted node keeps deployments/localhost) has no code
  // here: drop it so that the executor is deployed again instead of trusted (or waited for).
  const previous = await hre.deployments.getOrNull("ArbExecutor");
  if (previous && (await hre.ethers.provider.getCode(previous.address)) === "0x") {
    await hre.deployments.delete("ArbExecutor");
  }
  const { deployer } = named;
  const result = await hre.deployments.deploy("ArbExecutor", {
    from: deployer ?? owner,
    args: [owner, weth, aavePool, balancerVault, operators],
    log: true,
  });
  hre.deployments.log(
    `ArbExecutor at ${result.address}: owner ${owner}, WETH ${weth}, Aave Pool ${aavePool}, ` +
      `Balancer Vault ${balancerVault}, operators ${operators.join(", ")}`,
  );
};

func.tags = ["executor", "devnet"];
export default func;
