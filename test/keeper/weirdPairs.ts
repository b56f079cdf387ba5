import type { HardhatRuntimeEnvironment } from "hardhat/types";

const NO_DEADLINE = 2n ** 64n;

/**
 * A badly behaved token (any contract of contracts/test/weird with `mint`) paired with WETH on both
 * devnet V2 venues at prices 50 % apart (Uni 100 : 100 WETH, Sushi 100 : 150 WETH), so that the
 * keeper's models see an arbitrage through it. The pairs are saved like the devnet's own
 * (`<Venue>V2Pair_<symbol>_WETH`), so the keeper harness watches them. Returns the token and the
 * pairs, lower-case.
 */
export async function weirdTokenPairs(
  h: HardhatRuntimeEnvironment,
  contractName: string,
  symbol: string,
): Promise<{ token: string; pairs: string[]; weth: string }> {
  const [deployer] = await h.ethers.getSigners();
  const me = await deployer.getAddress();
  const token = await (await h.ethers.getContractFactory(contractName, deployer)).deploy();
  await token.waitForDeployment();
  const tokenAddress = (await token.getAddress()).toLowerCase();
  const weth = await h.ethers.getContractAt(
    ["function deposit() payable", "function approve(address,uint256) returns (bool)"],
    (await h.deployments.get("WETH9")).address,
    deployer,
  );
  await (await weth.deposit({ value: 10n ** 21n })).wait();
  await (await token.getFunction("mint")(me, 10n ** 24n)).wait();
  const pairs: string[] = [];
  for (const [prefix, wethAmount] of [
    ["Uni", 100n * 10n ** 18n],
    ["Sushi", 150n * 10n ** 18n],
  ] as const) {
    const router = await h.ethers.getContractAt(
      (await h.deployments.get(`${prefix}V2Router02`)).abi,
      (await h.deployments.get(`${prefix}V2Router02`)).address,
      deployer,
    );
    const factory = await h.ethers.getContractAt(
      (await h.deployments.get(`${prefix}V2Factory`)).abi,
      (await h.deployments.get(`${prefix}V2Factory`)).address,
    );
    await (await token.getFunction("approve")(router.target, 2n ** 255n)).wait();
    await (await weth.approve(router.target, 2n ** 255n)).wait();
    await (
      await router.getFunction("addLiquidity")(
        tokenAddress,
        weth.target,
        100n * 10n ** 18n,
        wethAmount,
        0n,
        0n,
        me,
        NO_DEADLINE,
      )
    ).wait();
    const pair = ((await factory.getFunction("getPair")(tokenAddress, weth.target)) as string).toLowerCase();
    pairs.push(pair);
    await h.deployments.save(`${prefix}V2Pair_${symbol}_WETH`, {
      address: pair,
      abi: (await h.deployments.get(`${prefix}V2Pair_WETH_USDC`)).abi,
    });
  }
  return { token: tokenAddress, pairs, weth: (weth.target as string).toLowerCase() };
}
