import { expect } from "chai";
import {
  CLOSED_BREAKER,
  breakerAfter,
  breakerAt,
  isBreakerOpen,
  replayBreaker,
  successRateBps,
} from "../../bot/decide/risk/breaker";
import type { BreakerState } from "../../bot/decide/risk/breaker";
import type { BreakerSettings } from "../../bot/decide/risk/limits";

const SETTINGS: BreakerSettings = {
  maxConsecutiveFailures: 3,
  window: 10,
  minSuccessRateBps: 8_000,
  minSamples: 5,
  coolDownMs: 60_000,
};

function feed(
  outcomes: string,
  start: BreakerState = CLOSED_BREAKER,
  atMs = 0,
  settings: BreakerSettings = SETTINGS,
): BreakerState {
  let state = start;
  for (const c of outcomes) state = breakerAfter(state, c === "s", atMs, settings);
  return state;
}

describe("risk: circuit breaker", () => {
  it("stays closed while outcomes are good", () => {
    const state = feed("ssssssssss");
    expect(isBreakerOpen(state, 0, SETTINGS)).to.equal(false);
    expect(successRateBps(state)).to.equal(10_000);
  });

  it("trips after N consecutive failures", () => {
    expect(isBreakerOpen(feed("sff"), 0, SETTINGS)).to.equal(false);
    const state = feed("sfff");
    expect(isBreakerOpen(state, 0, SETTINGS)).to.equal(true);
    expect(state.trip).to.equal("consecutive-failures");
  });

  it("a success resets the consecutive count", () => {
    const rateOff = { ...SETTINGS, minSamples: 100 }; // isolate the consecutive rule
    const state = feed("ffsff", CLOSED_BREAKER, 0, rateOff);
    expect(state.consecutiveFailures).to.equal(2);
    expect(isBreakerOpen(state, 0, rateOff)).to.equal(false);
  });

  it("trips when the success rate over the window falls below the floor", () => {
    // 7 of 9 = 77.8 % < 80 %, never 3 failures in a row
    const state = feed("sfssfsssf");
    expect(state.trip).to.equal("success-rate");
    expect(isBreakerOpen(state, 0, SETTINGS)).to.equal(true);
  });

  it("does not judge the rate before minSamples outcomes", () => {
    expect(isBreakerOpen(feed("sfsf"), 0, SETTINGS)).to.equal(false);
    expect(isBreakerOpen(feed("sfsff"), 0, SETTINGS)).to.equal(true);
  });

  it("judges only the last `window` outcomes", () => {
    // old failures fall out of the window: 10 successes after them leave 100 %
    const state = feed("ssssssssss", feed("ff"));
    expect(state.recent).to.have.length(SETTINGS.window);
    expect(successRateBps(state)).to.equal(10_000);
  });

  it("closes and forgets its history after the cool-down", () => {
    const tripped = feed("fff", CLOSED_BREAKER, 1_000);
    expect(isBreakerOpen(tripped, 1_000 + SETTINGS.coolDownMs - 1, SETTINGS)).to.equal(true);
    expect(breakerAt(tripped, 1_000 + SETTINGS.coolDownMs, SETTINGS)).to.deep.equal(CLOSED_BREAKER);
    // an outcome arriving after the cool-down starts from a closed breaker
    const next = breakerAfter(tripped, false, 1_000 + SETTINGS.coolDownMs, SETTINGS);
    expect(next.consecutiveFailures).to.equal(1);
    expect(isBreakerOpen(next, 1_000 + SETTINGS.coolDownMs, SETTINGS)).to.equal(false);
  });

  it("outcomes during the open period do not extend it", () => {
    const tripped = feed("fff", CLOSED_BREAKER, 0);
    const later = breakerAfter(tripped, false, 30_000, SETTINGS);
    expect(later.trippedAtMs).to.equal(0);
    expect(isBreakerOpen(later, SETTINGS.coolDownMs, SETTINGS)).to.equal(false);
  });

  it("replayBreaker rebuilds the same state from a list of timed outcomes", () => {
    const outcomes = [..."sfff"].map((c, i) => ({ success: c === "s", atMs: i * 10 }));
    const replayed = replayBreaker(outcomes, 40, SETTINGS);
    expect(replayed.trip).to.equal("consecutive-failures");
    expect(replayBreaker(outcomes, 30 + SETTINGS.coolDownMs, SETTINGS)).to.deep.equal(CLOSED_BREAKER);
  });
});
