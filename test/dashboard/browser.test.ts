/**
 * The page in a real browser (Debian's chromium through playwright-core): it renders the history,
 * then updates the outcomes table, the profit chart and the gate state as new keeper events arrive.
 * Skips only when /usr/bin/chromium is missing (CI installs it). Screenshot: test-output/dashboard.png.
 */
import { expect } from "chai";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startDashboard, type Dashboard } from "../../bot/observe/dashboard/server";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { createKeeperMetrics } from "../../bot/observe/metrics";
import {
  emit,
  POOLS,
  summarise,
  syntheticRun,
  TOKENS,
  WETH,
  type KeeperEvent,
} from "../telemetry/syntheticRun";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = path.join(__dirname, "..", "..", "test-output");

// The callbacks passed to page.waitForFunction/evaluate run in the page; these are its globals.
declare const document: {
  querySelector(
    selector: string,
  ): { textContent: string | null; getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): { length: number };
  getElementById(id: string): unknown;
};
declare const window: { Chart: { getChart(canvas: unknown): { data: { datasets: { data: unknown[] }[] } } } };

describe("dashboard: the page in a browser", function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let dashboard: Dashboard | undefined;

  before(function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
      this.skip();
    }
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
  });

  async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
    // launch() starts chromium with a fresh temporary profile of its own, removed on close
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(url);
    return { page, problems };
  }

  const rows = (page: Page, table: string) => page.locator(`#${table} tbody tr`).count();
  const text = (page: Page, id: string) => page.locator(`#${id}`).innerText();

  it("shows the history, then updates tables, chart and gate live", async () => {
    const events = new KeeperEvents();
    const metrics = createKeeperMetrics(events, { tokens: TOKENS, defaultMetrics: false });
    const labels = {
      [POOLS.wethUsdcV3]: "WETH/USDC 0.05% v3",
      [POOLS.usdcDaiV3]: "USDC/DAI 0.01% v3",
      [POOLS.daiWethV2]: "DAI/WETH v2",
      [POOLS.usdcWethV2]: "USDC/WETH v2",
    };
    dashboard = await startDashboard({ events, port: 0, metrics: metrics.registry, tokens: TOKENS, labels });

    // history before the page opens, including a message that tries to inject HTML
    const past: KeeperEvent[] = [
      ...syntheticRun(21_000_000, 20, Date.now() - 20 * 12_000),
      ["quarantine", { kind: "token", address: "0x" + "ab".repeat(20), reason: "fee on transfer" }],
    ];
    emit(events, past);
    emit(events, [
      [
        "decision",
        {
          block: 21_000_019,
          key: "0xfeed",
          path: [POOLS.wethUsdcV3, POOLS.usdcWethV2],
          profitToken: WETH,
          profit: 1n,
          profitUsd: undefined,
          accepted: false,
          code: "UNPRICED_TOKEN",
          message: '<img id="injected" src="x">',
        },
      ],
    ]);
    const before = summarise(past);
    const bundlesBefore = before.outcomes.included + before.outcomes["not-included"] + before.outcomes.failed;

    const { page, problems } = await openPage(dashboard.url);
    await page.waitForFunction(() => document.querySelector("#conn-state")?.textContent === "live");
    await page.waitForFunction(
      (n) => document.querySelectorAll("#outcomes-table tbody tr").length === n,
      bundlesBefore,
    );
    expect(await rows(page, "decisions-table")).to.equal(
      Object.values(before.decisions).reduce((a, b) => a + b, 0) + 1,
    );
    expect(await page.locator("#injected").count()).to.equal(0);
    const unpriced = await page.locator('#decisions-table tbody tr[data-code="UNPRICED_TOKEN"]').innerText();
    expect(unpriced).to.include('<img id="injected"');
    expect(unpriced).to.include("<0.000001 WETH"); // 1 wei is not shown as 0
    expect(unpriced).to.include("WETH/USDC 0.05% v3 \u2192 USDC/WETH v2"); // pools by their labels
    // an address without a label is shortened
    const risky = page.locator('#decisions-table tbody tr[data-code="GAS_PRICE_TOO_HIGH"]').first();
    expect(await risky.innerText()).to.include("USDC/DAI 0.01% v3 \u2192 0xae46\u2026b8d5");
    expect(await page.locator("#profit-chart").getAttribute("data-points")).to.equal("20");
    const chartPoints = await page.evaluate(() => {
      const chart = (
        window as unknown as {
          Chart: { getChart(c: unknown): { data: { datasets: { data: unknown[] }[] } } };
        }
      ).Chart.getChart(document.getElementById("profit-chart"));
      return chart.data.datasets[0].data.length;
    });
    expect(chartPoints).to.equal(20);
    const rateBefore = (100 * before.outcomes.included) / bundlesBefore;
    expect(await text(page, "success-rate")).to.equal(`${rateBefore.toFixed(1)} %`);
    expect(await text(page, "breaker-state")).to.equal("CLOSED");
    expect(await text(page, "quarantine-list")).to.include("fee on transfer");
    expect(await text(page, "realised-tokens")).to.match(/\d\.\d+ WETH/);
    const usdBefore = Number(await page.locator("#profit-chart").getAttribute("data-last-usd"));

    // live: a new block with an included bundle, and the breaker opening
    // two blocks: a quiet one, then one whose bundle is included in the next block (fates cycle
    // with block % 7): three new points on the profit chart, the last at the inclusion block
    const live = syntheticRun(21_000_020, 2, Date.now());
    const liveBlock = 21_000_021;
    const added = summarise(live);
    expect(added.outcomes.included).to.equal(1);
    emit(events, live);
    emit(events, [
      ["gate", { breakerOpen: true, killSwitch: false, reason: "success rate 40.0 % below 50 %" }],
    ]);

    await page.waitForFunction(
      (n) => document.querySelectorAll("#outcomes-table tbody tr").length === n,
      bundlesBefore + 1,
    );
    const newest = page.locator("#outcomes-table tbody tr").first();
    expect(await newest.getAttribute("data-outcome")).to.equal("included");
    expect(await newest.innerText()).to.include(String(liveBlock + 1));
    await page.waitForFunction(
      () => document.querySelector("#profit-chart")?.getAttribute("data-points") === "23",
    );
    const usdAfter = Number(await page.locator("#profit-chart").getAttribute("data-last-usd"));
    expect(usdAfter).to.be.closeTo(usdBefore + added.realisedUsd, 1e-9);
    await page.waitForFunction(() => document.querySelector("#breaker-state")?.textContent === "OPEN");
    expect(await text(page, "gate-reason")).to.include("success rate");
    const rateAfter = (100 * (before.outcomes.included + 1)) / (bundlesBefore + 1);
    expect(await text(page, "success-rate")).to.equal(`${rateAfter.toFixed(1)} %`);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, "dashboard.png"), fullPage: true });
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });
});
