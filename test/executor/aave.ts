/**
 * Aave V3 (protocol 3.0.x, `@aave/core-v3` npm bytecode) for the executor's tests, in the order
 * /work/shared's DEVNET notes found necessary: provider and ACL, linked libraries, Pool and
 * PoolConfigurator behind their proxies, an oracle, reserves, flash loans on with a 5 bps premium,
 * and liquidity supplied through the Pool.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers } from "hardhat";
import type { Contract, InterfaceAbi, Signer } from "ethers";

const AAVE = path.join(__dirname, "..", "..", "node_modules", "@aave", "core-v3", "artifacts", "contracts");

interface HardhatArtifact {
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences: Record<string, Record<string, Array<{ start: number; length: number }>>>;
}

function artifact(file: string): HardhatArtifact {
  return JSON.parse(fs.readFileSync(path.join(AAVE, file), "utf8"));
}

/** Deploys an artifact, splicing library addresses in at its link references. */
async function deploy(file: string, signer: Signer, libraries: Record<string, string>, ...args: unknown[]) {
  const a = artifact(file);
  let code = a.bytecode.slice(2);
  for (const refs of Object.values(a.linkReferences)) {
    for (const [name, spots] of Object.entries(refs)) {
      const lib = libraries[name];
      if (lib === undefined) throw new Error(`library ${name} missing for ${file}`);
      for (const { start, length } of spots) {
        code = code.slice(0, start * 2) + lib.slice(2).toLowerCase() + code.slice((start + length) * 2);
      }
    }
  }
  const contract = await new ethers.ContractFactory(a.abi, `0x${code}`, signer).deploy(...args);
  await contract.waitForDeployment();
  return contract as Contract;
}

function at(file: string, address: string, signer: Signer): Contract {
  return new ethers.Contract(address, artifact(file).abi, signer) as Contract;
}

const LOGIC = "protocol/libraries/logic";
const POOL = "protocol/pool/Pool.sol/Pool.json";
const CONFIGURATOR = "protocol/pool/PoolConfigurator.sol/PoolConfigurator.json";

export interface AaveWorld {
  pool: Contract;
  configurator: Contract;
  addressesProvider: Contract;
}

/** Aave with one reserve per token, each with `supply` (default 20,000 units of 18 decimals) supplied. */
export async function deployAave(
  owner: Signer,
  tokens: Contract[],
  supply = 20_000n * 10n ** 18n,
): Promise<AaveWorld> {
  const me = await owner.getAddress();
  const provider = await deploy(
    "protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json",
    owner,
    {},
    "omni-arb",
    me,
  );
  await provider.setACLAdmin(me);
  const acl = await deploy(
    "protocol/configuration/ACLManager.sol/ACLManager.json",
    owner,
    {},
    await provider.getAddress(),
  );
  await provider.setACLManager(await acl.getAddress());
  await acl.addPoolAdmin(me);
  await acl.addAssetListingAdmin(me);

  const libs: Record<string, string> = {};
  for (const name of [
    "SupplyLogic",
    "BorrowLogic",
    "LiquidationLogic",
    "EModeLogic",
    "BridgeLogic",
    "PoolLogic",
  ]) {
    libs[name] = await (await deploy(`${LOGIC}/${name}.sol/${name}.json`, owner, {})).getAddress();
  }
  libs.FlashLoanLogic = await (
    await deploy(`${LOGIC}/FlashLoanLogic.sol/FlashLoanLogic.json`, owner, libs)
  ).getAddress();
  const poolImpl = await deploy(POOL, owner, libs, await provider.getAddress());
  await poolImpl.initialize(await provider.getAddress());
  await provider.setPoolImpl(await poolImpl.getAddress());
  const pool = at(POOL, await provider.getPool(), owner);

  const configuratorLogic = await deploy(`${LOGIC}/ConfiguratorLogic.sol/ConfiguratorLogic.json`, owner, {});
  const configuratorImpl = await deploy(CONFIGURATOR, owner, {
    ConfiguratorLogic: await configuratorLogic.getAddress(),
  });
  await configuratorImpl.initialize(await provider.getAddress());
  await provider.setPoolConfiguratorImpl(await configuratorImpl.getAddress());
  const configurator = at(CONFIGURATOR, await provider.getPoolConfigurator(), owner);

  const assets = await Promise.all(tokens.map((t) => t.getAddress()));
  const sources: string[] = [];
  for (let i = 0; i < assets.length; i++) {
    const feed = await deploy(
      "mocks/oracle/CLAggregators/MockAggregator.sol/MockAggregator.json",
      owner,
      {},
      10n ** 8n,
    );
    sources.push(await feed.getAddress());
  }
  const oracle = await deploy(
    "misc/AaveOracle.sol/AaveOracle.json",
    owner,
    {},
    await provider.getAddress(),
    assets,
    sources,
    ethers.ZeroAddress,
    ethers.ZeroAddress,
    10n ** 8n,
  );
  await provider.setPriceOracle(await oracle.getAddress());
  const dataProvider = await deploy(
    "misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json",
    owner,
    {},
    await provider.getAddress(),
  );
  await provider.setPoolDataProvider(await dataProvider.getAddress());

  const poolAddress = await pool.getAddress();
  const aToken = await deploy("protocol/tokenization/AToken.sol/AToken.json", owner, {}, poolAddress);
  const stableDebt = await deploy(
    "protocol/tokenization/StableDebtToken.sol/StableDebtToken.json",
    owner,
    {},
    poolAddress,
  );
  const variableDebt = await deploy(
    "protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json",
    owner,
    {},
    poolAddress,
  );
  const ray = 10n ** 27n;
  const strategy = await deploy(
    "protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json",
    owner,
    {},
    await provider.getAddress(),
    (ray * 8n) / 10n,
    0n,
    ray / 25n,
    (ray * 3n) / 4n,
    0n,
    0n,
    0n,
    0n,
    0n,
  );
  await configurator.initReserves(
    await Promise.all(
      tokens.map(async (t, i) => ({
        aTokenImpl: await aToken.getAddress(),
        stableDebtTokenImpl: await stableDebt.getAddress(),
        variableDebtTokenImpl: await variableDebt.getAddress(),
        underlyingAssetDecimals: await t.decimals(),
        interestRateStrategyAddress: await strategy.getAddress(),
        underlyingAsset: assets[i],
        treasury: me,
        incentivesController: ethers.ZeroAddress,
        aTokenName: `a${i}`,
        aTokenSymbol: `a${i}`,
        variableDebtTokenName: `v${i}`,
        variableDebtTokenSymbol: `v${i}`,
        stableDebtTokenName: `s${i}`,
        stableDebtTokenSymbol: `s${i}`,
        params: "0x",
      })),
    ),
  );
  for (const [i, t] of tokens.entries()) {
    await configurator.setReserveFlashLoaning(assets[i], true);
    await t.approve(poolAddress, supply);
    await pool.supply(assets[i], supply, me, 0);
  }
  await configurator.updateFlashloanPremiumTotal(5);
  await configurator.updateFlashloanPremiumToProtocol(0);
  return { pool, configurator, addressesProvider: provider };
}
