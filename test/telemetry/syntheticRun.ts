/**
 * A realistic, deterministic keeper run as a list of events, for the metrics and dashboard tests:
 * every block is synced and evaluated; most blocks have opportunities; some are rejected by risk,
 * some fail simulation, the rest are handed to two relays and end included, outbid or rejected.
 */
import type { KeeperEventMap, KeeperEvents } from "../../bot/events/keeperEvents";
import type { TokenInfo } from "../../bot/config/types";

export const WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
export const USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
export const DAI = "0x6b175474e89094c44da98b954eedeac495271d0f";
export const TOKENS: readonly TokenInfo[] = [
  { symbol: "WETH", address: WETH, decimals: 18 },
  { symbol: "USDC", address: USDC, decimals: 6 },
  { symbol: "DAI", address: DAI, decimals: 18 },
];
/** The keeper's decision paths are the cycle's pools, in order. */
export const POOLS = {
  wethUsdcV3: "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640",
  usdcDaiV3: "0x5777d92f208679db4b9778590fa3cab3ac9e2168",
  daiWethV2: "0xa478c2975ab1ea89e8196811f51a7b7ade33eb11",
  usdcWethV2: "0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc",
  daiUsdcV2: "0xae461ca67b15dc8dc81ce7615e0320da1a9ab8d5",
} as const;
export const RELAYS = ["https://relay.flashbots.net", "https://rpc.beaverbuild.org/?apiKey=abc123"];

export type KeeperEvent = {
  [K in keyof KeeperEventMap]: readonly [K, ...KeeperEventMap[K]];
}[keyof KeeperEventMap];

export function emit(events: KeeperEvents, list: readonly KeeperEvent[]): void {
  for (const [name, payload] of list) (events.emit as (n: string, p: unknown) => boolean)(name, payload);
}

const hash = (n: number) => "0x" + n.toString(16).padStart(64, "0");
const keyOf = (block: number) => "0x" + (block * 7919).toString(16).padStart(64, "a");

/** How block `n` of the run ends (cycled): the submission outcome, or where the opportunity stopped. */
type Fate = "included" | "outbid" | "risk" | "included-usdc" | "sim-revert" | "rejected" | "quiet";
const FATES: readonly Fate[] = [
  "included",
  "outbid",
  "risk",
  "included-usdc",
  "sim-revert",
  "rejected",
  "quiet",
];

export interface RunSummary {
  readonly blocks: number;
  readonly opportunities: number;
  readonly decisions: Record<string, number>;
  readonly outcomes: { included: number; "not-included": number; failed: number };
  readonly attempts: Record<string, number>;
  readonly realised: Record<string, bigint>;
  readonly realisedUsd: number;
  readonly gasCostWei: bigint;
  readonly handoffMs: number[];
  readonly stageMs: Record<string, number[]>;
  readonly lastBlock: number;
}

/** Blocks `from` .. `from + count - 1`, with `startMs` as the first block's receive time. */
export function syntheticRun(from: number, count: number, startMs = 1_764_000_000_000): KeeperEvent[] {
  const out: KeeperEvent[] = [];
  for (let i = 0; i < count; i++) {
    const number = from + i;
    const receivedAtMs = startMs + i * 12_000;
    const fate = FATES[number % FATES.length];
    out.push([
      "block",
      { number, hash: hash(number), changedPools: 3 + (i % 5), reorgDepth: i === 3 ? 1 : 0, receivedAtMs },
    ]);
    out.push(["stage", { stage: "sync", ms: 4 + (i % 3) }]);
    out.push(["stage", { stage: "evaluate", ms: 18 + (i % 4) * 2 }]);
    if (fate === "quiet") {
      out.push(["opportunities", { block: number, count: 0, bestProfitUsd: undefined }]);
      continue;
    }
    const token = fate === "included-usdc" ? USDC : WETH;
    const profit =
      token === WETH ? 3_000_000_000_000_000n + BigInt(number % 1000) : 9_250_000n + BigInt(number % 1000);
    const profitUsd = token === WETH ? 9.6 : 9.25;
    const key = keyOf(number);
    out.push(["opportunities", { block: number, count: 2, bestProfitUsd: profitUsd }]);
    out.push(["stage", { stage: "risk", ms: 0.4 }]);
    out.push([
      "decision",
      {
        block: number,
        key: keyOf(number + 100_000),
        path: [POOLS.usdcDaiV3, POOLS.daiUsdcV2],
        profitToken: DAI,
        profit: 400_000_000_000_000_000n,
        profitUsd: 0.4,
        accepted: false,
        code: "GAS_PRICE_TOO_HIGH",
        message: "net profit 0.40 USD is below the 1.00 USD minimum after gas at 31.5 gwei",
      },
    ]);
    const path =
      token === WETH
        ? [POOLS.wethUsdcV3, POOLS.usdcDaiV3, POOLS.daiWethV2]
        : [POOLS.usdcWethV2, POOLS.wethUsdcV3];
    if (fate === "risk") {
      out.push([
        "decision",
        {
          block: number,
          key,
          path,
          profitToken: token,
          profit,
          profitUsd,
          accepted: false,
          code: "TRADE_TOO_LARGE",
          message: "trade of 52000.00 USD exceeds the 50000.00 USD limit",
        },
      ]);
      continue;
    }
    out.push(["stage", { stage: "simulate", ms: 35 + (i % 5) * 3 }]);
    if (fate === "sim-revert") {
      out.push([
        "decision",
        {
          block: number,
          key,
          path,
          profitToken: token,
          profit,
          profitUsd,
          accepted: false,
          code: "SIM_REVERT",
          message: "simulation reverted: UniswapV2: K",
        },
      ]);
      continue;
    }
    out.push([
      "decision",
      {
        block: number,
        key,
        path,
        profitToken: token,
        profit,
        profitUsd,
        accepted: true,
        code: "ACCEPTED",
        message: "accepted",
      },
    ]);
    out.push(["handedOff", { key, block: number, ms: 60 + (i % 6) * 15 }]);
    const targetBlock = BigInt(number + 1);
    const rejectedEverywhere = fate === "rejected";
    for (const relay of RELAYS) {
      out.push([
        "attempt",
        rejectedEverywhere
          ? { idempotencyKey: key, targetBlock, relay, state: "rejected", error: "bundle gas limit exceeded" }
          : { idempotencyKey: key, targetBlock, relay, state: "sent", bundleHash: hash(number * 31) },
      ]);
    }
    out.push(["stage", { stage: "submit", ms: 8 + (i % 2) }]);
    const predictedProfit = profit - profit / 10n;
    if (fate === "included" || fate === "included-usdc") {
      out.push([
        "outcome",
        {
          key,
          targetBlock,
          predictedProfit,
          profitToken: token,
          realisedProfitUsd: profitUsd * 0.9,
          outcome: {
            kind: "included",
            blockNumber: targetBlock,
            txHash: hash(number * 97),
            gasUsed: 182_000n,
            gasCostWei: 182_000n * 21_000_000_000n,
            realisedProfit: predictedProfit,
            builderPayment: profit / 10n,
          },
        },
      ]);
    } else if (fate === "outbid") {
      out.push([
        "outcome",
        {
          key,
          targetBlock,
          predictedProfit,
          profitToken: token,
          realisedProfitUsd: undefined,
          outcome: {
            kind: "not-included",
            reason: "outbid",
            lastTargetBlock: targetBlock,
            detail: "block built without it",
          },
        },
      ]);
    } else {
      out.push([
        "outcome",
        {
          key,
          targetBlock,
          predictedProfit,
          profitToken: token,
          realisedProfitUsd: undefined,
          outcome: {
            kind: "failed",
            reason: "rejected",
            detail: "rejected by every relay: bundle gas limit exceeded",
          },
        },
      ]);
    }
  }
  return out;
}

/** What a run contains, counted straight from its events (the tests' expectations). */
export function summarise(list: readonly KeeperEvent[]): RunSummary {
  const s = {
    blocks: 0,
    opportunities: 0,
    decisions: {} as Record<string, number>,
    outcomes: { included: 0, "not-included": 0, failed: 0 },
    attempts: {} as Record<string, number>,
    realised: {} as Record<string, bigint>,
    realisedUsd: 0,
    gasCostWei: 0n,
    handoffMs: [] as number[],
    stageMs: {} as Record<string, number[]>,
    lastBlock: 0,
  };
  for (const event of list) {
    switch (event[0]) {
      case "block":
        s.blocks += 1;
        s.lastBlock = event[1].number;
        break;
      case "opportunities":
        s.opportunities += event[1].count;
        break;
      case "decision":
        s.decisions[event[1].code] = (s.decisions[event[1].code] ?? 0) + 1;
        break;
      case "attempt":
        s.attempts[event[1].state] = (s.attempts[event[1].state] ?? 0) + 1;
        break;
      case "handedOff":
        s.handoffMs.push(event[1].ms);
        break;
      case "stage":
        (s.stageMs[event[1].stage] ??= []).push(event[1].ms);
        break;
      case "outcome": {
        const o = event[1].outcome;
        s.outcomes[o.kind] += 1;
        s.realisedUsd += event[1].realisedProfitUsd ?? 0;
        if (o.kind === "included") {
          s.realised[event[1].profitToken] = (s.realised[event[1].profitToken] ?? 0n) + o.realisedProfit;
          s.gasCostWei += o.gasCostWei;
        }
        break;
      }
      default:
        break;
    }
  }
  return s;
}
