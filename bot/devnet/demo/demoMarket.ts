/**
 * The demo market in one call, for the `omni-arb demo` orchestrator: seeds the extra liquidity,
 * readies the noise traders and (optionally) the naive competing searcher, and returns `onHead`,
 * to be called once per new block.
 *
 * Set-up sends transactions and waits for their receipts, so the node must be mining while it
 * runs: automine on (before the relay starts, which turns it off) or a relay building on an
 * interval. `onHead` never waits for mining.
 */
import type { Signer, Wallet } from "ethers";
import type { DevnetAddresses } from "./addresses";
import { fundTraders } from "./fundTraders";
import { MarketSimulator, type StepReport } from "./marketSimulator";
import type { NaiveSearcher, NaiveStepReport } from "./naiveSearcher";
import { setUpNaiveSearcher, type NaiveSearcherSetUpOptions } from "./naiveSearcherSetUp";
import type { RpcProvider } from "./rawSender";
import { seedMarket, type SeededMarket } from "./seedMarket";

export interface DemoMarketOptions {
  readonly provider: RpcProvider;
  readonly addresses: DevnetAddresses;
  readonly seed: number;
  /** A funded account that seeds the extra liquidity. */
  readonly deployer: Signer;
  /** Funded accounts that become the noise traders (distinct from every other role). */
  readonly traders: ReadonlyArray<Wallet>;
  /** New tokens to seed (default 12). */
  readonly tokenCount?: number;
  /** Simulator intensity (default 1: about four swaps a block). */
  readonly intensity?: number;
  /**
   * The naive rival; left out when undefined. It can also be added later, once the relay runs,
   * with setUpNaiveSearcher({ ..., tokens: demo.market.tokens }).
   */
  readonly searcher?: Omit<NaiveSearcherSetUpOptions, "provider" | "addresses" | "tokens">;
}

export interface DemoMarket {
  readonly market: SeededMarket;
  readonly simulator: MarketSimulator;
  readonly searcher: NaiveSearcher | undefined;
  /** NaiveArb's address, when there is a searcher. */
  readonly naiveArb: string | undefined;
  /** Call on every new head: the searcher bids for the next block, the traders send their swaps. */
  onHead(blockNumber: number): Promise<{ market: StepReport; searcher: NaiveStepReport | undefined }>;
}

export async function setUpDemoMarket(options: DemoMarketOptions): Promise<DemoMarket> {
  const { provider, addresses, seed } = options;
  const market = await seedMarket({
    signer: options.deployer,
    addresses,
    seed,
    ...(options.tokenCount === undefined ? {} : { tokenCount: options.tokenCount }),
  });
  await fundTraders({ provider, traders: options.traders, tokens: market.tokens, addresses });
  const simulator = new MarketSimulator({
    provider,
    traders: options.traders,
    addresses,
    tokens: market.tokens,
    seed,
    ...(options.intensity === undefined ? {} : { intensity: options.intensity }),
  });
  let searcher: NaiveSearcher | undefined;
  let naiveArb: string | undefined;
  if (options.searcher !== undefined) {
    ({ searcher, naiveArb } = await setUpNaiveSearcher({
      ...options.searcher,
      provider,
      addresses,
      tokens: market.tokens,
    }));
  }
  return {
    market,
    simulator,
    searcher,
    naiveArb,
    onHead: async (blockNumber) => {
      // The searcher reads the state block `blockNumber` left; the traders' swaps land after it.
      const bid = searcher === undefined ? undefined : await searcher.step(blockNumber);
      return { market: await simulator.step(blockNumber), searcher: bid };
    },
  };
}
