import { Prng } from "../../core/prng";

export interface PricedToken {
  readonly symbol: string;
  readonly address: string;
  readonly decimals: number;
  readonly priceUsd: number;
  /** Standard deviation of the log price per step. */
  readonly volatility: number;
  /** Mean change of the log price per step. */
  readonly drift: number;
}

/**
 * Reference prices as a geometric random walk: each step, log p += drift + volatility * Z, with Z
 * drawn from the seed and the step index alone. Traders lean towards these prices; the venues
 * follow them each with their own noise, which is what opens gaps between venues.
 */
export class ReferencePrices {
  private readonly log: Map<string, number>;
  private steps = 0;

  constructor(
    private readonly tokens: ReadonlyArray<PricedToken>,
    private readonly rng: Prng,
  ) {
    this.log = new Map(tokens.map((t) => [t.address, Math.log(t.priceUsd)]));
  }

  /** Moves every price one step. */
  advance(): void {
    const z = this.rng.fork("walk", this.steps);
    this.steps += 1;
    for (const t of this.tokens)
      this.log.set(t.address, this.log.get(t.address)! + t.drift + t.volatility * z.normal());
  }

  /** USD per whole token. */
  usd(address: string): number {
    return Math.exp(this.log.get(address)!);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.tokens.map((t) => [t.symbol, this.usd(t.address)]));
  }
}
