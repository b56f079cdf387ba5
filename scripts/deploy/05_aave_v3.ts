import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { ZeroAddress } from "ethers";
import { deployed, deployNpm, saveCreated, send } from "../devnet/chain";
import { tokenDeploymentName } from "../devnet/funding";
import { AAVE_RESERVES, PRICES_MICRO_USD } from "../../bot/devnet/universe";

const MARKET_ID = "omni-arb devnet";
/** Aave's oracle reports USD with 8 decimals, like Chainlink's USD feeds. */
const BASE_CURRENCY_UNIT = 10n ** 8n;

/**
 * Aave V3 core in the only order that works (see docs/devnet.md): provider, ACL, libraries, Pool
 * and PoolConfigurator behind the provider's proxies, then oracle and data provider. Reserves are
 * listed by 06_aave_v3_reserves.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const providerAddress = await deployNpm(hre, "AavePoolAddressesProvider", "PoolAddressesProvider", [
    MARKET_ID,
    deployer,
  ]);
  const provider = await deployed(hre, "AavePoolAddressesProvider");
  const call = (fn: string, ...args: unknown[]) => provider.getFunction(fn)(...args);

  // ACLManager's constructor reverts while the provider's ACL admin is unset.
  if ((await call("getACLAdmin")) === ZeroAddress) await send("setACLAdmin", call("setACLAdmin", deployer));
  const aclAddress = await deployNpm(hre, "AaveACLManager", "ACLManager", [providerAddress]);
  if ((await call("getACLManager")) === ZeroAddress)
    await send("setACLManager", call("setACLManager", aclAddress));
  const acl = await deployed(hre, "AaveACLManager");
  if (!(await acl.getFunction("isPoolAdmin")(deployer))) {
    await send("addPoolAdmin", acl.getFunction("addPoolAdmin")(deployer));
  }
  if (!(await acl.getFunction("isAssetListingAdmin")(deployer))) {
    await send("addAssetListingAdmin", acl.getFunction("addAssetListingAdmin")(deployer));
  }

  const libraries: Record<string, string> = {};
  for (const lib of [
    "SupplyLogic",
    "BorrowLogic",
    "LiquidationLogic",
    "EModeLogic",
    "BridgeLogic",
    "PoolLogic",
  ] as const) {
    libraries[lib] = await deployNpm(hre, `Aave${lib}`, lib);
  }
  // FlashLoanLogic itself calls into BorrowLogic.
  libraries.FlashLoanLogic = await deployNpm(hre, "AaveFlashLoanLogic", "FlashLoanLogic", [], {
    BorrowLogic: libraries.BorrowLogic!,
  });

  const poolImpl = await deployNpm(hre, "AavePoolImpl", "Pool", [providerAddress], libraries);
  if ((await call("getPool")) === ZeroAddress) {
    // Initialising the implementation itself keeps anyone else from doing it.
    const impl = await deployed(hre, "AavePoolImpl");
    await send("Pool impl initialize", impl.getFunction("initialize")(providerAddress));
    await send("setPoolImpl", call("setPoolImpl", poolImpl));
  }
  await saveCreated(hre, "AavePool", "Pool", (await call("getPool")) as string);

  // PoolConfigurator's initialize reads getPool(), so it must come after the Pool.
  const configuratorImpl = await deployNpm(hre, "AavePoolConfiguratorImpl", "PoolConfigurator", [], {
    ConfiguratorLogic: await deployNpm(hre, "AaveConfiguratorLogic", "ConfiguratorLogic"),
  });
  if ((await call("getPoolConfigurator")) === ZeroAddress) {
    const impl = await deployed(hre, "AavePoolConfiguratorImpl");
    await send("PoolConfigurator impl initialize", impl.getFunction("initialize")(providerAddress));
    await send("setPoolConfiguratorImpl", call("setPoolConfiguratorImpl", configuratorImpl));
  }
  await saveCreated(
    hre,
    "AavePoolConfigurator",
    "PoolConfigurator",
    (await call("getPoolConfigurator")) as string,
  );

  // Fixed-answer aggregators (Aave's own MockAggregator) at the uni venue's prices.
  const assets: string[] = [];
  const sources: string[] = [];
  for (const symbol of AAVE_RESERVES) {
    assets.push((await hre.deployments.get(tokenDeploymentName(symbol))).address);
    sources.push(
      await deployNpm(hre, `AaveAggregator_${symbol}`, "MockAggregator", [
        PRICES_MICRO_USD.uni[symbol] * 100n,
      ]),
    );
  }
  const oracle = await deployNpm(hre, "AaveOracle", "AaveOracle", [
    providerAddress,
    assets,
    sources,
    ZeroAddress,
    ZeroAddress,
    BASE_CURRENCY_UNIT,
  ]);
  if ((await call("getPriceOracle")) === ZeroAddress)
    await send("setPriceOracle", call("setPriceOracle", oracle));
  const dataProvider = await deployNpm(hre, "AaveProtocolDataProvider", "AaveProtocolDataProvider", [
    providerAddress,
  ]);
  if ((await call("getPoolDataProvider")) === ZeroAddress) {
    await send("setPoolDataProvider", call("setPoolDataProvider", dataProvider));
  }
};

func.tags = ["devnet", "aave-v3"];
func.dependencies = ["tokens"];
export default func;
