/**
 * Prices and amounts of the demo market. Reference prices are plain numbers (USD per whole token:
 * they follow a random walk, which is float arithmetic by nature); every amount that reaches a
 * chain is a bigint derived from a price fixed to 18 decimals.
 */
import { isqrt } from "../../core/isqrt";

const E18 = 10n ** 18n;

/** A positive USD price as an 18-decimal bigint. */
export function priceE18(priceUsd: number): bigint {
  if (!(priceUsd > 0) || !Number.isFinite(priceUsd)) throw new RangeError(`bad price ${priceUsd}`);
  return BigInt(Math.round(priceUsd * 1e18));
}

/** Raw amount of a token (its decimals) worth `usd` whole dollars at `priceUsd`. */
export function amountForUsd(usd: bigint, priceUsd: number, decimals: number): bigint {
  return (usd * E18 * 10n ** BigInt(decimals)) / priceE18(priceUsd);
}

/**
 * sqrtPriceX96 of a V3 pool whose token0 is worth price0 and token1 price1 (USD per whole token):
 * sqrt(raw token1 per raw token0) * 2^96, rounded down.
 */
export function sqrtPriceX96At(price0: number, dec0: number, price1: number, dec1: number): bigint {
  const numerator = (priceE18(price0) * 10n ** BigInt(dec1)) << 192n;
  return isqrt(numerator / (priceE18(price1) * 10n ** BigInt(dec0)));
}

/** Whole token1 per whole token0 from a V3 sqrtPriceX96, as a float (for comparisons only). */
export function v3Price(sqrtPriceX96: bigint, dec0: number, dec1: number): number {
  const ratio = Number(sqrtPriceX96) / 2 ** 96;
  return ratio * ratio * 10 ** (dec0 - dec1);
}

/** Whole token1 per whole token0 from V2 reserves, as a float (for comparisons only). */
export function v2Price(reserve0: bigint, reserve1: bigint, dec0: number, dec1: number): number {
  if (reserve0 === 0n) return 0;
  return (Number(reserve1) / Number(reserve0)) * 10 ** (dec0 - dec1);
}
