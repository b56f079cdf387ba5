import { Signature, Transaction, getAddress } from "ethers";
import { NodeRpcError } from "./errors";

/**
 * The JSON-RPC client of the node the relay drives (a Hardhat node with mining off). This is the
 * one place where the node's wire format (hex quantities, transaction objects) is turned into our
 * types: everything above it sees bigint and checksummed addresses.
 */

/** A transaction waiting in (or taken from) a pool, with the signed bytes to send it again. */
export interface PoolTx {
  readonly hash: string;
  readonly from: string;
  readonly nonce: bigint;
  readonly raw: string;
}

export interface PendingPool {
  readonly movable: readonly PoolTx[];
  /** Hashes of pending transactions that cannot be rebuilt, so must not be dropped for good. */
  readonly stuck: readonly string[];
}

export interface BlockInfo {
  readonly number: bigint;
  readonly hash: string;
  readonly timestamp: bigint;
  readonly baseFeePerGas: bigint;
  readonly miner: string;
  readonly txHashes: readonly string[];
}

export interface ReceiptInfo {
  readonly hash: string;
  readonly blockNumber: bigint;
  readonly index: number;
  readonly success: boolean;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  readonly from: string;
  readonly to: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type RpcObject = Record<string, Json>;

const q = (v: Json | undefined): bigint => (v === undefined || v === null ? 0n : BigInt(v as string));
const hex = (v: bigint): string => `0x${v.toString(16)}`;

export class NodeClient {
  private nextId = 1;

  constructor(readonly url: string) {}

  async call<T = Json>(method: string, params: Json[] = []): Promise<T> {
    const body = JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params });
    let res: Response;
    try {
      res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    } catch (cause) {
      throw new NodeRpcError("NODE_UNREACHABLE", `node at ${this.url} is unreachable`, { cause });
    }
    let json: { result?: T; error?: { code: number; message: string } };
    try {
      json = (await res.json()) as typeof json;
    } catch (cause) {
      throw new NodeRpcError("NODE_BAD_ANSWER", `${method}: node answered HTTP ${res.status} without JSON`, {
        cause,
      });
    }
    if (json.error) {
      throw new NodeRpcError("NODE_RPC_ERROR", `${method}: ${json.error.message}`, {
        details: { method, code: json.error.code, nodeMessage: json.error.message },
      });
    }
    return json.result as T;
  }

  async chainId(): Promise<bigint> {
    return q(await this.call("eth_chainId"));
  }

  async blockNumber(): Promise<bigint> {
    return q(await this.call("eth_blockNumber"));
  }

  async coinbase(): Promise<string> {
    return getAddress(await this.call<string>("eth_coinbase"));
  }

  async block(tag: bigint | "latest"): Promise<BlockInfo> {
    const b = await this.call<RpcObject | null>("eth_getBlockByNumber", [
      typeof tag === "bigint" ? hex(tag) : tag,
      false,
    ]);
    if (b === null) throw new NodeRpcError("NODE_NO_BLOCK", `node has no block ${String(tag)}`);
    return {
      number: q(b.number),
      hash: b.hash as string,
      timestamp: q(b.timestamp),
      baseFeePerGas: q(b.baseFeePerGas),
      miner: getAddress(b.miner as string),
      txHashes: b.transactions as string[],
    };
  }

  /** The transactions of a mined block that can be sent again (see pendingTransactions). */
  async blockTransactions(number: bigint): Promise<PoolTx[]> {
    const b = await this.call<RpcObject | null>("eth_getBlockByNumber", [hex(number), true]);
    if (b === null) throw new NodeRpcError("NODE_NO_BLOCK", `node has no block ${number}`);
    return [...splitPool(b.transactions as RpcObject[]).movable];
  }

  /**
   * Every transaction the node holds but has not mined (Hardhat's eth_pendingTransactions), split
   * into those whose signed bytes we can rebuild (movable: they can be dropped and sent again) and
   * those we cannot (stuck: e.g. sent from an impersonated account, which has no real signature).
   */
  async pendingTransactions(): Promise<PendingPool> {
    return splitPool(await this.call<RpcObject[]>("eth_pendingTransactions"));
  }

  async receipt(hash: string): Promise<ReceiptInfo | null> {
    const r = await this.call<RpcObject | null>("eth_getTransactionReceipt", [hash]);
    if (r === null) return null;
    return {
      hash: r.transactionHash as string,
      blockNumber: q(r.blockNumber),
      index: Number(q(r.transactionIndex)),
      success: q(r.status) === 1n,
      gasUsed: q(r.gasUsed),
      effectiveGasPrice: q(r.effectiveGasPrice),
      from: getAddress(r.from as string),
      to: r.to ? getAddress(r.to as string) : null,
    };
  }

  /** What a mined transaction returned (or its revert data), from the node's tracer. */
  async returnData(hash: string): Promise<string> {
    const t = await this.call<RpcObject>("debug_traceTransaction", [
      hash,
      { disableStack: true, disableMemory: true, disableStorage: true },
    ]);
    const v = (t.returnValue as string | undefined) ?? "";
    return v.startsWith("0x") ? v : `0x${v}`;
  }

  async balance(address: string, tag: bigint | "latest" = "latest"): Promise<bigint> {
    return q(await this.call("eth_getBalance", [address, typeof tag === "bigint" ? hex(tag) : tag]));
  }

  async nonce(address: string, tag: bigint | "latest" = "latest"): Promise<bigint> {
    return q(await this.call("eth_getTransactionCount", [address, typeof tag === "bigint" ? hex(tag) : tag]));
  }

  async snapshot(): Promise<string> {
    return await this.call<string>("evm_snapshot");
  }

  /** Back to a snapshot: state, blocks and (on Hardhat) the pending pool as they were. */
  async revert(id: string): Promise<void> {
    const ok = await this.call<boolean>("evm_revert", [id]);
    if (!ok) throw new NodeRpcError("NODE_REVERT_FAILED", `node refused to revert to snapshot ${id}`);
  }

  /** Mines one block at `timestamp` from the pending pool. */
  async mine(timestamp: bigint): Promise<void> {
    await this.call("evm_mine", [Number(timestamp)]);
  }

  /** Mines `count` blocks at once (Hardhat's hardhat_mine), used to reach a future block number. */
  async mineMany(count: bigint): Promise<void> {
    if (count > 0n) await this.call("hardhat_mine", [hex(count)]);
  }

  async sendRaw(raw: string): Promise<string> {
    return await this.call<string>("eth_sendRawTransaction", [raw]);
  }

  async drop(hash: string): Promise<void> {
    await this.call("hardhat_dropTransaction", [hash]);
  }

  async setCoinbase(address: string): Promise<void> {
    await this.call("hardhat_setCoinbase", [address]);
  }

  async setBalance(address: string, wei: bigint): Promise<void> {
    await this.call("hardhat_setBalance", [address, hex(wei)]);
  }

  /** Stops the node from mining by itself: blocks come only from the builder. */
  async stopSelfMining(): Promise<void> {
    await this.call("evm_setAutomine", [false]);
    await this.call("evm_setIntervalMining", [0]);
  }
}

function splitPool(txs: readonly RpcObject[]): PendingPool {
  const movable: PoolTx[] = [];
  const stuck: string[] = [];
  for (const t of txs) {
    try {
      movable.push(toPoolTx(t));
    } catch {
      stuck.push(t.hash as string);
    }
  }
  return { movable, stuck };
}

/**
 * Rebuilds the signed bytes of a transaction from the node's JSON. Hardhat has no
 * eth_getRawTransactionByHash; the fields plus the signature give back the exact bytes, which is
 * checked against the hash so a field we do not know about cannot go unnoticed.
 */
export function toPoolTx(t: RpcObject): PoolTx {
  const type = Number(q(t.type));
  const v = q(t.v);
  const yParity = t.yParity !== undefined ? Number(q(t.yParity)) : undefined;
  const signature =
    type === 0
      ? Signature.from({ r: t.r as string, s: t.s as string, v: v })
      : Signature.from({ r: t.r as string, s: t.s as string, yParity: (yParity ?? Number(v)) as 0 | 1 });
  const tx = Transaction.from({
    type,
    chainId: t.chainId === undefined || t.chainId === null ? undefined : q(t.chainId),
    nonce: Number(q(t.nonce)),
    gasLimit: q(t.gas),
    gasPrice: type === 0 || type === 1 ? q(t.gasPrice) : undefined,
    maxFeePerGas: type >= 2 ? q(t.maxFeePerGas) : undefined,
    maxPriorityFeePerGas: type >= 2 ? q(t.maxPriorityFeePerGas) : undefined,
    to: (t.to as string | null) ?? null,
    value: q(t.value),
    data: t.input as string,
    accessList: type >= 1 ? (t.accessList as { address: string; storageKeys: string[] }[]) : undefined,
    authorizationList:
      type === 4
        ? (t.authorizationList as RpcObject[]).map((a) => ({
            chainId: q(a.chainId),
            address: a.address as string,
            nonce: q(a.nonce),
            signature: Signature.from({
              r: a.r as string,
              s: a.s as string,
              yParity: Number(q(a.yParity)) as 0 | 1,
            }),
          }))
        : undefined,
    signature,
  });
  if (tx.hash !== t.hash) {
    throw new NodeRpcError("NODE_TX_UNREPRODUCIBLE", `cannot rebuild the signed bytes of ${String(t.hash)}`, {
      details: { type },
    });
  }
  return {
    hash: t.hash as string,
    from: getAddress(t.from as string),
    nonce: BigInt(tx.nonce),
    raw: tx.serialized,
  };
}
