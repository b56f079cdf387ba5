import { HopKind } from "../../plan/planEncoding";
import { concentratedVenue } from "../uniswap-v3/venue";
import { decodePancakeV3Swap, PANCAKE_V3_SWAP_TOPIC } from "./events";

/**
 * PancakeSwap V3 (pools from @pancakeswap/v3-core): Uniswap V3's pool math, readers, Mint and Burn
 * logs and factory log, with its own Swap log (events.ts) and swap callback
 * (`pancakeV3SwapCallback`, which the executor awaits for this hop kind). Its exactness against the
 * released bytecode is tested in test/amm/pancakeV3.exactness.test.ts.
 */
export const pancakeswapV3 = concentratedVenue({
  kind: "pancakeswap-v3",
  title: "PancakeSwap V3",
  swapTopic: PANCAKE_V3_SWAP_TOPIC,
  decodeSwap: decodePancakeV3Swap,
  // Measured on the executor (npm run bench:gas; test/strategy/gasModel.test.ts): pancakev3v2_v3flash
  // 152,796 - base 33,836 - V2 hop 50,488 = 68,472. PancakeSwap's swap writes more than Uniswap's:
  // the protocol fees it accrues on every swap and its liquidity-mining hook's checks.
  hopGas: 68_500,
  planHop: (h, zeroForOne) => ({ kind: HopKind.PancakeV3, pool: h.pool, zeroForOne }),
});
