/**
 * The pools the simulator trades on, found on chain rather than remembered, by the keeper's own
 * discovery (bot/state/discoverPools.ts: the factories' PairCreated / PoolCreated logs): every
 * pair of both V2 factories, then every pool of the V3 factory, each venue in creation order, kept
 * when both tokens have a reference price. The same chain gives the same list in the same order.
 */
import { getAddress } from "ethers";
import type { Address } from "../../core/address";
import { JsonRpcChainRpc } from "../../chain/chainRpc";
import { discoverPools as discoverFactoryPools } from "../../state/discoverPools";
import { FactoryIndex } from "../../state/factoryIndex";
import type { V3Descriptor } from "../../venues/uniswap-v3/venue";
import type { FactoryConfig } from "../../venues/common/venue";
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
  const rpc = new JsonRpcChainRpc((method, params) => provider.send(method, params));
  const toBlock = await rpc.blockNumber();
  const priced = new Set([...known].map((a) => a.toLowerCase()));
  const options = { fromBlock: 0, toBlock, span: toBlock + 1 };
  const accept = (a: Address, b: Address) => priced.has(a) && priced.has(b);
  // One venue at a time: the simulator picks pools by index, so the order is part of the market.
  const v2Names: V2VenueName[] = ["uni", "sushi"];
  const venues: FactoryConfig[] = [
    ...v2Names.map((name) => ({
      venue: name,
      factory: v2Venue(addresses, name).factory.toLowerCase(),
      kind: "uniswap-v2" as const,
    })),
    { venue: "uniV3", factory: addresses.uniV3.factory.toLowerCase(), kind: "uniswap-v3" },
  ];
  const pools: MarketPool[] = [];
  for (const venue of venues) {
    for (const p of await discoverFactoryPools(rpc, new FactoryIndex([venue], accept), options)) {
      const common = {
        address: getAddress(p.address),
        token0: getAddress(p.token0),
        token1: getAddress(p.token1),
      };
      pools.push(
        // The demo's own market names say which protocol's routers trade the pool.
        venue.venue !== "uniV3"
          ? { kind: "v2", venue: p.venue as V2VenueName, ...common }
          : {
              kind: "v3",
              venue: "uniV3",
              ...common,
              fee: (p as V3Descriptor).fee,
              tickSpacing: (p as V3Descriptor).tickSpacing,
            },
      );
    }
  }
  return pools;
}
