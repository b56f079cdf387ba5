/**
 * The dashboard: one page, live keeper events over Server-Sent Events, Prometheus metrics and a
 * health check, on a small fastify server that listens on 127.0.0.1 by default. It only listens
 * to the keeper's events; closing it detaches from them.
 *
 *   GET /          the page (index.html, app.js, style.css, Chart.js)
 *   GET /events    text/event-stream: the history, "ready", then live messages
 *   GET /metrics   Prometheus text format from `metrics`
 *   GET /healthz   JSON; 503 when no block arrived for longer than `staleAfterMs`
 *
 * Every request must name this server in its Host header (the loopback names and the listening
 * address, with the port, or `allowedHosts`): a page on another site that rebinds its DNS name to
 * 127.0.0.1 would otherwise read the dashboard and the metrics from the operator's browser.
 */
import Fastify from "fastify";
import type { Registry } from "prom-client";
import type { KeeperEvents } from "../../events/keeperEvents";
import { loadAssets } from "./assets";
import { DashboardError } from "./dashboardError";
import { healthOf } from "./health";
import { DashboardHistory, type HistoryOptions } from "./history";
import { SseClients } from "./sse";

export interface DashboardOptions extends HistoryOptions {
  readonly events: KeeperEvents;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The registry /metrics serves (createKeeperMetrics(...).registry). */
  readonly metrics: Registry;
  /** /healthz answers 503 after this long without a block. Default 60 s. */
  readonly staleAfterMs?: number;
  /** Host header values accepted besides the loopback names and the listening address (host:port). */
  readonly allowedHosts?: readonly string[];
}

export interface Dashboard {
  /** e.g. "http://127.0.0.1:43121" */
  readonly url: string;
  readonly history: DashboardHistory;
  close(): Promise<void>;
}

const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? "127.0.0.1";
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const assets = loadAssets();
  const history = new DashboardHistory(options.events, options);
  const clients = new SseClients();
  const unsubscribe = history.subscribe((message) => clients.broadcast(message));

  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Filled once the port is known: the Host values this server answers to.
  const hosts = new Set<string>();
  app.addHook("onRequest", async (request, reply) => {
    if (!hosts.has((request.headers.host ?? "").toLowerCase())) {
      return reply.code(421).type("text/plain").send("misdirected request: unknown Host\n");
    }
  });
  for (const [route, asset] of assets) {
    app.get(route, (_request, reply) => reply.headers(PAGE_HEADERS).type(asset.contentType).send(asset.body));
  }
  // No HEAD route: a hijacked stream has no end for a HEAD request to wait for.
  app.get("/events", { exposeHeadRoute: false }, (request, reply) => {
    reply.hijack();
    clients.add(reply.raw, history.replay());
    request.raw.socket.setNoDelay(true);
  });
  app.get("/metrics", async (_request, reply) => {
    const text = await options.metrics.metrics();
    return reply.header("cache-control", "no-store").type(options.metrics.contentType).send(text);
  });
  app.get("/healthz", (_request, reply) => {
    const health = healthOf({
      nowMs: now(),
      startedAtMs: history.started(),
      staleAfterMs,
      lastBlock: history.last(),
      gate: history.gateState(),
    });
    return reply
      .code(health.ok ? 200 : 503)
      .header("cache-control", "no-store")
      .send(health);
  });

  const shutdown = async () => {
    unsubscribe();
    history.detach();
    clients.closeAll();
    await app.close();
  };
  try {
    const address = await app.listen({ port: options.port, host });
    const port = new URL(address).port;
    for (const name of ["127.0.0.1", "localhost", "[::1]", host]) hosts.add(`${name}:${port}`.toLowerCase());
    for (const h of options.allowedHosts ?? []) hosts.add(h.toLowerCase());
    return { url: address, history, close: shutdown };
  } catch (cause) {
    await shutdown();
    throw new DashboardError("DASHBOARD_LISTEN", `dashboard cannot listen on ${host}:${options.port}`, {
      cause,
    });
  }
}
