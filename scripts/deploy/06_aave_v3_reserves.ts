import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { ZeroAddress } from "ethers";
import { deployed, deployNpm, saveCreated, send } from "../devnet/chain";
import { approveAll, fundDeployer, tokenDeploymentName } from "../devnet/funding";
import {
  AAVE_FLASHLOAN_PREMIUM_TO_PROTOCOL,
  AAVE_FLASHLOAN_PREMIUM_TOTAL,
  AAVE_RESERVES,
  AAVE_SUPPLY_USD,
  amountForUsd,
  DECIMALS,
  PRICES_MICRO_USD,
} from "../../bot/devnet/universe";

const RAY = 10n ** 27n;

/**
 * Lists every AAVE_RESERVES token, enables flash loans on it (initReserves leaves them off),
 * sets mainnet's 5 bps premium and supplies liquidity through pool.supply (a plain transfer to the
 * aToken would not count as liquidity).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const pool = await deployed(hre, "AavePool");
  const poolAddress = await pool.getAddress();
  const configurator = await deployed(hre, "AavePoolConfigurator");
  const providerAddress = (await hre.deployments.get("AavePoolAddressesProvider")).address;

  // Token implementations are bound to the POOL PROXY, which is what calls them.
  const aTokenImpl = await deployNpm(hre, "AaveATokenImpl", "AToken", [poolAddress]);
  const stableDebtImpl = await deployNpm(hre, "AaveStableDebtTokenImpl", "StableDebtToken", [poolAddress]);
  const variableDebtImpl = await deployNpm(hre, "AaveVariableDebtTokenImpl", "VariableDebtToken", [
    poolAddress,
  ]);
  // Mainnet-like volatile-asset curve; only matters if a test borrows.
  const strategy = await deployNpm(hre, "AaveInterestRateStrategy", "DefaultReserveInterestRateStrategy", [
    providerAddress,
    (RAY * 80n) / 100n,
    0n,
    (RAY * 4n) / 100n,
    (RAY * 75n) / 100n,
    (RAY * 2n) / 100n,
    (RAY * 75n) / 100n,
    (RAY * 2n) / 100n,
    (RAY * 5n) / 100n,
    (RAY * 20n) / 100n,
  ]);

  const reserveOf = async (asset: string) =>
    (await pool.getFunction("getReserveData")(asset)) as { aTokenAddress: string };
  const inputs = [];
  for (const symbol of AAVE_RESERVES) {
    const asset = (await hre.deployments.get(tokenDeploymentName(symbol))).address;
    if ((await reserveOf(asset)).aTokenAddress !== ZeroAddress) continue;
    inputs.push({
      aTokenImpl,
      stableDebtTokenImpl: stableDebtImpl,
      variableDebtTokenImpl: variableDebtImpl,
      underlyingAssetDecimals: DECIMALS[symbol],
      interestRateStrategyAddress: strategy,
      underlyingAsset: asset,
      treasury: deployer,
      incentivesController: ZeroAddress,
      aTokenName: `Aave devnet ${symbol}`,
      aTokenSymbol: `a${symbol}`,
      variableDebtTokenName: `Aave devnet variable debt ${symbol}`,
      variableDebtTokenSymbol: `variableDebt${symbol}`,
      stableDebtTokenName: `Aave devnet stable debt ${symbol}`,
      stableDebtTokenSymbol: `stableDebt${symbol}`,
      params: "0x",
    });
  }
  // One reserve per transaction: all of them at once cost about 37M gas, over a node's 2^24
  // per-transaction cap (in-process Hardhat happens to estimate under it; a separate node does not).
  for (const input of inputs) {
    await send("initReserves", configurator.getFunction("initReserves")([input]));
  }

  const flashPremium = (await pool.getFunction("FLASHLOAN_PREMIUM_TOTAL")()) as bigint;
  if (flashPremium !== AAVE_FLASHLOAN_PREMIUM_TOTAL) {
    await send(
      "updateFlashloanPremiumTotal",
      configurator.getFunction("updateFlashloanPremiumTotal")(AAVE_FLASHLOAN_PREMIUM_TOTAL),
    );
    await send(
      "updateFlashloanPremiumToProtocol",
      configurator.getFunction("updateFlashloanPremiumToProtocol")(AAVE_FLASHLOAN_PREMIUM_TO_PROTOCOL),
    );
  }

  // Decided from chain state, not deployment records, so a rerun finishes whatever is missing.
  const dataProvider = await deployed(hre, "AaveProtocolDataProvider");
  await approveAll(hre, AAVE_RESERVES, poolAddress);
  for (const symbol of AAVE_RESERVES) {
    const asset = (await hre.deployments.get(tokenDeploymentName(symbol))).address;
    const aToken = (await reserveOf(asset)).aTokenAddress;
    if (!(await dataProvider.getFunction("getFlashLoanEnabled")(asset))) {
      await send(
        `setReserveFlashLoaning ${symbol}`,
        configurator.getFunction("setReserveFlashLoaning")(asset, true),
      );
    }
    if ((await dataProvider.getFunction("getATokenTotalSupply")(asset)) === 0n) {
      const amount = amountForUsd(symbol, AAVE_SUPPLY_USD, PRICES_MICRO_USD.uni[symbol]);
      await fundDeployer(hre, symbol, amount);
      await send(`supply ${symbol}`, pool.getFunction("supply")(asset, amount, deployer, 0));
    }
    await saveCreated(hre, `AaveAToken_${symbol}`, "AToken", aToken);
  }
};

func.tags = ["devnet", "aave-v3-reserves"];
func.dependencies = ["tokens", "aave-v3"];
export default func;
