import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployed, liveDeployment, saveCreated, send } from "../devnet/chain";
import { approveAll, fundDeployer, tokenDeploymentName } from "../devnet/funding";
import { amountForUsd, PRICES_MICRO_USD, V2_DEPTH_USD, V2_PAIRS } from "../../bot/devnet/universe";

const NO_DEADLINE = 2n ** 64n;

/**
 * Every V2 pair on both venues, seeded through Router02 at each venue's prices; saved as
 * `UniV2Pair_<A>_<B>` / `SushiV2Pair_<A>_<B>` (names in V2_PAIRS order, not sorted order).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  for (const venue of ["uni", "sushi"] as const) {
    const prefix = venue === "uni" ? "Uni" : "Sushi";
    const router = await deployed(hre, `${prefix}V2Router02`);
    const factory = await deployed(hre, `${prefix}V2Factory`);
    const routerAddress = await router.getAddress();
    for (const [a, b] of V2_PAIRS) {
      const name = `${prefix}V2Pair_${a}_${b}`;
      if ((await liveDeployment(hre, name)) !== undefined) continue;
      const amountA = amountForUsd(a, V2_DEPTH_USD[venue], PRICES_MICRO_USD[venue][a]);
      const amountB = amountForUsd(b, V2_DEPTH_USD[venue], PRICES_MICRO_USD[venue][b]);
      await fundDeployer(hre, a, amountA);
      await fundDeployer(hre, b, amountB);
      await approveAll(hre, [a, b], routerAddress);
      const tokenA = (await hre.deployments.get(tokenDeploymentName(a))).address;
      const tokenB = (await hre.deployments.get(tokenDeploymentName(b))).address;
      await send(
        `${name}: addLiquidity`,
        router.getFunction("addLiquidity")(
          tokenA,
          tokenB,
          amountA,
          amountB,
          amountA,
          amountB,
          deployer,
          NO_DEADLINE,
        ),
      );
      const pair = (await factory.getFunction("getPair")(tokenA, tokenB)) as string;
      await saveCreated(hre, name, "UniswapV2Pair", pair);
    }
  }
};

func.tags = ["devnet", "uniswap-v2-liquidity"];
func.dependencies = ["tokens", "uniswap-v2"];
export default func;
