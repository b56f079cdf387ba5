import { z } from "zod";
import { RPC_INVALID_PARAMS, RelayRequestError } from "./errors";

/**
 * The relay's edge: Flashbots JSON-RPC params in, our types out; our results in, the documented
 * JSON shapes out (hex block numbers, decimal-string wei, numeric gas). Nothing else in the relay
 * touches the wire format.
 */

const hexData = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, "expected 0x-prefixed hex bytes");
const hexQuantity = z.string().regex(/^0x[0-9a-fA-F]+$/, "expected a 0x-prefixed hex quantity");
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "expected a 32-byte hash");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected an address");
const timestamp = z.union([z.number().int().nonnegative(), hexQuantity]).optional();

const sendBundleSchema = z.object({
  txs: z.array(hexData).min(1).max(100),
  blockNumber: hexQuantity,
  minTimestamp: timestamp,
  maxTimestamp: timestamp,
  revertingTxHashes: z.array(hash32).optional(),
  replacementUuid: z.string().min(1).optional(),
  builders: z.array(z.string()).optional(),
});

const callBundleSchema = z.object({
  txs: z.array(hexData).min(1).max(100),
  blockNumber: hexQuantity,
  stateBlockNumber: z.union([hexQuantity, z.literal("latest")]),
  timestamp: timestamp,
  coinbase: address.optional(),
});

const cancelBundleSchema = z.object({ replacementUuid: z.string().min(1) });
const bundleStatsSchema = z.object({ bundleHash: hash32, blockNumber: hexQuantity });

export interface SendBundleParams {
  readonly txs: readonly string[];
  readonly blockNumber: bigint;
  readonly minTimestamp?: bigint;
  readonly maxTimestamp?: bigint;
  readonly revertingTxHashes: readonly string[];
  readonly replacementUuid?: string;
}

export interface CallBundleParams {
  readonly txs: readonly string[];
  readonly blockNumber: bigint;
  readonly stateBlockNumber: bigint | "latest";
  readonly timestamp?: bigint;
  readonly coinbase?: string;
}

function first<T>(method: string, schema: z.ZodType<T>, params: unknown): T {
  const arg = Array.isArray(params) ? params[0] : undefined;
  const parsed = schema.safeParse(arg);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "params[0]";
    throw new RelayRequestError(RPC_INVALID_PARAMS, `${method}: ${where}: ${issue.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

const optBig = (v: number | string | undefined): bigint | undefined =>
  v === undefined ? undefined : BigInt(v);

export function parseSendBundle(params: unknown): SendBundleParams {
  const p = first("eth_sendBundle", sendBundleSchema, params);
  return {
    txs: p.txs,
    blockNumber: BigInt(p.blockNumber),
    minTimestamp: optBig(p.minTimestamp),
    maxTimestamp: optBig(p.maxTimestamp),
    revertingTxHashes: (p.revertingTxHashes ?? []).map((h) => h.toLowerCase()),
    replacementUuid: p.replacementUuid,
  };
}

export function parseCallBundle(params: unknown): CallBundleParams {
  const p = first("eth_callBundle", callBundleSchema, params);
  return {
    txs: p.txs,
    blockNumber: BigInt(p.blockNumber),
    stateBlockNumber: p.stateBlockNumber === "latest" ? "latest" : BigInt(p.stateBlockNumber),
    timestamp: optBig(p.timestamp),
    coinbase: p.coinbase,
  };
}

export function parseCancelBundle(params: unknown): { replacementUuid: string } {
  return first("eth_cancelBundle", cancelBundleSchema, params);
}

export function parseBundleStats(params: unknown): { bundleHash: string; blockNumber: bigint } {
  const p = first("flashbots_getBundleStatsV2", bundleStatsSchema, params);
  return { bundleHash: p.bundleHash.toLowerCase(), blockNumber: BigInt(p.blockNumber) };
}

/** One transaction of an eth_callBundle answer, in our types. */
export interface CallBundleTxResult {
  readonly txHash: string;
  readonly fromAddress: string;
  readonly toAddress: string | null;
  readonly gasUsed: bigint;
  readonly gasFees: bigint;
  readonly coinbaseDiff: bigint;
  readonly ethSentToCoinbase: bigint;
  readonly success: boolean;
  /** Return data on success, revert data on failure. */
  readonly output: string;
}

export interface CallBundleResult {
  readonly bundleHash: string;
  readonly stateBlockNumber: bigint;
  readonly results: readonly CallBundleTxResult[];
}

const perGas = (wei: bigint, gas: bigint): bigint => (gas === 0n ? 0n : wei / gas);

/** The documented eth_callBundle result: wei as decimal strings, gas as numbers. */
export function formatCallBundle(r: CallBundleResult): Record<string, unknown> {
  let coinbaseDiff = 0n;
  let gasFees = 0n;
  let gasUsed = 0n;
  const results = r.results.map((t) => {
    coinbaseDiff += t.coinbaseDiff;
    gasFees += t.gasFees;
    gasUsed += t.gasUsed;
    return {
      txHash: t.txHash,
      fromAddress: t.fromAddress,
      toAddress: t.toAddress ?? "0x",
      gasUsed: Number(t.gasUsed),
      gasPrice: perGas(t.coinbaseDiff, t.gasUsed).toString(),
      gasFees: t.gasFees.toString(),
      coinbaseDiff: t.coinbaseDiff.toString(),
      ethSentToCoinbase: t.ethSentToCoinbase.toString(),
      ...(t.success ? { value: t.output } : { error: "execution reverted", revert: t.output }),
    };
  });
  return {
    bundleHash: r.bundleHash,
    bundleGasPrice: perGas(coinbaseDiff, gasUsed).toString(),
    coinbaseDiff: coinbaseDiff.toString(),
    ethSentToCoinbase: (coinbaseDiff - gasFees).toString(),
    gasFees: gasFees.toString(),
    results,
    stateBlockNumber: Number(r.stateBlockNumber),
    totalGasUsed: Number(gasUsed),
  };
}

/** What the relay knows about one bundle for one block, in our types. */
export interface BundleStats {
  readonly known: boolean;
  readonly simulatedAt?: Date;
  readonly receivedAt?: Date;
  readonly consideredAt?: Date;
  readonly sealedAt?: Date;
  readonly includedInBlock?: bigint;
  readonly builderPubkey: string;
}

/**
 * The documented flashbots_getBundleStatsV2 shape. An unknown bundle answers `isSimulated: false`
 * alone, as the docs say. `isHighPriority` is true for every searcher: this relay has one queue.
 * `includedInBlock` is our extension (absent from the docs) so a test need not scan blocks.
 */
export function formatBundleStats(s: BundleStats): Record<string, unknown> {
  if (!s.known) return { isSimulated: false };
  const entry = (at: Date | undefined) =>
    at === undefined ? [] : [{ pubkey: s.builderPubkey, timestamp: at.toISOString() }];
  return {
    isHighPriority: true,
    isSimulated: s.simulatedAt !== undefined,
    ...(s.simulatedAt ? { simulatedAt: s.simulatedAt.toISOString() } : {}),
    receivedAt: s.receivedAt?.toISOString(),
    consideredByBuildersAt: entry(s.consideredAt),
    sealedByBuildersAt: entry(s.sealedAt),
    ...(s.includedInBlock !== undefined ? { includedInBlock: `0x${s.includedInBlock.toString(16)}` } : {}),
  };
}
