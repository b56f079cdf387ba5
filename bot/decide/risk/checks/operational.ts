/** Checks that stop all trading regardless of the opportunity: the kill switch and the breaker. */
import { breakerAt } from "../breaker";
import { reject } from "../types";
import type { RiskContext, RiskRejection } from "../types";

export function checkKillSwitch(ctx: RiskContext): RiskRejection | undefined {
  if (!ctx.killSwitch.engaged) return undefined;
  const why = ctx.killSwitch.reason === undefined ? "" : ` (${ctx.killSwitch.reason})`;
  return reject("KILL_SWITCH", `kill switch engaged${why}: no submissions`, {
    reason: ctx.killSwitch.reason,
  });
}

export function checkBreaker(ctx: RiskContext): RiskRejection | undefined {
  const settings = ctx.limits.breaker;
  const state = breakerAt(ctx.breaker, ctx.nowMs, settings);
  if (state.trippedAtMs === undefined) return undefined;
  const resumesAtMs = state.trippedAtMs + settings.coolDownMs;
  const why =
    state.trip === "consecutive-failures"
      ? `${state.consecutiveFailures} consecutive failures`
      : `success rate below ${settings.minSuccessRateBps / 100} % over the last ${state.recent.length} outcomes`;
  return reject(
    "BREAKER_OPEN",
    `circuit breaker open after ${why}; resumes at ${new Date(resumesAtMs).toISOString()}`,
    { trip: state.trip, resumesAtMs },
  );
}
