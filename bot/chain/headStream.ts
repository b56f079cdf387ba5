import WebSocket from "ws";
import type { BlockRef } from "./blockTracker";

/**
 * A stream of new chain heads. Implementations only announce heads; they never promise to
 * announce every block: the keeper compares each head with its tracker and fetches whatever was
 * missed (after a dropped connection, or on a chain faster than the stream).
 */
export interface HeadSource {
  start(onHead: (head: BlockRef) => void, onStatus?: (status: HeadSourceStatus) => void): void;
  stop(): Promise<void>;
}

export type HeadSourceStatus =
  { kind: "connected" } | { kind: "disconnected"; reason: string; retryInMs: number };

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Exponential backoff with full jitter: the wait before reconnect attempt `attempt` (0-based). */
export function backoffDelay(b: Backoff, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 30));
  return Math.max(b.initialMs, Math.floor(random() * cap));
}

type WireHead = { number: string; hash: string; parentHash: string };

/** `eth_subscribe("newHeads")` over WebSocket, reconnecting with backoff after any drop. */
export class WsHeadSource implements HeadSource {
  private ws: WebSocket | undefined;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly backoff: Backoff = { initialMs: 250, maxMs: 10_000 },
  ) {}

  start(onHead: (head: BlockRef) => void, onStatus?: (status: HeadSourceStatus) => void): void {
    this.stopped = false;
    const connect = () => {
      if (this.stopped) return;
      const ws = new WebSocket(this.url);
      this.ws = ws;
      let subscription: string | undefined;
      ws.on("open", () => {
        ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] }));
      });
      ws.on("message", (raw) => {
        let msg: {
          id?: number;
          result?: string;
          method?: string;
          params?: { subscription: string; result: WireHead };
        };
        try {
          msg = JSON.parse(raw.toString());
        } catch {
          return; // not JSON-RPC: ignore rather than die on one bad frame
        }
        if (msg.id === 1 && typeof msg.result === "string") {
          subscription = msg.result;
          this.attempt = 0;
          onStatus?.({ kind: "connected" });
        } else if (msg.method === "eth_subscription" && msg.params?.subscription === subscription) {
          const h = msg.params!.result;
          onHead({ number: Number(BigInt(h.number)), hash: h.hash, parentHash: h.parentHash });
        }
      });
      const retry = (reason: string) => {
        if (this.stopped || this.ws !== ws) return;
        this.ws = undefined;
        const wait = backoffDelay(this.backoff, this.attempt++);
        onStatus?.({ kind: "disconnected", reason, retryInMs: wait });
        this.timer = setTimeout(connect, wait);
      };
      ws.on("error", (err) => retry(err.message));
      ws.on("close", (code) => retry(`closed (${code})`));
    };
    connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once("close", () => resolve());
        ws.terminate();
      });
    }
  }
}

/** Polls `latest` over HTTP: for nodes without WebSocket, and as a fallback. */
export class PollingHeadSource implements HeadSource {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastHash = "";

  constructor(
    private readonly latest: () => Promise<BlockRef>,
    private readonly intervalMs: number,
  ) {}

  start(onHead: (head: BlockRef) => void, onStatus?: (status: HeadSourceStatus) => void): void {
    this.stopped = false;
    let failing = false;
    const tick = async () => {
      try {
        const head = await this.latest();
        if (failing) onStatus?.({ kind: "connected" });
        failing = false;
        if (head.hash !== this.lastHash) {
          this.lastHash = head.hash;
          onHead(head);
        }
      } catch (err) {
        failing = true;
        onStatus?.({
          kind: "disconnected",
          reason: err instanceof Error ? err.message : String(err),
          retryInMs: this.intervalMs,
        });
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
