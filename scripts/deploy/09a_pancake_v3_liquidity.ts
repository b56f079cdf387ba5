import type { DeployFunction } from "hardhat-deploy/types";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getSqrtRatioAtTick } from "../../bot/venues/uniswap-v3/math/tickMath";
import { loadArtifact } from "../devnet/artifacts";
import { deployed, liveDeployment, saveCreated, send } from "../devnet/chain";
import { approveAll, fundDeployer, tokenDeploymentName } from "../devnet/funding";
import {
  amountForUsd,
  DECIMALS,
  PANCAKE_V3_POOLS,
  PRICES_MICRO_USD,
  V3_FULL_RANGE_USD,
  V3_POSITION_USD,
  V3_RANGES_IN_SPACINGS,
} from "../../bot/devnet/universe";
import { alignTick, fullRange, liquidityForAmounts, sqrtPriceX96For } from "../devnet/v3Math";

/**
 * Every PancakeSwap V3 pool, created through the npm factory, initialised at the pancakeV3 prices
 * and given the Uniswap V3 pools' positions (V3_RANGES_IN_SPACINGS around the price, plus a full
 * range), so that swaps cross many initialised ticks and never run dry. The package ships no
 * position manager: positions are minted through, and held by, `PancakeV3PositionHolder`
 * (contracts/devnet/), paid by the deployer. Saved as `PancakeV3Pool_<A>_<B>_<fee>`.
 *
 * Pools keep the protocol fee PancakeSwap's `initialize` sets, as on PancakeSwap's own chains:
 * a share of the swap fee on both tokens, 33 % in the 100 tier, 34 % in the 500 tier and 32 % in
 * the others (seen in slot0.feeProtocol). It comes out of the liquidity providers' fees, never
 * out of swap amounts (test/amm/pancakeV3.exactness.test.ts).
 */
const func: DeployFunction = async (hre: HardhatRuntimeEnvironment) => {
  const { deployer } = await hre.getNamedAccounts();
  const holderAddress =
    (await liveDeployment(hre, "PancakeV3PositionHolder")) ??
    (
      await hre.deployments.deploy("PancakeV3PositionHolder", {
        from: deployer,
        contract: "PancakeV3PositionHolder",
        skipIfAlreadyDeployed: true,
        log: false,
      })
    ).address;
  const holder = await deployed(hre, "PancakeV3PositionHolder");
  const factory = await deployed(hre, "PancakeV3Factory");
  const prices = PRICES_MICRO_USD.pancakeV3;
  for (const { a, b, fee } of PANCAKE_V3_POOLS) {
    const name = `PancakeV3Pool_${a}_${b}_${fee}`;
    if ((await liveDeployment(hre, name)) !== undefined) continue;
    const addressA = (await hre.deployments.get(tokenDeploymentName(a))).address;
    const addressB = (await hre.deployments.get(tokenDeploymentName(b))).address;
    const aIsToken0 = BigInt(addressA) < BigInt(addressB);
    const [sym0, sym1] = aIsToken0 ? [a, b] : [b, a];
    const [token0, token1] = aIsToken0 ? [addressA, addressB] : [addressB, addressA];

    // Create and initialise only what is missing, so that a run stopped part-way can run again
    // instead of reverting (positions it had minted are minted again, as in the V3 script).
    if (BigInt(await factory.getFunction("getPool")(token0, token1, fee)) === 0n) {
      await send(`${name}: createPool`, factory.getFunction("createPool")(token0, token1, fee));
    }
    const poolAddress = (await factory.getFunction("getPool")(token0, token1, fee)) as string;
    const pool = new hre.ethers.Contract(
      poolAddress,
      [...loadArtifact("PancakeV3Pool").abi],
      await hre.ethers.getSigner(deployer),
    );
    if (((await pool.getFunction("slot0")()) as { sqrtPriceX96: bigint }).sqrtPriceX96 === 0n) {
      const sqrtPriceX96 = sqrtPriceX96For(prices[sym0], DECIMALS[sym0], prices[sym1], DECIMALS[sym1]);
      await send(`${name}: initialize`, pool.getFunction("initialize")(sqrtPriceX96));
    }

    const spacing = Number(await factory.getFunction("feeAmountTickSpacing")(fee));
    const { sqrtPriceX96, tick } = (await pool.getFunction("slot0")()) as {
      sqrtPriceX96: bigint;
      tick: bigint;
    };
    const centre = alignTick(Number(tick), spacing);
    const ranges: Array<{ lower: number; upper: number; usd: bigint }> = V3_RANGES_IN_SPACINGS.map(
      ([lo, hi]) => ({ lower: centre + lo * spacing, upper: centre + hi * spacing, usd: V3_POSITION_USD }),
    );
    const [minTick, maxTick] = fullRange(spacing);
    ranges.push({ lower: minTick, upper: maxTick, usd: V3_FULL_RANGE_USD });

    // Fund what the positions are offered, as the Uniswap V3 script does; each takes what fits.
    const usdTotal = ranges.reduce((sum, r) => sum + r.usd, 0n);
    await fundDeployer(hre, sym0, amountForUsd(sym0, usdTotal, prices[sym0]));
    await fundDeployer(hre, sym1, amountForUsd(sym1, usdTotal, prices[sym1]));
    await approveAll(hre, [sym0, sym1], holderAddress);
    for (const range of ranges) {
      const liquidity = liquidityForAmounts(
        sqrtPriceX96,
        getSqrtRatioAtTick(range.lower),
        getSqrtRatioAtTick(range.upper),
        amountForUsd(sym0, range.usd, prices[sym0]),
        amountForUsd(sym1, range.usd, prices[sym1]),
      );
      await send(
        `${name}: mint [${range.lower}, ${range.upper}]`,
        holder.getFunction("mint")(poolAddress, range.lower, range.upper, liquidity),
      );
    }
    // Recorded last: a pool only counts as deployed once all its positions are in.
    await saveCreated(hre, name, "PancakeV3Pool", poolAddress);
  }
};

func.tags = ["devnet", "pancake-v3-liquidity"];
func.dependencies = ["tokens", "pancake-v3"];
export default func;
