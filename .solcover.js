// solidity-coverage: measure the product's contracts, not the test doubles in contracts/test.
module.exports = {
  skipFiles: ["test"],
  // The executor reads its plan with inline assembly and is tight on stack; keep the IR pipeline off
  // and let the instrumented build compile as the production one does.
  configureYulOptimizer: false,
  mocha: {
    // These suites call hardhat_reset on the in-process chain, which drops solidity-coverage's hit
    // collector: every hit after them is lost (measured: ArbExecutor's own tests give 100 % alone and
    // 5.9 % when run after "devnet determinism"). They still run in `npm test`.
    grep: "devnet determinism|config: config/devnet.json against the real devnet deployment",
    invert: true,
  },
};
