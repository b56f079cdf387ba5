import type { Contract, Interface, Log, Result } from "ethers";
import {
  DEFAULT_LIMIT_ONE_FOR_ZERO,
  DEFAULT_LIMIT_ZERO_FOR_ONE,
  UniswapV3Pool,
} from "../../../bot/venues/uniswap-v3/pool";
import { getSqrtRatioAtTick } from "../../../bot/venues/uniswap-v3/math/tickMath";
import type { Rng } from "./random";

/**
 * What the V3 exactness runs share, whichever V3 bytecode they drive (Uniswap's v3-core,
 * PancakeSwap's v3-core): the model read from a pool, the swap plans and the price limits, and
 * the outcome of a PoolSwapper batch read from its logs. The pool's own ABI is passed in, since
 * the two protocols' Swap events differ.
 */

/** The model of a pool from the chain: slot0, the active liquidity, and the ticks its Mint logs touched. */
export async function readModel(
  pool: Contract,
  poolIface: Interface,
  fee: number,
  spacing: number,
): Promise<UniswapV3Pool> {
  const address = await pool.getAddress();
  const slot0 = await pool.slot0();
  const mints = await pool.queryFilter(pool.filters.Mint());
  const seen = new Set<number>();
  for (const m of mints) {
    const ev = poolIface.parseLog(m)!;
    seen.add(Number(ev.args.tickLower));
    seen.add(Number(ev.args.tickUpper));
  }
  const ticks = [];
  for (const t of [...seen].sort((a, b) => a - b)) {
    const info = await pool.ticks(t);
    if (info.liquidityGross > 0n)
      ticks.push({ index: t, liquidityNet: info.liquidityNet, liquidityGross: info.liquidityGross });
  }
  return new UniswapV3Pool({
    address,
    token0: await pool.token0(),
    token1: await pool.token1(),
    fee,
    tickSpacing: spacing,
    sqrtPriceX96: slot0.sqrtPriceX96,
    tick: Number(slot0.tick),
    liquidity: await pool.liquidity(),
    ticks,
  });
}

/** All the pool could take (input) or give (output) in one direction before its price limit. */
export function capacity(model: UniswapV3Pool, zeroForOne: boolean): { maxIn: bigint; maxOut: bigint } {
  try {
    const r = model.simulateSwap(zeroForOne, 1n << 200n);
    return zeroForOne ? { maxIn: r.amount0, maxOut: -r.amount1 } : { maxIn: r.amount1, maxOut: -r.amount0 };
  } catch {
    return { maxIn: 0n, maxOut: 0n }; // already at the price limit
  }
}

export interface Planned {
  zeroForOne: boolean;
  amountSpecified: bigint;
}

/**
 * The default limits (MIN+1, MAX-1) except on the 1-spacing pool, where walking the empty bitmap
 * words to the end of the price range would take ~3,500 steps and exceed the 2^24 transaction gas
 * cap; there the limit sits 1,024 ticks beyond the last initialised tick, where the pool is already
 * empty, so every swap that can fill does, and one that cannot is a partial fill either way.
 */
export function limitFor(model: UniswapV3Pool, zeroForOne: boolean): bigint {
  if (model.tickSpacing !== 1) return zeroForOne ? DEFAULT_LIMIT_ZERO_FOR_ONE : DEFAULT_LIMIT_ONE_FOR_ZERO;
  const t = model.ticks.index;
  return getSqrtRatioAtTick(zeroForOne ? t[0] - 1024 : t[t.length - 1] + 1024);
}

/** A batch of swaps whose sizes are chosen against a predicted state: 1 wei up to past draining. */
export function planBatch(rng: Rng, predictor: UniswapV3Pool, swaps: number): Planned[] {
  const plan: Planned[] = [];
  for (let k = 0; k < swaps; k++) {
    const zeroForOne = rng.bool();
    const exactOut = rng.bool();
    const cap = capacity(predictor, zeroForOne);
    const max = exactOut ? cap.maxOut : cap.maxIn;
    let amount: bigint;
    const u = rng.next();
    if (u < 0.04)
      amount = max + 1n + rng.bigBelow(max + 1n); // beyond the pool: a partial fill on chain
    else if (u < 0.06)
      amount = max; // exactly all of it
    else if (u < 0.12)
      amount = BigInt(rng.int(1, 1000)); // dust
    else amount = rng.bigLogUniform(max > 1n ? (max * 9n) / 10n : 1n);
    if (amount === 0n) amount = 1n;
    plan.push({ zeroForOne, amountSpecified: exactOut ? -amount : amount });
    try {
      const r = predictor.simulateSwap(
        zeroForOne,
        exactOut ? -amount : amount,
        limitFor(predictor, zeroForOne),
      );
      predictor.applySwap(r.sqrtPriceX96, r.liquidity, r.tick);
    } catch {
      // The pool will revert this one too; the state does not move.
    }
  }
  return plan;
}

export type Outcome = { kind: "swap"; args: Result } | { kind: "revert" };

/** Each swap of a PoolSwapper batch, in order: the pool's Swap log, or the driver's revert report. */
export function outcomes(
  logs: readonly Log[],
  poolAddress: string,
  poolIface: Interface,
  swapperIface: Interface,
): Outcome[] {
  const res: Outcome[] = [];
  for (const log of logs) {
    if (log.address.toLowerCase() === poolAddress.toLowerCase()) {
      const ev = poolIface.parseLog(log);
      if (ev?.name === "Swap") res.push({ kind: "swap", args: ev.args });
    } else {
      const ev = swapperIface.parseLog(log);
      if (ev?.name === "V3SwapReverted") res.push({ kind: "revert" });
    }
  }
  return res;
}
