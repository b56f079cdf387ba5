import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny HTTP server in front of the real devnet relay, for outage tests. Every request is passed
 * through unchanged (body and signature header), except the first few eth_sendBundle requests,
 * which it can answer with an HTTP 503, with a JSON-RPC refusal, or pass on and then hold the
 * answer back past the client's timeout (the relay has the bundle; the client thinks it failed).
 */
export interface RelayFront {
  readonly url: string;
  /** eth_sendBundle requests seen. */
  readonly sends: () => number;
  close(): Promise<void>;
}

export interface FrontOptions {
  /** Listen on this port (to come up where a client already saw "connection refused"). */
  readonly port?: number;
  /** Answer the first N sends with HTTP 503. */
  readonly fail5xx?: number;
  /** Answer the first N sends with a JSON-RPC error, as a relay refusing the bundle does. */
  readonly reject?: number;
  /** Pass the first N sends on, but answer only after `holdMs`. */
  readonly hold?: number;
  readonly holdMs?: number;
}

export async function startRelayFront(target: string, opts: FrontOptions = {}): Promise<RelayFront> {
  let sends = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString();
        let method = "";
        let id: unknown = null;
        try {
          ({ method, id } = JSON.parse(body) as { method: string; id: unknown });
        } catch {
          // not JSON: the relay will say so
        }
        const n = method === "eth_sendBundle" ? ++sends : 0;
        if (n > 0 && n <= (opts.fail5xx ?? 0)) {
          res.writeHead(503, { "content-type": "text/plain" }).end("relay overloaded");
          return;
        }
        if (n > 0 && n <= (opts.reject ?? 0)) {
          const error = { code: -32000, message: "bundle refused by the relay" };
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ jsonrpc: "2.0", id, error }));
          return;
        }
        const answer = await fetch(target, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-flashbots-signature": String(req.headers["x-flashbots-signature"] ?? ""),
          },
          body,
        });
        const text = await answer.text();
        if (n > 0 && n <= (opts.hold ?? 0)) await new Promise((r) => setTimeout(r, opts.holdMs ?? 5_000));
        if (!res.destroyed) res.writeHead(answer.status, { "content-type": "application/json" }).end(text);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sends: () => sends,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
