/** A plain HTTP Server-Sent Events reader for tests: collects messages and waits for one. */
import http from "node:http";

export interface SseMessage {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: unknown;
}

export interface SseReader {
  readonly messages: SseMessage[];
  readonly headers: http.IncomingHttpHeaders;
  /** Resolves with the first message (counting from `from`) that satisfies `predicate`. */
  waitFor(predicate: (m: SseMessage) => boolean, from?: number, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function readSse(url: string): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: "text/event-stream" } }, (response) => {
      const messages: SseMessage[] = [];
      const waiters = new Set<() => void>();
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          let id: string | undefined;
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("id: ")) id = line.slice(4);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (data.length > 0) messages.push({ event, id, data: JSON.parse(data.join("\n")) });
        }
        for (const wake of waiters) wake();
      });
      const ended = new Promise<void>((done) => response.on("close", () => done()));
      resolve({
        messages,
        headers: response.headers,
        ended,
        close: () => request.destroy(),
        waitFor(predicate, from = 0, timeoutMs = 5000) {
          return new Promise((found, fail) => {
            const check = () => {
              const hit = messages.slice(from).find(predicate);
              if (hit === undefined) return false;
              waiters.delete(check);
              clearTimeout(timer);
              found(hit);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching SSE message within ${timeoutMs} ms (${messages.length} seen)`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
      });
    });
    request.on("error", reject);
  });
}
