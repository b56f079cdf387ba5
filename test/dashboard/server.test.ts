import { expect } from "chai";
import http from "node:http";
import { startDashboard, type Dashboard } from "../../bot/observe/dashboard/server";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { createKeeperMetrics } from "../../bot/observe/metrics";
import { promSample } from "../telemetry/promText";
import { emit, summarise, syntheticRun, TOKENS } from "../telemetry/syntheticRun";
import { DashboardError } from "../../bot/observe/dashboard/dashboardError";
import { OmniArbError } from "../../bot/core/errors";

describe("dashboard: HTTP endpoints", () => {
  let events: KeeperEvents;
  let dashboard: Dashboard | undefined;
  let clock: number;

  async function start(options: { staleAfterMs?: number } = {}) {
    events = new KeeperEvents();
    clock = 1_764_000_000_000;
    const metrics = createKeeperMetrics(events, { tokens: TOKENS });
    dashboard = await startDashboard({
      events,
      port: 0,
      host: "127.0.0.1",
      metrics: metrics.registry,
      tokens: TOKENS,
      now: () => clock,
      ...options,
    });
    return dashboard;
  }

  afterEach(async () => {
    await dashboard?.close();
    dashboard = undefined;
  });

  /** A GET with a chosen Host header (fetch may not set one). */
  function getWithHost(url: string, pathname: string, host: string): Promise<number> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: u.hostname, port: u.port, path: pathname, method: "GET", headers: { host } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("answers only requests that name it in their Host header (DNS rebinding)", async () => {
    const { url } = await start();
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect(await getWithHost(url, "/healthz", host), host).to.be.oneOf([200, 503]);
    }
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1:${Number(port) + 1}`]) {
      for (const pathname of ["/", "/metrics", "/healthz", "/events"]) {
        expect(await getWithHost(url, pathname, host), `${host} ${pathname}`).to.equal(421);
      }
    }
  });

  it("listens on 127.0.0.1 on a free port", async () => {
    const { url } = await start();
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("/metrics serves the registry in Prometheus text format with the run's values", async () => {
    const { url } = await start();
    const run = syntheticRun(9_000, 14);
    const expected = summarise(run);
    emit(events, run);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).to.equal(200);
    expect(response.headers.get("content-type")).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).to.include("# TYPE omni_arb_block_to_bundle_seconds histogram");
    expect(text).to.include("# TYPE omni_arb_stage_seconds histogram");
    expect(promSample(text, "omni_arb_blocks_total")).to.equal(14);
    expect(promSample(text, "omni_arb_block_to_bundle_seconds_count")).to.equal(expected.handoffMs.length);
    expect(promSample(text, "omni_arb_bundles_total", { outcome: "included", reason: "none" })).to.equal(
      expected.outcomes.included,
    );
    expect(promSample(text, "omni_arb_decisions_total", { code: "ACCEPTED" })).to.equal(
      expected.decisions.ACCEPTED,
    );
    expect(promSample(text, "omni_arb_process_cpu_seconds_total")).to.be.greaterThan(0);
  });

  it("/healthz is ok while blocks arrive and 503 once the last block is older than the staleness", async () => {
    const { url } = await start({ staleAfterMs: 30_000 });
    const health = async () => {
      const response = await fetch(`${url}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    let h = await health();
    expect(h.status).to.equal(200);
    expect(h.body).to.include({
      ok: true,
      lastBlock: null,
      secondsSinceLastBlock: null,
      staleAfterSeconds: 30,
    });

    clock += 31_000; // started, but no block for 31 s
    h = await health();
    expect(h.status).to.equal(503);
    expect(h.body.ok).to.equal(false);

    emit(events, syntheticRun(777, 1));
    clock += 12_500;
    h = await health();
    expect(h.status).to.equal(200);
    expect(h.body).to.include({ ok: true, lastBlock: 777, secondsSinceLastBlock: 12.5 });

    clock += 18_000; // 30.5 s since block 777
    h = await health();
    expect(h.status).to.equal(503);
    expect(h.body).to.include({ ok: false, lastBlock: 777, secondsSinceLastBlock: 30.5 });
  });

  it("serves the page, our script and Chart.js with a strict content security policy", async () => {
    const { url } = await start();
    const page = await fetch(`${url}/`);
    expect(page.status).to.equal(200);
    expect(page.headers.get("content-type")).to.match(/^text\/html/);
    expect(page.headers.get("content-security-policy")).to.include("script-src 'self'");
    const html = await page.text();
    for (const id of [
      "profit-chart",
      "latency-chart",
      "outcomes-table",
      "decisions-table",
      "success-rate",
      "breaker-state",
      "kill-switch-state",
      "quarantine-list",
    ]) {
      expect(html, id).to.include(`id="${id}"`);
    }
    const app = await fetch(`${url}/app.js`);
    expect(app.headers.get("content-type")).to.match(/javascript/);
    expect(await app.text()).to.include('new EventSource("/events")');
    const chart = await fetch(`${url}/vendor/chart.umd.js`);
    expect(chart.status).to.equal(200);
    expect((await chart.text()).length).to.be.greaterThan(100_000);
    expect((await fetch(`${url}/nothing-here`)).status).to.equal(404);
  });

  it("a port already in use is a DashboardError, and the failed start leaves no listeners behind", async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    const other = new KeeperEvents();
    const metrics = createKeeperMetrics(new KeeperEvents(), { defaultMetrics: false });
    let error: unknown;
    try {
      await startDashboard({ events: other, port, metrics: metrics.registry });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DashboardError);
    expect(error).to.be.instanceOf(OmniArbError);
    expect((error as DashboardError).code).to.equal("DASHBOARD_LISTEN");
    expect(other.listenerCount("block")).to.equal(0);
  });
});
