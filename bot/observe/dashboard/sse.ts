/**
 * Server-Sent Events clients. Each message is `event: <type>` and one `data:` line of JSON. A
 * client that stops reading is dropped once `maxBufferedBytes` are waiting for it, so a stuck
 * browser tab cannot make the keeper's process grow without bound.
 */
import type { ServerResponse } from "node:http";
import type { DashboardMessage } from "./history";

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
} as const;

export function formatSse(message: DashboardMessage, id?: number): string {
  const idLine = id === undefined ? "" : `id: ${id}\n`;
  return `${idLine}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

export class SseClients {
  private readonly clients = new Set<ServerResponse>();
  private nextId = 1;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly maxBufferedBytes = 4 * 1024 * 1024,
    heartbeatMs = 15_000,
  ) {
    this.heartbeat = setInterval(() => this.writeAll(": keep-alive\n\n"), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Starts the stream on `response` with `history`; the client then receives every broadcast. */
  add(response: ServerResponse, history: readonly DashboardMessage[]): void {
    response.writeHead(200, SSE_HEADERS);
    response.write("retry: 2000\n\n");
    for (const message of history) response.write(formatSse(message));
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  broadcast(message: DashboardMessage): void {
    if (this.clients.size === 0) return;
    this.writeAll(formatSse(message, this.nextId++));
  }

  /** Ends every stream (the server is closing). */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private writeAll(chunk: string): void {
    for (const client of this.clients) {
      if (client.writableLength > this.maxBufferedBytes) {
        this.clients.delete(client);
        client.destroy();
        continue;
      }
      client.write(chunk);
    }
  }
}
