/**
 * The pools the simulator trades on, found on chain rather than remembered: every pair of both V2
 * factories (allPairs, in creation order) and every pool the V3 factory created (PoolCreated logs,
 * in log order), kept when both tokens have a reference price. The same chain gives the same list.
 */
import { Contract, getAddress } from "ethers";
import { V2_FACTORY, V2_PAIR, V3_FACTORY } from "./abis";
import { v2Venue, type DevnetAddresses, type V2VenueName } from "./addresses";
import type { RpcProvider } from "./rawSender";

export type MarketPool =
  | {
      readonly kind: "v2";
      readonly venue: V2VenueName;
      readonly address: string;
      readonly token0: string;
      readonly token1: string;
    }
  | {
      readonly kind: "v3";
      readonly venue: "uniV3";
      readonly address: string;
      readonly token0: string;
      readonly token1: string;
      readonly fee: number;
      readonly tickSpacing: number;
    };

export async function discoverPools(
  provider: RpcProvider,
  addresses: DevnetAddresses,
  known: ReadonlySet<string>,
): Promise<MarketPool[]> {
  const pools: MarketPool[] = [];
  for (const venue of ["uni", "sushi"] as const) {
    const factory = new Contract(v2Venue(addresses, venue).factory, V2_FACTORY, provider);
    const count = Number(await factory.getFunction("allPairsLength")());
    for (let i = 0; i < count; i++) {
      const address = getAddress((await factory.getFunction("allPairs")(i)) as string);
      const pair = new Contract(address, V2_PAIR, provider);
      const token0 = getAddress((await pair.getFunction("token0")()) as string);
      const token1 = getAddress((await pair.getFunction("token1")()) as string);
      if (known.has(token0) && known.has(token1)) pools.push({ kind: "v2", venue, address, token0, token1 });
    }
  }
  const created = V3_FACTORY.getEvent("PoolCreated")!;
  const logs = await provider.getLogs({
    address: addresses.uniV3.factory,
    topics: [created.topicHash],
    fromBlock: 0,
    toBlock: "latest",
  });
  for (const log of logs) {
    const parsed = V3_FACTORY.parseLog(log)!;
    const token0 = getAddress(parsed.args.token0 as string);
    const token1 = getAddress(parsed.args.token1 as string);
    if (!known.has(token0) || !known.has(token1)) continue;
    pools.push({
      kind: "v3",
      venue: "uniV3",
      address: getAddress(parsed.args.pool as string),
      token0,
      token1,
      fee: Number(parsed.args.fee),
      tickSpacing: Number(parsed.args.tickSpacing),
    });
  }
  return pools;
}
