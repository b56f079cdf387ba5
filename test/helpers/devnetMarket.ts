import type { V2Descriptor } from "../../bot/venues/uniswap-v2/venue";
import type { V3Descriptor } from "../../bot/venues/uniswap-v3/venue";
import type { Contract, Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { PoolDescriptor } from "../../bot/venues/common/venue";

/**
 * Random trading on the devnet for state tests: swaps on every V2 venue and Uniswap V3 pool, and V3
 * positions minted and burnt across ticks, several per block. Deterministic from a seed.
 */

const V2_FEE_BPS = 30;

export interface MarketActors {
  readonly hre: HardhatRuntimeEnvironment;
  readonly trader: Signer;
  readonly traderAddress: string;
  readonly v2: { pair: string; token0: string; token1: string; router: Contract }[];
  readonly v3: {
    pool: Contract;
    address: string;
    token0: string;
    token1: string;
    fee: number;
    spacing: number;
  }[];
  readonly swapRouter: Contract;
  readonly positions: Contract;
  readonly tokens: Map<string, Contract>;
  /** Position NFTs the trader holds, with their liquidity. */
  readonly owned: { tokenId: bigint; liquidity: bigint }[];
}

const ERC20_ABI = [
  "function approve(address,uint256) returns (bool)",
  "function balanceOf(address) view returns (uint256)",
  "function mint(address,uint256)",
  "function deposit() payable",
];
const MAX = 2n ** 256n - 1n;

/** The devnet's pools as keeper descriptors, and a funded trader able to move them. */
export async function devnetPools(
  hre: HardhatRuntimeEnvironment,
): Promise<{ pools: PoolDescriptor[]; actors: MarketActors }> {
  const { ethers, deployments } = hre;
  const all = await deployments.all();
  const signers = await ethers.getSigners();
  const trader = signers[9];
  const traderAddress = await trader.getAddress();
  const pools: (V2Descriptor | V3Descriptor)[] = [];
  const v2: MarketActors["v2"] = [];
  const v3: MarketActors["v3"] = [];
  const tokens = new Map<string, Contract>();
  const routers = {
    Uni: await ethers.getContractAt(all.UniV2Router02.abi, all.UniV2Router02.address, trader),
    Sushi: await ethers.getContractAt(all.SushiV2Router02.abi, all.SushiV2Router02.address, trader),
  };
  const token = async (address: string) => {
    const key = address.toLowerCase();
    if (!tokens.has(key)) tokens.set(key, await ethers.getContractAt(ERC20_ABI, address, trader));
    return tokens.get(key)!;
  };
  for (const name of Object.keys(all).sort()) {
    const m = /^(Uni|Sushi)V2Pair_/.exec(name);
    if (m) {
      const pair = await ethers.getContractAt(all[name].abi, all[name].address);
      const [t0, t1] = [(await pair.token0()) as string, (await pair.token1()) as string];
      const address = all[name].address.toLowerCase();
      pools.push({
        kind: "uniswap-v2",
        address,
        token0: t0.toLowerCase(),
        token1: t1.toLowerCase(),
        feeBps: V2_FEE_BPS,
        venue: m[1].toLowerCase(),
      });
      v2.push({ pair: address, token0: t0, token1: t1, router: routers[m[1] as "Uni" | "Sushi"] });
      await token(t0);
      await token(t1);
    } else if (/^UniV3Pool_/.test(name)) {
      const pool = await ethers.getContractAt(all[name].abi, all[name].address, trader);
      const [t0, t1] = [(await pool.token0()) as string, (await pool.token1()) as string];
      const fee = Number(await pool.fee());
      const spacing = Number(await pool.tickSpacing());
      const address = all[name].address.toLowerCase();
      pools.push({
        kind: "uniswap-v3",
        address,
        token0: t0.toLowerCase(),
        token1: t1.toLowerCase(),
        fee,
        tickSpacing: spacing,
        venue: "uniV3",
      });
      v3.push({ pool, address, token0: t0, token1: t1, fee, spacing });
      await token(t0);
      await token(t1);
    } else if (/^PancakeV3Pool_/.test(name)) {
      // Watched like every devnet pool; the random market trades through Uniswap's routers only
      // (test/state/pancakeV3State.test.ts moves these pools itself).
      const pool = await ethers.getContractAt(all[name].abi, all[name].address);
      const [t0, t1] = [(await pool.token0()) as string, (await pool.token1()) as string];
      pools.push({
        kind: "pancakeswap-v3",
        address: all[name].address.toLowerCase(),
        token0: t0.toLowerCase(),
        token1: t1.toLowerCase(),
        fee: Number(await pool.fee()),
        tickSpacing: Number(await pool.tickSpacing()),
        venue: "pancakeV3",
      });
    }
  }
  const swapRouter = await ethers.getContractAt(all.SwapRouter.abi, all.SwapRouter.address, trader);
  const positions = await ethers.getContractAt(
    all.NonfungiblePositionManager.abi,
    all.NonfungiblePositionManager.address,
    trader,
  );
  const spenders = [routers.Uni, routers.Sushi, swapRouter, positions].map((c) => c.target as string);
  for (const [address, t] of tokens) {
    if (address === all.WETH9.address.toLowerCase()) await t.deposit({ value: 10n ** 23n });
    else await t.mint(traderAddress, 10n ** 30n);
    for (const s of spenders) await t.approve(s, MAX);
  }
  return { pools, actors: { hre, trader, traderAddress, v2, v3, swapRouter, positions, tokens, owned: [] } };
}

/** A small multiplicative PRNG step; returns [value in [0,1), next seed]. */
function rand(seed: number): [number, number] {
  const next = (Math.imul(seed, 48271) >>> 0) % 2147483647 || 1;
  return [next / 2147483647, next];
}

/**
 * One block of random activity: 1 to 4 operations sent with automine off, then mined together.
 * Returns the next seed.
 */
export async function randomMarketStep(a: MarketActors, seed: number): Promise<number> {
  const { network } = a.hre;
  let r: number;
  [r, seed] = rand(seed);
  const ops = 1 + Math.floor(r * 4);
  await network.provider.request({ method: "evm_setAutomine", params: [false] });
  try {
    for (let i = 0; i < ops; i++) {
      [r, seed] = rand(seed);
      let size: number;
      [size, seed] = rand(seed);
      // Heavy-tailed sizes: from a millionth to about a fifth of what the pool holds.
      const fraction = Math.pow(10, -6 + size * 5.3);
      if (r < 0.35) await v2Swap(a, seed, fraction);
      else if (r < 0.7) await v3Swap(a, seed, fraction);
      else if (r < 0.88 || a.owned.length === 0) await v3Mint(a, seed, fraction);
      else await v3Burn(a, seed);
      [, seed] = rand(seed);
    }
    await network.provider.request({ method: "evm_mine", params: [] });
    await recordMints(a);
  } finally {
    await network.provider.request({ method: "evm_setAutomine", params: [true] });
  }
  return seed;
}

const scaled = (balance: bigint, fraction: number) =>
  (balance * BigInt(Math.floor(fraction * 1e9))) / 1_000_000_000n + 1n;
const GAS = { gasLimit: 1_500_000n };

async function v2Swap(a: MarketActors, seed: number, fraction: number): Promise<void> {
  const p = a.v2[seed % a.v2.length];
  const zeroForOne = (seed >> 3) % 2 === 0;
  const [tin, tout] = zeroForOne ? [p.token0, p.token1] : [p.token1, p.token0];
  const amount = scaled(await a.tokens.get(tin.toLowerCase())!.balanceOf(p.pair), fraction);
  await p.router.swapExactTokensForTokens(amount, 0n, [tin, tout], a.traderAddress, 2n ** 64n, GAS);
}

async function v3Swap(a: MarketActors, seed: number, fraction: number): Promise<void> {
  const p = a.v3[seed % a.v3.length];
  const zeroForOne = (seed >> 3) % 2 === 0;
  const [tin, tout] = zeroForOne ? [p.token0, p.token1] : [p.token1, p.token0];
  const amount = scaled(await a.tokens.get(tin.toLowerCase())!.balanceOf(p.address), fraction);
  await a.swapRouter.exactInputSingle(
    {
      tokenIn: tin,
      tokenOut: tout,
      fee: p.fee,
      recipient: a.traderAddress,
      deadline: 2n ** 64n,
      amountIn: amount,
      amountOutMinimum: 0n,
      sqrtPriceLimitX96: 0n,
    },
    GAS,
  );
}

async function v3Mint(a: MarketActors, seed: number, fraction: number): Promise<void> {
  const p = a.v3[seed % a.v3.length];
  const slot0 = await p.pool.slot0();
  const centre = Math.floor(Number(slot0.tick) / p.spacing) * p.spacing;
  const lower = centre - p.spacing * (1 + ((seed >> 2) % 30));
  const upper = centre + p.spacing * (1 + ((seed >> 7) % 30));
  const b0 = scaled(await a.tokens.get(p.token0.toLowerCase())!.balanceOf(p.address), fraction / 10);
  const b1 = scaled(await a.tokens.get(p.token1.toLowerCase())!.balanceOf(p.address), fraction / 10);
  const params = {
    token0: p.token0,
    token1: p.token1,
    fee: p.fee,
    tickLower: lower,
    tickUpper: upper,
    amount0Desired: b0,
    amount1Desired: b1,
    amount0Min: 0n,
    amount1Min: 0n,
    recipient: a.traderAddress,
    deadline: 2n ** 64n,
  };
  const tx = await a.positions.mint(params, GAS);
  pendingMints.push(tx.hash);
}

/** Mints sent in the current block; their token ids are known only from the receipts. */
const pendingMints: string[] = [];

async function recordMints(a: MarketActors): Promise<void> {
  const topic = a.positions.interface.getEvent("IncreaseLiquidity")!.topicHash;
  for (const hash of pendingMints.splice(0)) {
    const receipt = await a.hre.ethers.provider.getTransactionReceipt(hash);
    for (const log of receipt?.logs ?? []) {
      if (log.topics[0] !== topic) continue;
      const parsed = a.positions.interface.parseLog(log)!;
      a.owned.push({ tokenId: parsed.args.tokenId as bigint, liquidity: parsed.args.liquidity as bigint });
    }
  }
}

async function v3Burn(a: MarketActors, seed: number): Promise<void> {
  const i = seed % a.owned.length;
  const pos = a.owned[i];
  // Half the time burn everything, otherwise a part: both change liquidityNet at two ticks.
  const amount = (seed >> 4) % 2 === 0 ? pos.liquidity : pos.liquidity / 3n + 1n;
  await a.positions.decreaseLiquidity(
    { tokenId: pos.tokenId, liquidity: amount, amount0Min: 0n, amount1Min: 0n, deadline: 2n ** 64n },
    GAS,
  );
  pos.liquidity -= amount;
  if (pos.liquidity === 0n) a.owned.splice(i, 1);
}
