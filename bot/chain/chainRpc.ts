import { JsonRpcProvider } from "ethers";
import { OmniArbError } from "../errors";
import type { RawLog } from "../state/poolEvents";
import type { BlockRef } from "./blockTracker";

/** A block header as the keeper uses it: the tracker's fields plus what fees and time need. */
export interface BlockHeader extends BlockRef {
  readonly timestamp: number;
  readonly baseFeePerGas: bigint;
  readonly gasLimit: bigint;
}

export interface LogWithBlock extends RawLog {
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly removed: boolean;
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
  call(request: { to?: string; data: string; blockTag?: string | number }): Promise<string>;
  /** How many JSON-RPC requests have been sent (a batch counts as one), for benchmarks. */
  readonly requestCount: number;
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

const hex = (n: number) => "0x" + n.toString(16);

/** Sends one JSON-RPC request and returns its `result` (throws on a JSON-RPC error). */
export type JsonRpcSend = (method: string, params: unknown[]) => Promise<unknown>;

/**
 * ChainRpc over any JSON-RPC transport: ethers' JsonRpcProvider for real endpoints (see
 * `httpChainRpc`), or an EIP-1193 provider such as Hardhat's in-process network in tests.
 */
export class JsonRpcChainRpc implements ChainRpc {
  private sent = 0;

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
        { cause: err, details: { method } },
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

  async headerByHash(hash: string): Promise<BlockHeader | null> {
    const b = await this.send<WireBlock | null>("eth_getBlockByHash", [hash, false]);
    return b ? toHeader(b) : null;
  }

  async logsOfBlock(blockHash: string, topics: readonly string[]): Promise<LogWithBlock[]> {
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

  async call(request: { to?: string; data: string; blockTag?: string | number }): Promise<string> {
    const tag =
      request.blockTag === undefined
        ? "latest"
        : typeof request.blockTag === "number"
          ? hex(request.blockTag)
          : request.blockTag;
    const tx: Record<string, string> = { data: request.data };
    if (request.to) tx.to = request.to;
    return await this.send<string>("eth_call", [tx, tag]);
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
