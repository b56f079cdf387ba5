import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployed, liveDeployment, saveCreated, send } from "../devnet/chain";
import { approveAll, fundDeployer, tokenDeploymentName } from "../devnet/funding";
import {
  amountForUsd,
  DECIMALS,
  PRICES_MICRO_USD,
  V3_FULL_RANGE_USD,
  V3_POOLS,
  V3_POSITION_USD,
  V3_RANGES_IN_SPACINGS,
} from "../../bot/devnet/universe";
import { alignTick, approxTick, fullRange, sqrtPriceX96For, TICK_SPACING } from "../devnet/v3Math";

const NO_DEADLINE = 2n ** 64n;

/**
 * Every V3 pool, initialised at the V3 venue's prices and given many positions (so swaps cross
 * initialised ticks); saved as `UniV3Pool_<A>_<B>_<fee>` (names in V3_POOLS order).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const manager = await deployed(hre, "NonfungiblePositionManager");
  const factory = await deployed(hre, "UniV3Factory");
  const managerAddress = await manager.getAddress();
  const prices = PRICES_MICRO_USD.uniV3;
  for (const { a, b, fee } of V3_POOLS) {
    const name = `UniV3Pool_${a}_${b}_${fee}`;
    if ((await liveDeployment(hre, name)) !== undefined) continue;
    const addressA = (await hre.deployments.get(tokenDeploymentName(a))).address;
    const addressB = (await hre.deployments.get(tokenDeploymentName(b))).address;
    const aIsToken0 = BigInt(addressA) < BigInt(addressB);
    const [sym0, sym1] = aIsToken0 ? [a, b] : [b, a];
    const [token0, token1] = aIsToken0 ? [addressA, addressB] : [addressB, addressA];
    const sqrtPriceX96 = sqrtPriceX96For(prices[sym0], DECIMALS[sym0], prices[sym1], DECIMALS[sym1]);
    await send(
      `${name}: createAndInitializePoolIfNecessary`,
      manager.getFunction("createAndInitializePoolIfNecessary")(token0, token1, fee, sqrtPriceX96),
    );

    const spacing = TICK_SPACING[fee]!;
    const centre = alignTick(approxTick(sqrtPriceX96), spacing);
    const ranges: Array<{ lower: number; upper: number; usd: bigint }> = V3_RANGES_IN_SPACINGS.map(
      ([lo, hi]) => ({
        lower: centre + lo * spacing,
        upper: centre + hi * spacing,
        usd: V3_POSITION_USD,
      }),
    );
    const [minTick, maxTick] = fullRange(spacing);
    ranges.push({ lower: minTick, upper: maxTick, usd: V3_FULL_RANGE_USD });

    const usdTotal = ranges.reduce((sum, r) => sum + r.usd, 0n);
    await fundDeployer(hre, sym0, amountForUsd(sym0, usdTotal, prices[sym0]));
    await fundDeployer(hre, sym1, amountForUsd(sym1, usdTotal, prices[sym1]));
    await approveAll(hre, [sym0, sym1], managerAddress);
    for (const range of ranges) {
      await send(
        `${name}: mint [${range.lower}, ${range.upper}]`,
        manager.getFunction("mint")({
          token0,
          token1,
          fee,
          tickLower: range.lower,
          tickUpper: range.upper,
          amount0Desired: amountForUsd(sym0, range.usd, prices[sym0]),
          amount1Desired: amountForUsd(sym1, range.usd, prices[sym1]),
          amount0Min: 0n,
          amount1Min: 0n,
          recipient: deployer,
          deadline: NO_DEADLINE,
        }),
      );
    }
    const pool = (await factory.getFunction("getPool")(token0, token1, fee)) as string;
    await saveCreated(hre, name, "UniswapV3Pool", pool);
  }
};

func.tags = ["devnet", "uniswap-v3-liquidity"];
func.dependencies = ["tokens", "uniswap-v3"];
export default func;
