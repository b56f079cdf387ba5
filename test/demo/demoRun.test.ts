/**
 * `npm start` in CI, shortened: the whole demo (two nodes, the devnet deployed from npm bytecode,
 * the market, the relay, the competitor, the keeper and its dashboard) for a few blocks. While it
 * runs, a real browser watches the dashboard update and /metrics is scraped; at the end the summary
 * must show inclusions, a realised profit and a prediction error of exactly 0 wei.
 */
import { expect } from "chai";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { runDemo, type RunningDemo } from "../../bot/devnet/demo/runDemo";
import type { DemoSummary } from "../../bot/devnet/demo/demoSummary";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = path.join(__dirname, "..", "..", "test-output");
const BLOCKS = 16;

declare const document: {
  querySelectorAll(selector: string): { length: number };
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};

function metricValue(text: string, name: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(name) && (line[name.length] === " " || line[name.length] === "{")) {
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return total;
}

describe("npm start: the demo desk, shortened", function () {
  this.timeout(600_000);
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let summary: DemoSummary | undefined;
  const lines: string[] = [];

  after(async () => {
    await browser?.close();
    if (demo && !summary) await demo.stop();
  });

  it(`runs ${BLOCKS} blocks: bundles land, profit is realised, predictions are exact, the dashboard and /metrics show it`, async () => {
    demo = await runDemo({
      blocks: BLOCKS,
      seed: 1,
      port: 0,
      blockIntervalMs: 1000,
      print: (l) => lines.push(l),
    });
    expect(demo.dashboardUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    let included = 0;
    demo.events.on("outcome", (o) => (included += o.outcome.kind === "included" ? 1 : 0));

    const haveChromium = existsSync(CHROMIUM);
    if (haveChromium) {
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
      await page.goto(demo.dashboardUrl);
      // The profit chart gains points block by block, and the outcomes table fills as bundles land.
      await page.waitForFunction(
        () => Number(document.querySelector("#profit-chart")?.getAttribute("data-points") ?? 0) >= 2,
        undefined,
        { timeout: 120_000 },
      );
      const pointsBefore = Number(await page.locator("#profit-chart").getAttribute("data-points"));
      await page.waitForFunction(
        () => document.querySelectorAll("#outcomes-table tbody tr").length >= 1,
        undefined,
        { timeout: 120_000 },
      );
      await page.waitForFunction(
        (n) => Number(document.querySelector("#profit-chart")?.getAttribute("data-points") ?? 0) > n,
        pointsBefore,
        { timeout: 60_000 },
      );
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: path.join(OUTPUT, "dashboard-demo.png"), fullPage: true });
    } else {
      console.log(`      browser part skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    }

    await demo.finished;
    const metrics = await (await fetch(`${demo.dashboardUrl}/metrics`)).text();
    expect(metricValue(metrics, "omni_arb_stage_seconds_count")).to.be.greaterThan(0);
    expect(metricValue(metrics, "omni_arb_block_to_bundle_seconds_count")).to.be.greaterThan(0);
    expect(metricValue(metrics, "omni_arb_decisions_total")).to.be.greaterThan(0);
    expect(metricValue(metrics, "omni_arb_bundles_total")).to.be.greaterThan(0);
    expect(metricValue(metrics, "omni_arb_realised_profit_wei_total")).to.be.greaterThan(0);
    const health = await fetch(`${demo.dashboardUrl}/healthz`);
    expect(health.status).to.equal(200);

    summary = await demo.stop();
    expect(summary.blocks).to.be.at.least(BLOCKS);
    expect(summary.bundles_included, lines.slice(-5).join("\n")).to.be.at.least(2);
    expect(summary.bundles_included).to.equal(included);
    expect(BigInt(summary.realized_profit_wei) > 0n).to.equal(true);
    expect(summary.max_abs_prediction_error_wei).to.equal("0");
    expect(lines.some((l) => /^block \d+ /.test(l))).to.equal(true);
  });
});
