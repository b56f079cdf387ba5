/**
 * The demo market in one call, for the `omni-arb demo` orchestrator: seeds the extra liquidity,
 * readies the noise traders and (optionally) the naive competing searcher, and returns `onHead`,
 * to be called once per new block.
 *
 * Set-up sends transactions and waits for their receipts, so the node must be mining while it
 * runs: automine on (before the relay starts, which turns it off) or a relay building on an
 * interval. `onHead` never waits for mining.
 */
import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { Wallet, type Signer } from "ethers";
import type { DevnetAddresses } from "./addresses";
import { fundTraders } from "./fundTraders";
import { MarketSimulator, type StepReport } from "./marketSimulator";
import { deployNaiveArb } from "./naiveArbDeploy";
import { NaiveSearcher, type NaiveStepReport } from "./naiveSearcher";
import type { RpcProvider } from "./rawSender";
import { seedMarket, type SeededMarket } from "./seedMarket";

const ETH = 10n ** 18n;

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
  /** The naive competing searcher; left out when undefined. */
  readonly searcher?: {
    /** Funded account owning NaiveArb and signing its bundles. */
    readonly owner: Wallet;
    readonly relayUrl: string;
    /** Flashbots identity (default: a fresh random key). */
    readonly authSigner?: Wallet;
    /** WETH the contract trades with (default 300). */
    readonly wethFunding?: bigint;
    readonly coinbaseShareBps?: bigint;
    readonly sizes?: ReadonlyArray<bigint>;
  };
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
    const s = options.searcher;
    naiveArb = await deployNaiveArb({
      owner: s.owner,
      weth: addresses.weth,
      wethFunding: s.wethFunding ?? 300n * ETH,
      ...(s.coinbaseShareBps === undefined ? {} : { coinbaseShareBps: s.coinbaseShareBps }),
    });
    const chainId = Number((await provider.getNetwork()).chainId);
    const authSigner = s.authSigner ?? new Wallet(Wallet.createRandom().privateKey);
    const flashbots = await FlashbotsBundleProvider.create(provider, authSigner, s.relayUrl, chainId);
    searcher = new NaiveSearcher({
      provider,
      flashbots,
      wallet: s.owner,
      contract: naiveArb,
      addresses,
      tokens: market.tokens.filter((t) => t.address !== addresses.weth).map((t) => t.address),
      ...(s.sizes === undefined ? {} : { sizes: s.sizes }),
    });
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
