import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { AbiCoder, ZeroAddress } from "ethers";
import { deployed, DevnetDeployError, liveDeployment, saveCreated, send } from "../devnet/chain";
import { approveAll, fundDeployer, tokenDeploymentName } from "../devnet/funding";
import {
  amountForUsd,
  BALANCER_POOL_USD,
  BALANCER_POOLS,
  BALANCER_SWAP_FEE,
  PRICES_MICRO_USD,
  type TokenSymbol,
} from "../../bot/devnet/universe";

const ONE = 10n ** 18n;
/** WeightedPool's JoinKind.INIT: the first join, which sets the pool's balances freely. */
const JOIN_KIND_INIT = 0n;

/**
 * Weighted pools at the balancer venue's prices, saved as `BalancerWeightedPool_<name>`. Their
 * balances sit in the Vault, which is what Balancer flash loans lend out.
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const factory = await deployed(hre, "BalancerWeightedPoolFactory");
  const vault = await deployed(hre, "BalancerVault");
  const vaultAddress = await vault.getAddress();
  const prices = PRICES_MICRO_USD.balancer;
  for (const spec of BALANCER_POOLS) {
    const name = `BalancerWeightedPool_${spec.name}`;
    if ((await liveDeployment(hre, name)) !== undefined) continue;
    // Balancer requires tokens sorted by address, weights and amounts in the same order.
    const entries: Array<{ symbol: TokenSymbol; address: string; weight: bigint }> = [];
    for (const [i, symbol] of spec.tokens.entries()) {
      entries.push({
        symbol,
        address: (await hre.deployments.get(tokenDeploymentName(symbol))).address,
        weight: spec.weights[i]!,
      });
    }
    entries.sort((x, y) => (BigInt(x.address) < BigInt(y.address) ? -1 : 1));
    const amounts = entries.map((e) =>
      amountForUsd(e.symbol, (BALANCER_POOL_USD * e.weight) / ONE, prices[e.symbol]),
    );

    const create = factory.getFunction("create");
    const args = [
      `Balancer devnet ${spec.name}`,
      `B-${spec.name}`,
      entries.map((e) => e.address),
      entries.map((e) => e.weight),
      entries.map(() => ZeroAddress),
      BALANCER_SWAP_FEE,
      deployer,
    ];
    // Pools are created with CREATE from the factory, so the address is known before sending.
    const pool = (await create.staticCall(...args)) as string;
    await send(`${name}: create`, create(...args));
    if ((await hre.ethers.provider.getCode(pool)) === "0x") {
      throw new DevnetDeployError("DEVNET_STEP", `${name} was not created at its predicted address`, {
        details: { pool },
      });
    }
    await saveCreated(hre, name, "WeightedPool", pool);

    for (const [i, e] of entries.entries()) await fundDeployer(hre, e.symbol, amounts[i]!);
    await approveAll(
      hre,
      entries.map((e) => e.symbol),
      vaultAddress,
    );
    const poolId = (await (await deployed(hre, name)).getFunction("getPoolId")()) as string;
    const userData = AbiCoder.defaultAbiCoder().encode(["uint256", "uint256[]"], [JOIN_KIND_INIT, amounts]);
    await send(
      `${name}: init join`,
      vault.getFunction("joinPool")(poolId, deployer, deployer, {
        assets: entries.map((e) => e.address),
        maxAmountsIn: amounts,
        userData,
        fromInternalBalance: false,
      }),
    );
  }
};

func.tags = ["devnet", "balancer-v2-pools"];
func.dependencies = ["tokens", "balancer-v2"];
export default func;
