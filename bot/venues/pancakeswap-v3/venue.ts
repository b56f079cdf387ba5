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
  // Measured on the executor: npm run bench:gas, pancakev3v2_v3flash (test/chains/gasModel.test.ts).
  hopGas: 58_800,
  planHop: (h, zeroForOne) => ({ kind: "v3", pool: h.pool, zeroForOne }),
});
