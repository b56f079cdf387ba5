/**
 * How the risk gate values amounts. The keeper builds a Prices from on-chain pool prices (e.g. the
 * marginal rate of the deepest pool between each token and a USD stablecoin or the wrapped native
 * token); the gate never calls an outside price feed. PriceTable is the plain implementation.
 */
import type { Address } from "../core/address";

export interface Prices {
  /** USD value (18 decimals, see USD_DECIMALS in limits.ts) of `amount` raw units of `token`; undefined when unknown. */
  usdValue(token: Address, amount: bigint): bigint | undefined;
  /** Raw units of `token` worth `amountWei` of the native currency; undefined when unknown. */
  nativeIn(token: Address, amountWei: bigint): bigint | undefined;
}

export interface TokenPrice {
  readonly token: Address;
  readonly decimals: number;
  /** USD per whole token, with 18 decimals (3000 USD = 3000n * 10n ** 18n). */
  readonly usdPerToken: bigint;
}

/** Prices from a table of USD prices per token; the native currency is priced as its wrapped token. */
export class PriceTable implements Prices {
  private readonly byToken: ReadonlyMap<Address, TokenPrice>;
  private readonly wrappedNative: Address;

  constructor(prices: readonly TokenPrice[], wrappedNative: Address) {
    this.byToken = new Map(prices.map((p) => [p.token.toLowerCase(), p]));
    this.wrappedNative = wrappedNative.toLowerCase();
  }

  usdValue(token: Address, amount: bigint): bigint | undefined {
    const price = this.byToken.get(token.toLowerCase());
    if (price === undefined) return undefined;
    return (amount * price.usdPerToken) / 10n ** BigInt(price.decimals);
  }

  nativeIn(token: Address, amountWei: bigint): bigint | undefined {
    const native = this.byToken.get(this.wrappedNative);
    const price = this.byToken.get(token.toLowerCase());
    if (native === undefined || price === undefined || price.usdPerToken === 0n) return undefined;
    if (token.toLowerCase() === this.wrappedNative) return amountWei;
    const usd = this.usdValue(this.wrappedNative, amountWei) as bigint;
    // round up: costs are never understated
    const scale = 10n ** BigInt(price.decimals);
    return (usd * scale + price.usdPerToken - 1n) / price.usdPerToken;
  }
}
