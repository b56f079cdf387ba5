/**
 * The executor's test world, from the protocols' released npm bytecode (never mocked): WETH9, two
 * Uniswap V2 factories ("uni" and "sushi", different prices), a Uniswap V3 factory with a WETH/TKA
 * pool, the Balancer V2 Vault, the Aave V3 Pool (see aave.ts), and PancakeSwap V3 (its npm factory
 * and pool, with the devnet's stand-in pool deployer) with a WETH/TKA pool. Every pair and pool is
 * traded once before the fixture returns, as in production, so that gas figures are not first-trade
 * figures. Used by the tests through loadFixture and by scripts/bench/gas.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers } from "hardhat";
import type { Contract, InterfaceAbi, Signer } from "ethers";
import { deployAave, type AaveWorld } from "./aave";
import { deployPancakeV3Core } from "../../scripts/devnet/pancakeV3";
import { loadArtifact } from "../../scripts/devnet/artifacts";

const MODULES = path.join(__dirname, "..", "..", "node_modules");

/** Creation code and ABI of a published artifact, Waffle (`evm.bytecode.object`) or Hardhat format. */
export function npmArtifact(file: string): { abi: InterfaceAbi; bytecode: string } {
  const json = JSON.parse(fs.readFileSync(path.join(MODULES, file), "utf8"));
  const raw: string = typeof json.bytecode === "string" ? json.bytecode : json.evm.bytecode.object;
  return { abi: json.abi, bytecode: raw.startsWith("0x") ? raw : `0x${raw}` };
}

export async function deployNpm(file: string, signer: Signer, ...args: unknown[]): Promise<Contract> {
  const { abi, bytecode } = npmArtifact(file);
  const contract = await new ethers.ContractFactory(abi, bytecode, signer).deploy(...args);
  await contract.waitForDeployment();
  return contract as Contract;
}

export const V2_FACTORY = "@uniswap/v2-core/build/UniswapV2Factory.json";
export const V2_PAIR = "@uniswap/v2-core/build/UniswapV2Pair.json";
const WETH9 = "@uniswap/v2-periphery/build/WETH9.json";
const V3_FACTORY = "@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json";
export const V3_POOL = "@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json";
const NPM =
  "@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json";
const QUOTER = "@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json";
const AUTHORIZER = "@balancer-labs/v2-deployments/dist/tasks/20210418-authorizer/artifact/Authorizer.json";
const VAULT = "@balancer-labs/v2-deployments/dist/tasks/20210418-vault/artifact/Vault.json";

const E18 = 10n ** 18n;

/** The full-range ticks of a PancakeSwap V3 pool with fee 2,500 (tick spacing 50). */
export const PANCAKE_FULL_RANGE = 887250;
const MIN_SQRT_RATIO = 4295128739n;
const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/** Uniswap V2's getAmountOut with the fee in bps. */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30n): bigint {
  const inWithFee = amountIn * (10_000n - feeBps);
  return (inWithFee * reserveOut) / (reserveIn * 10_000n + inWithFee);
}

/** A V2 pair seen from one token: the side to swap and the live reserves. */
export async function v2Side(
  pair: Contract,
  tokenIn: string,
): Promise<{ zeroForOne: boolean; rIn: bigint; rOut: bigint }> {
  const [r0, r1] = await pair.getReserves();
  const zeroForOne = (await pair.token0()).toLowerCase() === tokenIn.toLowerCase();
  return zeroForOne ? { zeroForOne, rIn: r0, rOut: r1 } : { zeroForOne, rIn: r1, rOut: r0 };
}

function sqrtBig(value: bigint): bigint {
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

async function addressOf(c: Contract): Promise<string> {
  return await c.getAddress();
}

/** An account that signs: a Hardhat signer, or a Wallet with a fixed key (see scripts/bench/gas.ts). */
export type Account = Signer & { address: string };

/** The test world with the first two Hardhat accounts as owner (and deployer) and operator. */
export async function executorFixture() {
  const [owner, operator] = await ethers.getSigners();
  return await executorWorld(owner, operator);
}

/**
 * The test world deployed by `owner`. Contract addresses depend only on the owner's address and
 * nonce, so a fresh fixed-key owner gives the same addresses, hence the same gas, in any chain.
 */
export async function executorWorld(owner: Account, operator: Account) {
  const signers = await ethers.getSigners();
  const [, , outsider, builder] = signers;

  const weth = await deployNpm(WETH9, owner);
  const tokenFactory = await ethers.getContractFactory("TestERC20", owner);
  const tka = (await tokenFactory.deploy("Token A", "TKA", 18)) as unknown as Contract;
  const tkb = (await tokenFactory.deploy("Token B", "TKB", 18)) as unknown as Contract;
  await weth.deposit({ value: 50_000n * E18 });
  await tka.mint(owner.address, 10n ** 12n * E18);
  await tkb.mint(owner.address, 10n ** 12n * E18);
  const erc20 = { weth, tka, tkb } as const;

  // ---- Uniswap V2: two venues; WETH is 2 % dearer (in TKA) on sushi than on uni.
  const uniFactory = await deployNpm(V2_FACTORY, owner, owner.address);
  const sushiFactory = await deployNpm(V2_FACTORY, owner, owner.address);
  const pairAbi = npmArtifact(V2_PAIR).abi;
  async function makePair(factory: Contract, a: Contract, amountA: bigint, b: Contract, amountB: bigint) {
    await factory.createPair(await addressOf(a), await addressOf(b));
    const pair = new ethers.Contract(
      await factory.getPair(await addressOf(a), await addressOf(b)),
      pairAbi,
      owner,
    );
    await a.transfer(await pair.getAddress(), amountA);
    await b.transfer(await pair.getAddress(), amountB);
    await pair.mint(owner.address);
    return pair as Contract;
  }
  const uniWethTka = await makePair(uniFactory, weth, 1_000n * E18, tka, 3_000_000n * E18);
  const sushiWethTka = await makePair(sushiFactory, weth, 1_000n * E18, tka, 3_060_000n * E18);
  const uniTkaTkb = await makePair(uniFactory, tka, 3_000_000n * E18, tkb, 3_000_000n * E18);
  const sushiTkbWeth = await makePair(sushiFactory, tkb, 3_000_000n * E18, weth, 1_000n * E18);

  // ---- Uniswap V3: WETH/TKA 0.3 % at 3,060 TKA per WETH, full range.
  const v3Factory = await deployNpm(V3_FACTORY, owner);
  const positions = await deployNpm(
    NPM,
    owner,
    await v3Factory.getAddress(),
    await weth.getAddress(),
    ethers.ZeroAddress,
  );
  const quoter = await deployNpm(QUOTER, owner, await v3Factory.getAddress(), await weth.getAddress());
  const [t0, t1] =
    BigInt(await weth.getAddress()) < BigInt(await tka.getAddress()) ? [weth, tka] : [tka, weth];
  const wethIs0 = t0 === weth;
  const amount0 = wethIs0 ? 1_000n * E18 : 3_060_000n * E18;
  const amount1 = wethIs0 ? 3_060_000n * E18 : 1_000n * E18;
  const sqrtPriceX96 = sqrtBig((amount1 << 192n) / amount0);
  await positions.createAndInitializePoolIfNecessary(
    await t0.getAddress(),
    await t1.getAddress(),
    3000,
    sqrtPriceX96,
  );
  for (const t of [weth, tka, tkb]) await t.approve(await positions.getAddress(), ethers.MaxUint256);
  const deadline = 2n ** 40n;
  await positions.mint({
    token0: await t0.getAddress(),
    token1: await t1.getAddress(),
    fee: 3000,
    tickLower: -887220,
    tickUpper: 887220,
    amount0Desired: amount0,
    amount1Desired: amount1,
    amount0Min: 0,
    amount1Min: 0,
    recipient: owner.address,
    deadline,
  });
  const v3WethTka = new ethers.Contract(
    await v3Factory.getPool(await weth.getAddress(), await tka.getAddress(), 3000),
    npmArtifact(V3_POOL).abi,
    owner,
  ) as Contract;

  // ---- Balancer V2 Vault: lends what it holds; the owner deposits by plain transfer.
  const authorizer = await deployNpm(AUTHORIZER, owner, owner.address);
  const vault = await deployNpm(VAULT, owner, await authorizer.getAddress(), await weth.getAddress(), 0, 0);
  await weth.transfer(await vault.getAddress(), 5_000n * E18);
  await tka.transfer(await vault.getAddress(), 1_000_000n * E18);

  // ---- Aave V3 Pool with WETH and TKA reserves, flash loans on, premium 5 bps.
  const aave: AaveWorld = await deployAave(owner, [weth, tka]);

  // ---- The executor, with inventory.
  const executor = await (
    await ethers.getContractFactory("ArbExecutor", owner)
  ).deploy(owner.address, await weth.getAddress(), await aave.pool.getAddress(), await vault.getAddress(), [
    operator.address,
  ]);
  await weth.transfer(await executor.getAddress(), 100n * E18);
  await tka.transfer(await executor.getAddress(), 100_000n * E18);

  // ---- Trade every pair and pool once (storage no longer fresh), both ways round for V2.
  for (const pair of [uniWethTka, sushiWethTka, uniTkaTkb, sushiTkbWeth]) {
    const token0 = await ethers.getContractAt("TestERC20", await pair.token0(), owner);
    const [r0, r1] = await pair.getReserves();
    const amount = r0 / 10_000n;
    await token0.transfer(await pair.getAddress(), amount);
    await pair.swap(0, v2AmountOut(amount, r0, r1), owner.address, "0x");
  }
  const router = await deployNpm(
    "@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json",
    owner,
    await v3Factory.getAddress(),
    await weth.getAddress(),
  );
  await weth.approve(await router.getAddress(), ethers.MaxUint256);
  await router.exactInputSingle({
    tokenIn: await weth.getAddress(),
    tokenOut: await tka.getAddress(),
    fee: 3000,
    recipient: owner.address,
    deadline,
    amountIn: E18 / 10n,
    amountOutMinimum: 0,
    sqrtPriceLimitX96: 0,
  });

  // ---- PancakeSwap V3: WETH/TKA 0.25 % at 3,060 TKA per WETH, full range, minted and traded once
  // through PoolSwapper (the pool calls back pancakeV3MintCallback and pancakeV3SwapCallback).
  // Deployed last, so that every address above, hence every other case's gas, is unchanged.
  const pancake = await deployPancakeV3Core(owner);
  await (
    await pancake.factory.getFunction("createPool")(await weth.getAddress(), await tka.getAddress(), 2500)
  ).wait();
  const pancakeWethTka = new ethers.Contract(
    await pancake.factory.getFunction("getPool")(await weth.getAddress(), await tka.getAddress(), 2500),
    [...loadArtifact("PancakeV3Pool").abi] as InterfaceAbi,
    owner,
  ) as Contract;
  await pancakeWethTka.initialize(sqrtPriceX96);
  const swapper = (await (
    await ethers.getContractFactory("PoolSwapper", owner)
  ).deploy()) as unknown as Contract;
  await weth.transfer(await swapper.getAddress(), 1_100n * E18);
  await tka.transfer(await swapper.getAddress(), 3_400_000n * E18);
  await swapper.mintV3Batch(
    await pancakeWethTka.getAddress(),
    [-PANCAKE_FULL_RANGE],
    [PANCAKE_FULL_RANGE],
    [sqrtBig(amount0 * amount1)],
  );
  await swapper.swapV3Batch(await pancakeWethTka.getAddress(), [
    {
      zeroForOne: wethIs0,
      amountSpecified: E18 / 10n,
      sqrtPriceLimitX96: wethIs0 ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n,
    },
  ]);

  return {
    owner,
    operator,
    outsider,
    builder,
    signers,
    ...erc20,
    uniFactory,
    sushiFactory,
    uniWethTka,
    sushiWethTka,
    uniTkaTkb,
    sushiTkbWeth,
    v3Factory,
    v3WethTka,
    quoter,
    pancakeFactory: pancake.factory,
    pancakeWethTka,
    vault,
    aave,
    executor,
  };
}

export type ExecutorWorld = Awaited<ReturnType<typeof executorFixture>>;
