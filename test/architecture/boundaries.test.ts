/**
 * The seams hold by construction, not by review: `npm run lint` runs dependency-cruiser on bot/
 * with .dependency-cruiser.cjs and ESLint's venue-kind rule. These tests show that each rule fires
 * on a violation (a rule that cannot fail proves nothing) and that bot/ itself is clean.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.join(__dirname, "..", "..");
const CRUISER = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

function cruise(cwd: string): Violation[] {
  const r = spawnSync(process.execPath, [CRUISER, "bot", "--config", CONFIG, "--output-type", "json"], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.stdout.trim() === "") throw new Error(`dependency-cruiser printed nothing: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe("architecture: import directions (dependency-cruiser)", function () {
  this.timeout(180_000);

  it("finds no violation in bot/", () => {
    expect(cruise(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).to.deep.equal([]);
  });

  it("fires every rule on a tree built to break each once", () => {
    const found = cruise(path.join(ROOT, "test", "fixtures", "architecture"));
    const by = (rule: string) => found.filter((v) => v.rule.name === rule).map((v) => `${v.from} -> ${v.to}`);
    expect(by("pure-folders-do-no-io")).to.deep.equal(["bot/strategies/leaky.ts -> fs"]);
    expect(by("pipeline-emits-events-only")).to.deep.equal([
      "bot/pipeline/loop.ts -> bot/observe/metrics.ts",
    ]);
    expect(by("nothing-imports-the-demo")).to.deep.equal(["bot/pipeline/loop.ts -> bot/devnet/demo/demo.ts"]);
    expect(by("devnet-beside-the-pipeline")).to.deep.equal([
      "bot/pipeline/loop.ts -> bot/devnet/demo/demo.ts",
    ]);
    expect(by("journal-through-its-port")).to.deep.equal([
      "bot/state/store.ts -> bot/journal/sqlite/adapter.ts",
    ]);
    expect(by("nothing-imports-scripts")).to.deep.equal(["bot/state/store.ts -> scripts/tool.ts"]);
    expect(by("no-module-cycles")).to.not.deep.equal([]);
    expect(by("no-folder-cycles")).to.not.deep.equal([]);
  });
});

describe("architecture: no code outside bot/venues tests a pool's class or kind (ESLint)", function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: ROOT });
  const messages = async (code: string, file: string) =>
    (await eslint.lintText(code, { filePath: path.join(ROOT, file) }))[0].messages
      .filter((m) => m.ruleId === "no-restricted-syntax")
      .map((m) => m.message);

  it("refuses a kind comparison, a kind switch and a model class test in the pipeline", async () => {
    const code = [
      "declare const p: { kind: string }; declare const UniswapV3Pool: new () => object; declare const m: object;",
      'export const a = p.kind === "uniswap-v3";',
      'export const b = "pancakeswap-v3" !== p.kind;',
      'export function c(): number { switch (p.kind) { case "uniswap-v2": return 1; default: return 0; } }',
      "export const d = m instanceof UniswapV3Pool;",
      "",
    ].join("\n");
    expect(await messages(code, "bot/state/example.ts")).to.have.length(4);
  });

  it("allows them inside a venue's own folder", async () => {
    const code = 'declare const p: { kind: string };\nexport const a = p.kind === "uniswap-v3";\n';
    expect(await messages(code, "bot/venues/uniswap-v3/example.ts")).to.deep.equal([]);
  });
});
