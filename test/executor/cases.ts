/**
 * Plans for the executor's standard cases, sized by the keeper's own maths from live pool state:
 * the gas benchmark (scripts/bench/gas.ts) and the gas-snapshot test run exactly these.
 */
import { ethers } from "hardhat";
import type { Contract } from "ethers";
import {
  HopKind,
  encodeExecute,
  type FundingSpec,
  type Hop,
  type Plan,
  type Tip,
} from "../../bot/plan/planEncoding";
import { PANCAKE_FULL_RANGE, v2AmountOut, v2Side, type ExecutorWorld } from "./fixture";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";

export const E18 = 10n ** 18n;

/** A V2 hop with its amountOut computed now from the pair's reserves. */
export async function v2Hop(
  pair: Contract,
  tokenIn: string,
  amountIn: bigint,
): Promise<{ hop: Hop; out: bigint }> {
  const side = await v2Side(pair, tokenIn);
  const out = v2AmountOut(amountIn, side.rIn, side.rOut);
  return {
    hop: {
      kind: HopKind.UniswapV2,
      pair: await pair.getAddress(),
      zeroForOne: side.zeroForOne,
      amountOut: out,
    },
    out,
  };
}

/** A V3 exact-input hop and its quoted output (QuoterV2, the periphery's own quote). */
export async function v3Hop(w: ExecutorWorld, pool: Contract, tokenIn: string, amountIn: bigint) {
  const token0 = (await pool.token0()) as string;
  const tokenOut = token0.toLowerCase() === tokenIn.toLowerCase() ? await pool.token1() : token0;
  const [out] = await w.quoter.quoteExactInputSingle.staticCall({
    tokenIn,
    tokenOut,
    amountIn,
    fee: await pool.fee(),
    sqrtPriceLimitX96: 0,
  });
  const hop: Hop = {
    kind: HopKind.UniswapV3,
    pool: await pool.getAddress(),
    zeroForOne: token0.toLowerCase() === tokenIn.toLowerCase(),
  };
  return { hop, out: out as bigint };
}

/**
 * A PancakeSwap V3 exact-input hop through the fixture's pool and its output, quoted by the keeper's
 * V3 math (bot/amm/uniswapV3: PancakeSwap V3's swap is Uniswap V3's) on the pool's live state, its
 * one full-range position's two ticks included. (QuoterV2 cannot quote it: it finds pools by
 * Uniswap's factory and init code hash.)
 */
export async function pancakeV3Hop(w: ExecutorWorld, tokenIn: string, amountIn: bigint) {
  const pool = w.pancakeWethTka;
  const token0 = ((await pool.token0()) as string).toLowerCase();
  const token1 = ((await pool.token1()) as string).toLowerCase();
  const [sqrtPriceX96, tick] = await pool.slot0();
  const ticks = [];
  for (const index of [-PANCAKE_FULL_RANGE, PANCAKE_FULL_RANGE]) {
    const [liquidityGross, liquidityNet] = await pool.ticks(index);
    ticks.push({ index, liquidityGross: liquidityGross as bigint, liquidityNet: liquidityNet as bigint });
  }
  const model = new UniswapV3Pool({
    address: await pool.getAddress(),
    token0,
    token1,
    fee: Number(await pool.fee()),
    tickSpacing: Number(await pool.tickSpacing()),
    sqrtPriceX96: sqrtPriceX96 as bigint,
    tick: Number(tick),
    liquidity: (await pool.liquidity()) as bigint,
    ticks,
  });
  const zeroForOne = token0 === tokenIn.toLowerCase();
  const hop: Hop = { kind: HopKind.PancakeV3, pool: await pool.getAddress(), zeroForOne };
  return { hop, out: model.quoteExactIn(zeroForOne, amountIn) };
}

export async function deadline(blocks = 5n): Promise<bigint> {
  return BigInt(await ethers.provider.getBlockNumber()) + blocks;
}

export interface Case {
  /** The transaction data: execute()'s selector and the plan. */
  plan: string;
  /** The plan before encoding (the gas floor is built from it). */
  spec: Plan;
  /** The profit the keeper's maths expects (before any tip). */
  profit: bigint;
}

export type CaseName =
  | "v2v2_inventory"
  | "v2v2_inventory_tip"
  | "v2v2_flashswap"
  | "v2v2v2_inventory"
  | "v3v2_v3flash"
  | "v2v2_balancer"
  | "v2v2_aave"
  | "v2v2_inventory_onchain"
  | "pancakev3v2_v3flash";

export const CASE_NAMES: CaseName[] = [
  "v2v2_inventory",
  "v2v2_inventory_tip",
  "v2v2_flashswap",
  "v2v2v2_inventory",
  "v3v2_v3flash",
  "v2v2_balancer",
  "v2v2_aave",
  "v2v2_inventory_onchain",
  "pancakev3v2_v3flash",
];

/** WETH -> TKA on sushi (dearer WETH) -> WETH on uni: the basic profitable cycle. */
async function wethSushiUni(w: ExecutorWorld, amountIn: bigint) {
  const weth = await w.weth.getAddress();
  const tka = await w.tka.getAddress();
  const first = await v2Hop(w.sushiWethTka, weth, amountIn);
  const second = await v2Hop(w.uniWethTka, tka, first.out);
  return { hops: [first.hop, second.hop], out: second.out };
}

/**
 * The plan for a standard case. `deadlineBlock` defaults to a few blocks ahead; the gas benchmark
 * passes a fixed one (calldata gas depends on how many of its 4 bytes are zero).
 */
export async function buildCase(
  w: ExecutorWorld,
  name: CaseName,
  minProfit = 1n,
  deadlineBlock?: bigint,
): Promise<Case> {
  const weth = await w.weth.getAddress();
  const tka = await w.tka.getAddress();
  const amountIn = E18;
  const base = { deadlineBlock: deadlineBlock ?? (await deadline()), token: weth, amountIn, minProfit };
  const none: Tip = { kind: "none" };
  const make = (funding: FundingSpec, hops: Hop[], profit: bigint, tip: Tip = none): Case => {
    const spec: Plan = { ...base, funding, tip, hops };
    return { plan: encodeExecute(spec), spec, profit };
  };
  switch (name) {
    case "v2v2_inventory":
    case "v2v2_balancer":
    case "v2v2_aave": {
      const { hops, out } = await wethSushiUni(w, amountIn);
      if (name === "v2v2_inventory") return make({ mode: "inventory" }, hops, out - amountIn);
      if (name === "v2v2_balancer") return make({ mode: "balancer" }, hops, out - amountIn);
      const premium = (amountIn * 5n) / 10_000n;
      return make({ mode: "aave" }, hops, out - amountIn - premium);
    }
    case "v2v2_inventory_onchain": {
      // As v2v2_inventory, with both V2 amounts computed on chain from reserves (fee 30 bps).
      const { hops, out } = await wethSushiUni(w, amountIn);
      const onchain = hops.map((h) =>
        h.kind === HopKind.UniswapV2
          ? { kind: HopKind.UniswapV2, pair: h.pair, zeroForOne: h.zeroForOne, feeBps: 30 }
          : h,
      );
      return make({ mode: "inventory" }, onchain, out - amountIn);
    }
    case "v2v2_inventory_tip": {
      const { hops, out } = await wethSushiUni(w, amountIn);
      return make({ mode: "inventory" }, hops, out - amountIn, { kind: "share", bps: 8000, from: "weth" });
    }
    case "v2v2_flashswap": {
      // The uni pair lends WETH first and is repaid in TKA by the sushi hop, straight to it.
      const first = await v2Hop(w.sushiWethTka, weth, amountIn);
      const lender = await v2Hop(w.uniWethTka, tka, first.out);
      return make({ mode: "v2flash" }, [lender.hop, first.hop], lender.out - amountIn);
    }
    case "v2v2v2_inventory": {
      // WETH -> TKA (sushi) -> TKB (uni) -> WETH (sushi).
      const h0 = await v2Hop(w.sushiWethTka, weth, amountIn);
      const h1 = await v2Hop(w.uniTkaTkb, tka, h0.out);
      const h2 = await v2Hop(w.sushiTkbWeth, await w.tkb.getAddress(), h1.out);
      return make({ mode: "inventory" }, [h0.hop, h1.hop, h2.hop], h2.out - amountIn);
    }
    case "v3v2_v3flash": {
      // WETH -> TKA on V3 (WETH dearer there), TKA -> WETH on uni; the V3 callback is the flash source.
      const h0 = await v3Hop(w, w.v3WethTka, weth, amountIn);
      const h1 = await v2Hop(w.uniWethTka, tka, h0.out);
      return make({ mode: "v3flash" }, [h0.hop, h1.hop], h1.out - amountIn);
    }
    case "pancakev3v2_v3flash": {
      // The same cycle with a PancakeSwap V3 pool as the flash source (its own callback).
      const h0 = await pancakeV3Hop(w, weth, amountIn);
      const h1 = await v2Hop(w.uniWethTka, tka, h0.out);
      return make({ mode: "v3flash" }, [h0.hop, h1.hop], h1.out - amountIn);
    }
  }
}
