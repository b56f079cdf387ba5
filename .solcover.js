// solidity-coverage of the executor: `npm run coverage` runs the executor suites (test/executor),
// which exercise every line and branch of ArbExecutor on the devnet's real protocol bytecode.
// - contracts/test holds test doubles, not product.
// - contracts/devnet holds the devnet's stand-ins (PancakeV3PoolDeployer: the CREATE2 deployer the
//   PancakeSwap V3 npm package does not ship), not product either; the executor's fixture deploys it
//   for its PancakeSwap V3 pool, so it would otherwise be reported (measured: 50 % of its branches,
//   its own tests being test/devnet/pancakeV3Deployer.test.ts, outside these suites).
// - contracts/lens: the state readers run as deployless creation code from the committed
//   bot/venues/common/lensBytecode.json (checked against the compiler by test/state/lensBytecode.test.ts),
//   which instrumentation cannot reach; their exactness is tested against fresh on-chain reads.
// - The other suites exercise TypeScript; several start child Hardhat processes in this project,
//   which empty the in-process report (measured: the executor's 100 % became 0 %).
module.exports = {
  skipFiles: ["test", "lens", "devnet"],
  // The executor reads its plan with inline assembly and is tight on stack; keep the IR pipeline off
  // and let the instrumented build compile as the production one does.
  configureYulOptimizer: false,
  mocha: {
    // Suites left out of `npm run coverage` (all still run in `npm test`):
    // - "devnet determinism" and the devnet.json check call hardhat_reset on the in-process chain,
    //   which drops solidity-coverage's hit collector: every hit after them is lost (measured:
    //   ArbExecutor's own tests give 100 % alone and 5.9 % when run after "devnet determinism");
    // - "devnet on `npx hardhat node`" compares a child `hardhat node` with the in-process chain,
    //   and under coverage the two no longer run the same build;
    // - the V3 model-vs-bytecode exactness runs execute only v3-core's and PancakeSwap's bytecode
    //   (nothing of ours to measure) and outlast their 5-minute timeout when instrumented
    //   (measured for PancakeSwap's: 13 s plain, past 300 s under coverage).
    grep: [
      "devnet determinism",
      "config: config/devnet.json against the real devnet deployment",
      "devnet on `npx hardhat node`",
      "UniswapV3Pool model vs the real v3-core bytecode",
      "UniswapV3Pool model vs the real PancakeSwap V3 bytecode",
    ].join("|"),
    invert: true,
  },
};
