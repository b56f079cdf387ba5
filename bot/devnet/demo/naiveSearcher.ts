/**
 * A competing searcher, naive on purpose, so omni-arb's keeper does not win every opportunity. It
 * knows one shape only: WETH -> X -> WETH between the two V2 venues, at a few fixed sizes. Each
 * block it reads both pairs' reserves (getReserves), prices every size both ways with the V2
 * formula, and when the best one pays for its gas it sends a Flashbots bundle (the real
 * @flashbots/ethers-provider-bundle client, to the devnet relay) with one transaction to its
 * NaiveArb contract, which pays the builder a fixed share of the profit.
 */
import type { FlashbotsBundleProvider } from "@flashbots/ethers-provider-bundle";
import { Contract, Interface, ZeroAddress, type Wallet } from "ethers";
import { NaiveArb__factory } from "../../../typechain-types";
import { V2_FACTORY, V2_PAIR } from "./abis";
import { v2Venue, type DevnetAddresses, type V2VenueName } from "./addresses";
import { DemoError } from "./demoError";
import type { RpcProvider } from "./rawSender";

const ETH = 10n ** 18n;
const NAIVE_ARB = new Interface(NaiveArb__factory.abi);

export interface NaiveSearcherOptions {
  readonly provider: RpcProvider;
  /** A Flashbots client pointed at the devnet relay. */
  readonly flashbots: FlashbotsBundleProvider;
  /** Owner of the NaiveArb contract; signs and pays gas for the bundle transaction. */
  readonly wallet: Wallet;
  /** The NaiveArb contract (holding the WETH it trades with). */
  readonly contract: string;
  readonly addresses: DevnetAddresses;
  /** The tokens X it watches (WETH pairs on both V2 venues). */
  readonly tokens: ReadonlyArray<string>;
  /** The fixed WETH sizes it tries (default 0.5, 2, 8 and 30 WETH). */
  readonly sizes?: ReadonlyArray<bigint>;
  /** Gas it assumes a trade uses, for the profitability check (default 260 000: NaiveArb measured at about 259 000). */
  readonly gasEstimate?: bigint;
}

export interface NaiveOpportunity {
  readonly token: string;
  readonly buyOn: V2VenueName;
  readonly sellOn: V2VenueName;
  readonly amountIn: bigint;
  readonly expectedOut: bigint;
  /** WETH gained before the builder's share and gas. */
  readonly grossProfit: bigint;
  readonly builderPayment: bigint;
  readonly gasCost: bigint;
}

export interface NaiveStepReport {
  readonly blockNumber: number;
  readonly targetBlock: number;
  /** The best opportunity seen, profitable or not (undefined when no pair was readable). */
  readonly best: NaiveOpportunity | undefined;
  /** Set when a bundle was sent. */
  readonly bundle?: { readonly txHash: string; readonly bundleHash: string };
  /** Why nothing was sent, or why the relay refused the bundle. */
  readonly reason?: string;
}

/** Uniswap V2's getAmountOut (0.3 % fee). */
export function v2AmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee);
}

export class NaiveSearcher {
  private readonly sizes: ReadonlyArray<bigint>;
  private readonly gasEstimate: bigint;
  private pairs: Map<string, Record<V2VenueName, string>> | undefined;
  private shareBps: bigint | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NaiveSearcherOptions) {
    this.sizes = options.sizes ?? [ETH / 2n, 2n * ETH, 8n * ETH, 30n * ETH];
    this.gasEstimate = options.gasEstimate ?? 260_000n;
  }

  /**
   * Looks at the state after `blockNumber` and bids for block `blockNumber + 1`. Calls made while a
   * step is still running wait for it.
   */
  step(blockNumber: number): Promise<NaiveStepReport> {
    const run = this.queue.then(() => this.runStep(blockNumber));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runStep(blockNumber: number): Promise<NaiveStepReport> {
    const { provider, wallet, addresses } = this.options;
    const targetBlock = blockNumber + 1;
    const pairs = await this.watchedPairs();
    this.shareBps ??= (await new Contract(this.options.contract, NAIVE_ARB, provider).getFunction(
      "coinbaseShareBps",
    )()) as bigint;
    const block = await provider.getBlock(blockNumber);
    if (block === null) throw new DemoError("DEMO_NO_BLOCK", `block ${blockNumber} is not known`);
    // The base fee can rise 12.5 % a block: price gas at the ceiling.
    const maxFeePerGas = ((block.baseFeePerGas ?? 0n) * 9n) / 8n + 1n;
    const gasCost = this.gasEstimate * maxFeePerGas;

    let best: NaiveOpportunity | undefined;
    for (const [token, byVenue] of pairs) {
      const reserves = {
        uni: await this.wethReserves(byVenue.uni),
        sushi: await this.wethReserves(byVenue.sushi),
      };
      for (const [buyOn, sellOn] of [
        ["uni", "sushi"],
        ["sushi", "uni"],
      ] as const) {
        const [buy, sell] = [reserves[buyOn], reserves[sellOn]];
        for (const amountIn of this.sizes) {
          const bought = v2AmountOut(amountIn, buy.weth, buy.token);
          const expectedOut = v2AmountOut(bought, sell.token, sell.weth);
          const grossProfit = expectedOut - amountIn;
          if (best === undefined || grossProfit > best.grossProfit) {
            const builderPayment = grossProfit > 0n ? (grossProfit * this.shareBps) / 10_000n : 0n;
            best = { token, buyOn, sellOn, amountIn, expectedOut, grossProfit, builderPayment, gasCost };
          }
        }
      }
    }
    if (best === undefined) return { blockNumber, targetBlock, best, reason: "no pair on both venues" };
    if (best.grossProfit - best.builderPayment <= gasCost) {
      return { blockNumber, targetBlock, best, reason: "no size pays for its gas" };
    }
    const data = NAIVE_ARB.encodeFunctionData("arb", [
      v2Venue(addresses, best.buyOn).router,
      v2Venue(addresses, best.sellOn).router,
      best.token,
      best.amountIn,
      best.grossProfit / 2n,
    ]);
    const signed = await wallet.signTransaction({
      type: 2,
      chainId: BigInt((await provider.send("eth_chainId", [])) as string),
      nonce: Number(await provider.send("eth_getTransactionCount", [wallet.address, "pending"])),
      to: this.options.contract,
      data,
      value: 0n,
      gasLimit: (this.gasEstimate * 3n) / 2n,
      maxFeePerGas,
      // No priority fee: the builder is paid by the contract, from the profit.
      maxPriorityFeePerGas: 0n,
    });
    const sent = await this.options.flashbots.sendRawBundle([signed], targetBlock);
    if ("error" in sent) return { blockNumber, targetBlock, best, reason: `relay: ${sent.error.message}` };
    return {
      blockNumber,
      targetBlock,
      best,
      bundle: { txHash: sent.bundleTransactions[0]!.hash, bundleHash: sent.bundleHash },
    };
  }

  /** The WETH/X pair of each watched token on both venues (looked up once). */
  private async watchedPairs(): Promise<Map<string, Record<V2VenueName, string>>> {
    if (this.pairs !== undefined) return this.pairs;
    const { provider, addresses } = this.options;
    const pairs = new Map<string, Record<V2VenueName, string>>();
    for (const token of this.options.tokens) {
      const lookup = async (venue: V2VenueName) =>
        (await new Contract(v2Venue(addresses, venue).factory, V2_FACTORY, provider).getFunction("getPair")(
          addresses.weth,
          token,
        )) as string;
      const [uni, sushi] = [await lookup("uni"), await lookup("sushi")];
      if (uni !== ZeroAddress && sushi !== ZeroAddress) pairs.set(token, { uni, sushi });
    }
    this.pairs = pairs;
    return pairs;
  }

  private async wethReserves(pair: string): Promise<{ weth: bigint; token: bigint }> {
    const contract = new Contract(pair, V2_PAIR, this.options.provider);
    const [r0, r1] = (await contract.getFunction("getReserves")()) as [bigint, bigint];
    const wethIs0 =
      BigInt(this.options.addresses.weth) < BigInt((await contract.getFunction("token1")()) as string);
    return wethIs0 ? { weth: r0, token: r1 } : { weth: r1, token: r0 };
  }
}
