/**
 * The dashboard's wire format: keeper events as JSON-safe messages. This is the edge where exact
 * bigint amounts become decimal strings (never JSON numbers, which would round them), free text is
 * passed through redactSecrets, and relay URLs are cut to their origin (a URL may carry an API key).
 */
import type { Address } from "../../core/address";
import { redactSecrets, urlOrigin } from "../../config/redact";
import type { KeeperEventMap } from "../../events/keeperEvents";

export interface WireBlock {
  readonly number: number;
  readonly hash: string;
  readonly changedPools: number;
  readonly reorgDepth: number;
  /** When the keeper received the head (its wall clock), as it reported it. */
  readonly receivedAtMs: number;
  /** When the dashboard saw the block (the server's clock): what the page measures the age from. */
  readonly seenAtMs: number;
}
export interface WireOpportunities {
  readonly block: number;
  readonly count: number;
  readonly bestProfitUsd: number | null;
  readonly atMs: number;
}
export interface WireDecision {
  readonly block: number;
  readonly key: string;
  readonly path: readonly Address[];
  readonly profitToken: Address;
  /** Raw integer units of profitToken, as a decimal string. */
  readonly profit: string;
  readonly profitUsd: number | null;
  readonly accepted: boolean;
  readonly code: string;
  readonly message: string;
  readonly atMs: number;
}
export interface WireStage {
  readonly stage: string;
  readonly ms: number;
}
export interface WireHandedOff {
  readonly key: string;
  readonly block: number;
  readonly ms: number;
  readonly atMs: number;
}
export interface WireAttempt {
  readonly key: string;
  readonly targetBlock: string;
  readonly relay: string;
  readonly state: "sent" | "rejected" | "error";
  readonly bundleHash: string | null;
  readonly txHash: string | null;
  readonly error: string | null;
  readonly atMs: number;
}
export interface WireOutcome {
  readonly key: string;
  readonly targetBlock: string;
  readonly kind: "included" | "not-included" | "failed";
  /** Why not included or failed; null when included. */
  readonly reason: string | null;
  readonly detail: string | null;
  readonly blockNumber: string | null;
  readonly txHash: string | null;
  readonly gasUsed: string | null;
  readonly gasCostWei: string | null;
  readonly realisedProfit: string | null;
  readonly builderPayment: string | null;
  readonly lastTargetBlock: string | null;
  readonly predictedProfit: string;
  readonly profitToken: Address;
  readonly realisedProfitUsd: number | null;
  readonly atMs: number;
}
export interface WireQuarantine {
  readonly kind: "pool" | "token";
  readonly address: Address;
  readonly reason: string;
  readonly atMs: number;
}
export interface WireGate {
  readonly breakerOpen: boolean;
  readonly killSwitch: boolean;
  readonly reason: string | null;
  readonly atMs: number;
}
/** Cumulative realised profit as of one block: USD, and exact raw units per profit token. */
export interface WireProfitPoint {
  readonly block: number;
  readonly usd: number;
  readonly tokens: Readonly<Record<Address, string>>;
}
/** Counts since the dashboard started (history is bounded, these are not). */
export interface WireTotals {
  readonly blocks: number;
  readonly opportunities: number;
  readonly decisions: number;
  readonly accepted: number;
  readonly attempts: number;
  readonly included: number;
  readonly notIncluded: number;
  readonly failed: number;
  readonly realisedUsd: number;
  readonly realised: Readonly<Record<Address, string>>;
}

const text = (value: string | undefined): string | null =>
  value === undefined ? null : redactSecrets(value);

/** A relay as the page shows it: "https://relay.example" from "https://relay.example/path?key=...". */
export const relayLabel = urlOrigin;

type Arg<K extends keyof KeeperEventMap> = KeeperEventMap[K][0];

export function wireDecision(d: Arg<"decision">, atMs: number): WireDecision {
  return {
    block: d.block,
    key: d.key,
    path: [...d.path],
    profitToken: d.profitToken.toLowerCase(),
    profit: d.profit.toString(),
    profitUsd: d.profitUsd ?? null,
    accepted: d.accepted,
    code: d.code,
    message: redactSecrets(d.message),
    atMs,
  };
}

export function wireAttempt(a: Arg<"attempt">, atMs: number): WireAttempt {
  return {
    key: a.idempotencyKey,
    targetBlock: a.targetBlock.toString(),
    relay: relayLabel(a.relay),
    state: a.state,
    bundleHash: a.bundleHash ?? null,
    txHash: a.txHash ?? null,
    error: text(a.error),
    atMs,
  };
}

export function wireOutcome(o: Arg<"outcome">, atMs: number): WireOutcome {
  const base = {
    key: o.key,
    targetBlock: o.targetBlock.toString(),
    predictedProfit: o.predictedProfit.toString(),
    profitToken: o.profitToken.toLowerCase(),
    realisedProfitUsd: o.realisedProfitUsd ?? null,
    atMs,
  };
  const none = {
    reason: null,
    detail: null,
    blockNumber: null,
    txHash: null,
    gasUsed: null,
    gasCostWei: null,
    realisedProfit: null,
    builderPayment: null,
    lastTargetBlock: null,
  };
  const r = o.outcome;
  switch (r.kind) {
    case "included":
      return {
        ...base,
        ...none,
        kind: r.kind,
        blockNumber: r.blockNumber.toString(),
        txHash: r.txHash,
        gasUsed: r.gasUsed.toString(),
        gasCostWei: r.gasCostWei.toString(),
        realisedProfit: r.realisedProfit.toString(),
        builderPayment: r.builderPayment.toString(),
      };
    case "not-included":
      return {
        ...base,
        ...none,
        kind: r.kind,
        reason: r.reason,
        detail: text(r.detail),
        lastTargetBlock: r.lastTargetBlock.toString(),
      };
    case "failed":
      return {
        ...base,
        ...none,
        kind: r.kind,
        reason: r.reason,
        detail: text(r.detail),
        blockNumber: r.blockNumber?.toString() ?? null,
        gasCostWei: r.gasCostWei?.toString() ?? null,
      };
  }
}

export function wireQuarantine(q: Arg<"quarantine">, atMs: number): WireQuarantine {
  return { kind: q.kind, address: q.address.toLowerCase(), reason: redactSecrets(q.reason), atMs };
}

export function wireGate(g: Arg<"gate">, atMs: number): WireGate {
  return { breakerOpen: g.breakerOpen, killSwitch: g.killSwitch, reason: text(g.reason), atMs };
}
