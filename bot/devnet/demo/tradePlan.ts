/**
 * What the noise traders intend in one step, drawn from the seed and the step index alone (no
 * chain state): which pool, which trader, a direction draw, a heavy-tailed size as a fraction of
 * the pool's depth, a tip, and now and then a liquidity change. The simulator turns an intent into
 * a transaction against the pools' current state.
 */
import type { Prng } from "../../core/prng";

export type IntendedAction =
  | {
      readonly kind: "swap";
      readonly pool: number;
      readonly trader: number;
      /** Uniform in [0, 1): below the lean probability the trader follows the reference price. */
      readonly directionDraw: number;
      /** Fraction of the pool's input-side depth (Pareto, capped). */
      readonly sizeFraction: number;
      readonly tipGwei: number;
    }
  | {
      readonly kind: "addLiquidity";
      readonly pool: number;
      readonly trader: number;
      readonly sizeFraction: number;
      /** V3 only: range ends in tick spacings below and above the current tick. */
      readonly below: number;
      readonly above: number;
      readonly tipGwei: number;
    }
  | {
      readonly kind: "removeLiquidity";
      readonly trader: number;
      /** Uniform in [0, 1): which of the trader's own positions (V2 LP or V3 NFT) to shrink. */
      readonly pick: number;
      /** Share of that position's liquidity to take out. */
      readonly share: number;
      readonly tipGwei: number;
    };

export interface PlanShape {
  readonly pools: number;
  readonly traders: number;
  /** Scales how much happens per step (1: about four swaps a block). */
  readonly intensity: number;
}

/** Smallest swap, as a fraction of depth; the Pareto tail index; the cap. */
export const SWAP_SIZE = { min: 2e-4, alpha: 1.2, max: 0.06 } as const;

export function planStep(rng: Prng, shape: PlanShape): IntendedAction[] {
  const { pools, traders, intensity } = shape;
  if (pools === 0 || traders === 0) return [];
  const actions: IntendedAction[] = [];
  const swaps = rng.poisson(4 * intensity);
  for (let i = 0; i < swaps; i++) {
    actions.push({
      kind: "swap",
      pool: rng.int(0, pools - 1),
      trader: rng.int(0, traders - 1),
      directionDraw: rng.next(),
      sizeFraction: Math.min(SWAP_SIZE.max, rng.pareto(SWAP_SIZE.min, SWAP_SIZE.alpha)),
      tipGwei: rng.int(1, 3),
    });
  }
  if (rng.next() < 0.2 * intensity) {
    actions.push({
      kind: "addLiquidity",
      pool: rng.int(0, pools - 1),
      trader: rng.int(0, traders - 1),
      sizeFraction: rng.logUniform(0.002, 0.03),
      below: rng.int(1, 25),
      above: rng.int(1, 25),
      tipGwei: rng.int(1, 3),
    });
  }
  if (rng.next() < 0.1 * intensity) {
    actions.push({
      kind: "removeLiquidity",
      trader: rng.int(0, traders - 1),
      pick: rng.next(),
      share: 0.25 + 0.75 * rng.next(),
      tipGwei: rng.int(1, 3),
    });
  }
  return actions;
}
