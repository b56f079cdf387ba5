import { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { Wallet } from "ethers";
import type { DevnetAddresses } from "./addresses";
import { deployNaiveArb } from "./naiveArbDeploy";
import { NaiveSearcher } from "./naiveSearcher";
import type { RpcProvider } from "./rawSender";

const ETH = 10n ** 18n;

export interface NaiveSearcherSetUpOptions {
  readonly provider: RpcProvider;
  readonly addresses: DevnetAddresses;
  /** Funded account owning NaiveArb and signing its bundles. */
  readonly owner: Wallet;
  /** The devnet relay's URL (the Flashbots client does not contact it until the first bundle). */
  readonly relayUrl: string;
  /** Tokens to watch against WETH (e.g. SeededMarket.tokens); WETH itself is skipped. */
  readonly tokens: ReadonlyArray<{ readonly address: string }>;
  /** Flashbots identity (default: a fresh random key). */
  readonly authSigner?: Wallet;
  /** WETH the contract trades with (default 300). */
  readonly wethFunding?: bigint;
  /** Builder's share of each profit, basis points (default 5000). */
  readonly coinbaseShareBps?: bigint;
  readonly sizes?: ReadonlyArray<bigint>;
}

/**
 * Deploys and funds NaiveArb, then returns the searcher ready to `step`. Waits for receipts, so the
 * node must be mining (automine, or a relay building blocks).
 */
export async function setUpNaiveSearcher(
  options: NaiveSearcherSetUpOptions,
): Promise<{ searcher: NaiveSearcher; naiveArb: string }> {
  const { provider, addresses, owner } = options;
  const naiveArb = await deployNaiveArb({
    owner,
    weth: addresses.weth,
    wethFunding: options.wethFunding ?? 300n * ETH,
    ...(options.coinbaseShareBps === undefined ? {} : { coinbaseShareBps: options.coinbaseShareBps }),
  });
  const chainId = Number((await provider.getNetwork()).chainId);
  const authSigner = options.authSigner ?? new Wallet(Wallet.createRandom().privateKey);
  const flashbots = await FlashbotsBundleProvider.create(provider, authSigner, options.relayUrl, chainId);
  const searcher = new NaiveSearcher({
    provider,
    flashbots,
    wallet: owner,
    contract: naiveArb,
    addresses,
    tokens: options.tokens
      .map((t) => t.address)
      .filter((a) => a.toLowerCase() !== addresses.weth.toLowerCase()),
    ...(options.sizes === undefined ? {} : { sizes: options.sizes }),
  });
  return { searcher, naiveArb };
}
