// solidity-coverage: measure the product's contracts, not the test doubles in contracts/test.
module.exports = {
  skipFiles: ["test"],
  // The executor reads its plan with inline assembly and is tight on stack; keep the IR pipeline off
  // and let the instrumented build compile as the production one does.
  configureYulOptimizer: false,
};
