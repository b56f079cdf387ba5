/**
 * The circuit breaker, as pure functions over an immutable state. It trips after
 * `maxConsecutiveFailures` failed outcomes in a row, or when the success rate over the last
 * `window` decisive outcomes falls below `minSuccessRateBps` (once `minSamples` are in), and
 * closes again, forgetting its history, `coolDownMs` after it tripped. The journal replays stored
 * outcomes through `replayBreaker`, so a restart keeps the breaker's state.
 */
import type { BreakerSettings } from "./limits";

export type BreakerTrip = "consecutive-failures" | "success-rate";

export interface BreakerState {
  readonly consecutiveFailures: number;
  /** Most recent decisive outcomes, oldest first, at most `window` long: true = success. */
  readonly recent: readonly boolean[];
  readonly trippedAtMs: number | undefined;
  readonly trip: BreakerTrip | undefined;
}

export const CLOSED_BREAKER: BreakerState = {
  consecutiveFailures: 0,
  recent: [],
  trippedAtMs: undefined,
  trip: undefined,
};

/** The state as seen at `nowMs`: a tripped breaker whose cool-down has passed is closed and reset. */
export function breakerAt(state: BreakerState, nowMs: number, settings: BreakerSettings): BreakerState {
  if (state.trippedAtMs !== undefined && nowMs - state.trippedAtMs >= settings.coolDownMs)
    return CLOSED_BREAKER;
  return state;
}

export function isBreakerOpen(state: BreakerState, nowMs: number, settings: BreakerSettings): boolean {
  return breakerAt(state, nowMs, settings).trippedAtMs !== undefined;
}

/** Success rate of the window in basis points, or undefined when the window is empty. */
export function successRateBps(state: BreakerState): number | undefined {
  if (state.recent.length === 0) return undefined;
  const successes = state.recent.filter(Boolean).length;
  return Math.floor((successes * 10_000) / state.recent.length);
}

/** The state after one decisive outcome (included = success, failed = failure) at `atMs`. */
export function breakerAfter(
  previous: BreakerState,
  success: boolean,
  atMs: number,
  settings: BreakerSettings,
): BreakerState {
  const state = breakerAt(previous, atMs, settings);
  const recent = [...state.recent, success].slice(-settings.window);
  const consecutiveFailures = success ? 0 : state.consecutiveFailures + 1;
  if (state.trippedAtMs !== undefined) return { ...state, recent, consecutiveFailures };
  let trip: BreakerTrip | undefined;
  if (consecutiveFailures >= settings.maxConsecutiveFailures) trip = "consecutive-failures";
  else if (recent.length >= settings.minSamples) {
    const successes = recent.filter(Boolean).length;
    if (successes * 10_000 < settings.minSuccessRateBps * recent.length) trip = "success-rate";
  }
  return { consecutiveFailures, recent, trippedAtMs: trip === undefined ? undefined : atMs, trip };
}

/** Replays outcomes (in time order) from a closed breaker and returns the state at `nowMs`. */
export function replayBreaker(
  outcomes: readonly { readonly success: boolean; readonly atMs: number }[],
  nowMs: number,
  settings: BreakerSettings,
): BreakerState {
  let state = CLOSED_BREAKER;
  for (const outcome of outcomes) state = breakerAfter(state, outcome.success, outcome.atMs, settings);
  return breakerAt(state, nowMs, settings);
}
