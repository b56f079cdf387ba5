import { JsonRpcProvider } from "ethers";
import { OmniArbError } from "../core/errors";
import { revertDataOf } from "./revertData";
import type { LogWithBlock } from "./log";
import type { BlockRef } from "./blockTracker";

/** A block header as the keeper uses it: the tracker's fields plus what fees and time need. */
export interface BlockHeader extends BlockRef {
  readonly timestamp: number;
  readonly baseFeePerGas: bigint;
  readonly gasLimit: bigint;
  readonly gasUsed: bigint;
}

/**
 * The few JSON-RPC calls the keeper makes, in our own types. Everything wire-shaped (hex
 * quantities, nullable fields) is converted here and nowhere else. Retries, caching and rate
 * limits are wrappers around this interface, never inside it.
 */
export interface ChainRpc {
  chainId(): Promise<bigint>;
  blockNumber(): Promise<number>;
  headerByNumber(n: number | "latest"): Promise<BlockHeader>;
  headerByHash(hash: string): Promise<BlockHeader | null>;
  /** Logs of one block by hash (immune to a reorg between header and logs). */
  logsOfBlock(blockHash: string, topics: readonly string[]): Promise<LogWithBlock[]>;
  /** Logs over a range, for catching up and discovery. */
  logsInRange(
    from: number,
    to: number,
    topics: readonly string[],
    addresses?: readonly string[],
  ): Promise<LogWithBlock[]>;
  /** `eth_call` with no `to` (deployless readers) or with one. */
  call(request: CallRequest): Promise<string>;
  /** `eth_estimateGas` of the same request. */
  estimateGas(request: CallRequest): Promise<bigint>;
  /** Runtime code at an address ("0x" for none). */
  code(address: string, blockTag?: string | number): Promise<string>;
  /**
   * Starts reading a block's header and logs (with the topics of the last `logsOfBlock` call) at
   * once, so that they travel in one round trip; the next `headerByHash` / `logsOfBlock` for that
   * block take the answers instead of asking again. Optional: a hint, never required.
   */
  prefetchBlock?(blockHash: string): void;
  /** How many JSON-RPC requests have been sent (a batch counts as one), for benchmarks. */
  readonly requestCount: number;
}

export interface CallRequest {
  readonly from?: string;
  readonly to?: string;
  readonly data: string;
  readonly value?: bigint;
  readonly gas?: bigint;
  /** EIP-1559 fee fields: a call priced as the real transaction will be (tx.gasprice is not 0). */
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  readonly blockTag?: string | number;
}

export class RpcError extends OmniArbError {
  override readonly name = "RpcError";
}

type WireBlock = {
  number: string;
  hash: string;
  parentHash: string;
  timestamp: string;
  baseFeePerGas?: string;
  gasLimit: string;
  gasUsed: string;
};
type WireLog = {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  logIndex: string;
  removed?: boolean;
};

function toHeader(b: WireBlock): BlockHeader {
  return {
    number: Number(BigInt(b.number)),
    hash: b.hash,
    parentHash: b.parentHash,
    timestamp: Number(BigInt(b.timestamp)),
    baseFeePerGas: b.baseFeePerGas === undefined ? 0n : BigInt(b.baseFeePerGas),
    gasLimit: BigInt(b.gasLimit),
    gasUsed: BigInt(b.gasUsed),
  };
}

function toLog(l: WireLog): LogWithBlock {
  return {
    address: l.address.toLowerCase(),
    topics: l.topics,
    data: l.data,
    blockNumber: Number(BigInt(l.blockNumber)),
    blockHash: l.blockHash,
    logIndex: Number(BigInt(l.logIndex)),
    removed: l.removed === true,
  };
}

const hex = (n: number | bigint) => "0x" + n.toString(16);

function wireTag(tag: string | number | undefined): string {
  return tag === undefined ? "latest" : typeof tag === "number" ? hex(tag) : tag;
}

function wireCall(r: CallRequest): Record<string, string> {
  const tx: Record<string, string> = { data: r.data };
  if (r.from) tx.from = r.from;
  if (r.to) tx.to = r.to;
  if (r.value !== undefined) tx.value = hex(r.value);
  if (r.gas !== undefined) tx.gas = hex(r.gas);
  if (r.maxFeePerGas !== undefined) tx.maxFeePerGas = hex(r.maxFeePerGas);
  if (r.maxPriorityFeePerGas !== undefined) tx.maxPriorityFeePerGas = hex(r.maxPriorityFeePerGas);
  return tx;
}

/** Sends one JSON-RPC request and returns its `result` (throws on a JSON-RPC error). */
export type JsonRpcSend = (method: string, params: unknown[]) => Promise<unknown>;

/**
 * ChainRpc over any JSON-RPC transport: ethers' JsonRpcProvider for real endpoints (see
 * `httpChainRpc`), or an EIP-1193 provider such as Hardhat's in-process network in tests.
 */
/** Prefetched blocks kept for their consumer; more is a block nobody asked for. */
const PREFETCH_KEEP = 8;

/** What prefetchBlock started for one block, each answer taken by its first consumer. */
interface Prefetched {
  header?: Promise<BlockHeader | null>;
  logs?: { readonly topics: string; readonly answer: Promise<LogWithBlock[]> };
}

export class JsonRpcChainRpc implements ChainRpc {
  private sent = 0;
  /** Topics of the last logsOfBlock call: what the next block's prefetch asks for. */
  private logTopics: readonly string[] | undefined;
  /** Answers started by prefetchBlock, each taken by its first consumer. By block hash. */
  private readonly prefetched = new Map<string, Prefetched>();

  constructor(private readonly transport: JsonRpcSend) {}

  get requestCount(): number {
    return this.sent;
  }

  /** Counts one request on the wire (transports that batch call this once per batch). */
  countRequest(): void {
    this.sent += 1;
  }

  private async send<T>(method: string, params: unknown[]): Promise<T> {
    try {
      return (await this.transport(method, params)) as T;
    } catch (err) {
      throw new RpcError(
        "RPC_FAILED",
        `${method} failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
        { cause: err, details: { method, revertData: revertDataOf(err) } },
      );
    }
  }

  async chainId(): Promise<bigint> {
    return BigInt(await this.send<string>("eth_chainId", []));
  }

  async blockNumber(): Promise<number> {
    return Number(BigInt(await this.send<string>("eth_blockNumber", [])));
  }

  async headerByNumber(n: number | "latest"): Promise<BlockHeader> {
    const b = await this.send<WireBlock | null>("eth_getBlockByNumber", [n === "latest" ? n : hex(n), false]);
    if (!b) throw new RpcError("RPC_NO_BLOCK", `block ${n} not found`, { details: { block: n } });
    return toHeader(b);
  }

  prefetchBlock(blockHash: string): void {
    if (this.prefetched.has(blockHash)) return;
    // Both answers are immutable for a block hash, so using them later is exactly asking later.
    const header = this.fetchHeaderByHash(blockHash);
    header.catch(() => undefined); // the consumer sees the rejection
    const entry: Prefetched = { header };
    if (this.logTopics !== undefined) {
      const answer = this.fetchLogsOfBlock(blockHash, this.logTopics);
      answer.catch(() => undefined);
      entry.logs = { topics: this.logTopics.join(","), answer };
    }
    this.prefetched.set(blockHash, entry);
    for (const k of this.prefetched.keys()) {
      if (this.prefetched.size <= PREFETCH_KEEP) break;
      this.prefetched.delete(k);
    }
  }

  async headerByHash(hash: string): Promise<BlockHeader | null> {
    const entry = this.prefetched.get(hash);
    if (entry?.header !== undefined) {
      const header = entry.header;
      entry.header = undefined;
      if (entry.logs === undefined) this.prefetched.delete(hash);
      return await header;
    }
    return await this.fetchHeaderByHash(hash);
  }

  private async fetchHeaderByHash(hash: string): Promise<BlockHeader | null> {
    const b = await this.send<WireBlock | null>("eth_getBlockByHash", [hash, false]);
    return b ? toHeader(b) : null;
  }

  async logsOfBlock(blockHash: string, topics: readonly string[]): Promise<LogWithBlock[]> {
    this.logTopics = topics;
    const entry = this.prefetched.get(blockHash);
    if (entry?.logs !== undefined && entry.logs.topics === topics.join(",")) {
      const answer = entry.logs.answer;
      entry.logs = undefined;
      if (entry.header === undefined) this.prefetched.delete(blockHash);
      return await answer;
    }
    return await this.fetchLogsOfBlock(blockHash, topics);
  }

  private async fetchLogsOfBlock(blockHash: string, topics: readonly string[]): Promise<LogWithBlock[]> {
    const logs = await this.send<WireLog[]>("eth_getLogs", [{ blockHash, topics: [topics] }]);
    return logs.map(toLog);
  }

  async logsInRange(
    from: number,
    to: number,
    topics: readonly string[],
    addresses?: readonly string[],
  ): Promise<LogWithBlock[]> {
    const filter: Record<string, unknown> = { fromBlock: hex(from), toBlock: hex(to), topics: [topics] };
    if (addresses) filter.address = addresses;
    const logs = await this.send<WireLog[]>("eth_getLogs", [filter]);
    return logs.map(toLog);
  }

  async call(request: CallRequest): Promise<string> {
    return await this.send<string>("eth_call", [wireCall(request), wireTag(request.blockTag)]);
  }

  async code(address: string, blockTag?: string | number): Promise<string> {
    return await this.send<string>("eth_getCode", [address, wireTag(blockTag)]);
  }

  async estimateGas(request: CallRequest): Promise<bigint> {
    return BigInt(await this.send<string>("eth_estimateGas", [wireCall(request), wireTag(request.blockTag)]));
  }
}

/** A ChainRpc over HTTP(S) through ethers' JsonRpcProvider, with JSON-RPC batching. */
export function httpChainRpc(
  url: string,
  chainId?: bigint,
): { rpc: JsonRpcChainRpc; provider: JsonRpcProvider } {
  // A 1 ms stall still groups the calls one tick issues into one batch, without ethers'
  // default 10 ms wait on the block-to-decision path.
  const provider = new JsonRpcProvider(url, chainId === undefined ? undefined : Number(chainId), {
    staticNetwork: chainId !== undefined,
    batchStallTime: 1,
    batchMaxCount: 100,
  });
  const rpc = new JsonRpcChainRpc((method, params) => provider.send(method, params));
  // Count what actually goes on the wire: one per HTTP request, however many calls it batches.
  const original = provider._send.bind(provider);
  provider._send = async (payload) => {
    rpc.countRequest();
    return await original(payload);
  };
  return { rpc, provider };
}
