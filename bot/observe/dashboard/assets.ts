/**
 * The page's static files, read once at start: our HTML, script and stylesheet from ./public, and
 * Chart.js's UMD build straight from node_modules (no copy, no build step).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DashboardError } from "./dashboardError";

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

function chartJsPath(): string {
  try {
    // chart.js's "exports" map hides dist/chart.umd.js; its main entry sits in the same folder.
    return path.join(path.dirname(require.resolve("chart.js")), "chart.umd.js");
  } catch (cause) {
    throw new DashboardError("DASHBOARD_ASSET", "the dashboard needs chart.js: npm install chart.js", {
      cause,
    });
  }
}

function read(file: string, contentType: string): Asset {
  try {
    return { body: readFileSync(file), contentType };
  } catch (cause) {
    throw new DashboardError("DASHBOARD_ASSET", `cannot read dashboard file ${file}`, { cause });
  }
}

/** URL path to asset. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const pub = path.join(__dirname, "public");
  return new Map([
    ["/", read(path.join(pub, "index.html"), "text/html; charset=utf-8")],
    ["/app.js", read(path.join(pub, "app.js"), "text/javascript; charset=utf-8")],
    ["/style.css", read(path.join(pub, "style.css"), "text/css; charset=utf-8")],
    ["/vendor/chart.umd.js", read(chartJsPath(), "text/javascript; charset=utf-8")],
  ]);
}
