import { Contract } from "ethers";
import { ERC20, V2_PAIR, V3_POOL } from "./abis";
import type { MarketPool } from "./marketPools";
import { v2Price, v3Price } from "./prices";
import type { RpcProvider } from "./rawSender";

/** What a trader needs to know about a pool right now: its price and its depth on each side. */
export interface PoolView {
  /** Whole token1 per whole token0. */
  readonly price: number;
  /** Raw token0 / token1 the pool holds (V2: reserves; V3: its balances over all ranges). */
  readonly depth0: bigint;
  readonly depth1: bigint;
  /** V3 only: the current tick. */
  readonly tick: number;
}

export async function readPool(
  provider: RpcProvider,
  pool: MarketPool,
  decimals: (token: string) => number,
): Promise<PoolView> {
  const [dec0, dec1] = [decimals(pool.token0), decimals(pool.token1)];
  if (pool.kind === "v2") {
    const pair = new Contract(pool.address, V2_PAIR, provider);
    const [r0, r1] = (await pair.getFunction("getReserves")()) as [bigint, bigint];
    return { price: v2Price(r0, r1, dec0, dec1), depth0: r0, depth1: r1, tick: 0 };
  }
  const v3 = new Contract(pool.address, V3_POOL, provider);
  const [sqrtPriceX96, tick] = (await v3.getFunction("slot0")()) as [bigint, bigint];
  const balance = (token: string) =>
    new Contract(token, ERC20, provider).getFunction("balanceOf")(pool.address) as Promise<bigint>;
  return {
    price: v3Price(sqrtPriceX96, dec0, dec1),
    depth0: await balance(pool.token0),
    depth1: await balance(pool.token1),
    tick: Number(tick),
  };
}
