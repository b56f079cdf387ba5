import { id, type Provider } from "ethers";
import type { Address } from "../core/address";

const WETH_SELECTOR = id("WETH()").slice(0, 10);

/**
 * The wrapped-native token the executor unwraps for builder tips (`IArbExecutor.WETH()`), or
 * undefined when the address does not answer like an executor. Needed to read tip payments from
 * a receipt's WETH9 Withdrawal logs.
 */
export async function executorWeth(provider: Provider, executor: Address): Promise<Address | undefined> {
  try {
    const ret = await provider.call({ to: executor, data: WETH_SELECTOR });
    return ret.length >= 66 ? `0x${ret.slice(26, 66)}`.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
