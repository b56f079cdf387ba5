#!/usr/bin/env node
// The omni-arb command. The keeper is TypeScript run through ts-node in transpile-only mode: type
// checking happens in `npm run typecheck` and CI, not on every start.
"use strict";
const path = require("node:path");
require("ts-node").register({
  project: path.join(__dirname, "..", "tsconfig.json"),
  transpileOnly: true,
  files: false,
});
require("../bot/cli").main(process.argv.slice(2));
