import type { Wallet } from "ethers";
import { ERC20, MAX_UINT256 } from "./abis";
import type { DevnetAddresses } from "./addresses";
import { amountForUsd } from "./prices";
import { RawSender, waitForReceipts, type RpcProvider } from "./rawSender";
import type { PricedToken } from "./referencePrices";

const GWEI = 10n ** 9n;

/**
 * Readies noise traders (accounts that already hold ETH): each wraps ETH into WETH, mints `usdEach`
 * worth of every other demo token (open mint) and approves both V2 routers, the V3 SwapRouter and
 * the position manager. Waits for the receipts, so the node must be mining.
 */
export async function fundTraders(options: {
  readonly provider: RpcProvider;
  readonly traders: ReadonlyArray<Wallet>;
  readonly tokens: ReadonlyArray<PricedToken>;
  readonly addresses: DevnetAddresses;
  readonly usdEach?: bigint;
  readonly timeoutMs?: number;
}): Promise<number> {
  const { provider, traders, tokens, addresses } = options;
  const usd = options.usdEach ?? 20_000_000n;
  const sender = await RawSender.create(provider);
  await sender.beginBlock();
  const spenders = [
    addresses.uniV2.router,
    addresses.sushiV2.router,
    addresses.uniV3.swapRouter,
    addresses.uniV3.positionManager,
  ];
  const hashes: string[] = [];
  for (const trader of traders) {
    for (const token of tokens) {
      const amount = amountForUsd(usd, token.priceUsd, token.decimals);
      if (token.address === addresses.weth) {
        hashes.push(
          await sender.send(
            trader,
            token.address,
            ERC20.encodeFunctionData("deposit"),
            80_000n,
            GWEI,
            amount,
          ),
        );
      } else {
        const data = ERC20.encodeFunctionData("mint", [trader.address, amount]);
        hashes.push(await sender.send(trader, token.address, data, 120_000n, GWEI));
      }
      for (const spender of spenders) {
        const data = ERC20.encodeFunctionData("approve", [spender, MAX_UINT256]);
        hashes.push(await sender.send(trader, token.address, data, 80_000n, GWEI));
      }
    }
  }
  await waitForReceipts(provider, hashes, options.timeoutMs);
  return hashes.length;
}
