/**
 * The import directions of bot/ (ARCHITECTURE.md, "Layers"), checked by `npm run lint:deps`
 * (part of `npm run lint`). A rule here is a design decision: change it in ARCHITECTURE.md first.
 */

/** Modules that reach outside the process: a network, a disk, a database, a server, a logger. */
const IO = [
  "^bot/chain/(chainRpc|headStream|logsOverRange)\\.ts$",
  "^bot/journal/",
  "^bot/execute/(?!submitter\\.ts$|describeRevert\\.ts$)",
  "^bot/(app|observe|devnet|commands|scan)/",
  "^bot/config/(loadConfig|secrets|deploymentRefs|envRefs)\\.ts$",
  "^bot/app/killSwitch\\.ts$",
  "^(fs|net|http|https|http2|dgram|tls|child_process|worker_threads|readline)$",
  "^node:(fs|net|http|https|http2|dgram|tls|child_process|worker_threads|readline)",
  "^node_modules/(better-sqlite3|ws|fastify|pino|prom-client|@flashbots)/",
];

/** Folders of pure computation: exact models, strategies, prices and costs, the risk rules. */
const PURE = "^bot/(venues|strategies|prices|chains|decide/risk)/";

/** The pipeline: everything between a head and a submission. */
const PIPELINE =
  "^bot/(collectors|state|strategies|decide|execute|pipeline|journal|chains|venues|prices|events)/";

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment: "Folders depend on each other in one direction only (ARCHITECTURE.md, Layers).",
      severity: "error",
      scope: "folder",
      from: { path: "^bot/" },
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      comment: "No module imports itself back through others.",
      severity: "error",
      from: { path: "^bot/" },
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "pure-folders-do-no-io",
      comment:
        "Venues, strategies, prices, cost models and risk rules are pure: they are given state and " +
        "answer, and never reach a node, a file, a database or a server (types alone may be shared).",
      severity: "error",
      from: { path: PURE },
      to: { path: IO, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "pipeline-emits-events-only",
      comment:
        "The pipeline tells the world through its events (bot/events); telemetry and the dashboard " +
        "listen, the pipeline never imports them.",
      severity: "error",
      from: { path: PIPELINE },
      to: { path: "^bot/(observe|app|commands|cli\\.ts)" },
    },
    {
      name: "journal-through-its-port",
      comment:
        "Outside bot/journal only the composition root (bot/app) and the journal commands choose an " +
        "adapter; everything else uses bot/journal/port.ts.",
      severity: "error",
      from: { path: "^bot/", pathNot: "^bot/(journal|app|commands)/" },
      to: { path: "^bot/journal/sqlite/" },
    },
    {
      name: "nothing-imports-the-demo",
      comment:
        "The demo (bot/devnet/demo) drives the product from outside; only the CLI's demo command starts it.",
      severity: "error",
      from: { path: "^bot/", pathNot: "^bot/(devnet/demo/|commands/demo\\.ts$)" },
      to: { path: "^bot/devnet/demo/" },
    },
    {
      name: "nothing-imports-scripts",
      comment:
        "scripts/ (deploy scripts, benchmarks, devnet tooling) may use bot/, never the other way round.",
      severity: "error",
      from: { path: "^bot/" },
      to: { path: "^scripts/" },
    },
    {
      name: "devnet-beside-the-pipeline",
      comment: "The devnet (builder/relay, market, demo) is never imported by the pipeline.",
      severity: "error",
      from: { path: PIPELINE },
      to: { path: "^bot/devnet/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(typechain-types|artifacts|cache)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["cjs", "es6"],
  },
};
