/**
 * A hop's output as a smooth float function of its input, for locating the optimum before exact
 * integer work. Never used for amounts: the result only seeds refineInput, which uses exact quotes.
 */
export interface FloatCurve {
  /** Output for input x >= 0; 0 when the pool cannot take x. */
  out(x: number): number;
  /** d out / d x at x; 0 when the pool cannot take x. */
  slope(x: number): number;
}

/** Constant product x*y=k with fee multiplier g: out = g*Ro*x / (Ri + g*x). */
export function constantProductCurve(reserveIn: number, reserveOut: number, g: number): FloatCurve {
  return {
    out: (x) => (g * reserveOut * x) / (reserveIn + g * x),
    slope: (x) => {
      const d = reserveIn + g * x;
      return (g * reserveOut * reserveIn) / (d * d);
    },
  };
}

/**
 * A curve out(x) = a x / (b + c x) lying at or above a hop's exact output at every input: chains of
 * them compose into one of the same shape, whose maximum profit is closed-form
 * (bot/strategies/cycle-arb/profitBound.ts).
 */
export interface HopBound {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}
