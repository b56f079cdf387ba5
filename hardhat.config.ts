import { subtask } from "hardhat/config";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_TEST_GET_TEST_FILES,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";
import "hardhat-deploy";

// The machines that build omni-arb reach the npm registry and nothing else, so Hardhat cannot
// download a compiler. The `solc` npm package ships the official compiler as WebAssembly; it is
// pinned exactly in package.json and used through Hardhat's documented custom-compiler hook.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SOLC_VERSION: string = require("solc/package.json").version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ""),
  };
});

// Only `*.test.ts` files are tests: test/ also holds fixtures, helpers and child-process scripts
// that must not run as suites. Explicit paths on the command line are taken as given.
subtask(TASK_TEST_GET_TEST_FILES, async (args: { testFiles: string[] }, _hre, runSuper) => {
  const files: string[] = await runSuper(args);
  return args.testFiles.length > 0 ? files : files.filter((f) => f.endsWith(".test.ts"));
});

const config: HardhatUserConfig = {
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        settings: {
          // Transient storage (EIP-1153) is live on all five target chains.
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 1_000_000 },
        },
      },
    ],
    overrides: {
      // The executor through the IR pipeline: fewer stack shuffles and internal jumps on the hot path
      // (measured with npm run bench:gas; see docs/executor.md).
      "contracts/ArbExecutor.sol": {
        version: SOLC_VERSION,
        settings: {
          evmVersion: "cancun",
          viaIR: true,
          optimizer: { enabled: true, runs: 1_000_000 },
        },
      },
      // The gas benchmark's reference contract, built exactly as the executor is (scripts/bench/gas.ts).
      "contracts/test/gas/GasFloor.sol": {
        version: SOLC_VERSION,
        settings: {
          evmVersion: "cancun",
          viaIR: true,
          optimizer: { enabled: true, runs: 1_000_000 },
        },
      },
    },
  },
  paths: {
    sources: "contracts",
    tests: "test",
    deploy: "scripts/deploy",
    deployments: "deployments",
  },
  namedAccounts: {
    deployer: { default: 0 },
    // The executor's owner and operator; overridable per network by environment variables in the
    // executor deploy script.
    owner: { default: 0 },
    operator: { default: 1 },
  },
  networks: {
    hardhat: {
      chainId: 31337,
      accounts: { count: 20, accountsBalance: "1000000000000000000000000" },
    },
    localhost: {
      url: process.env.OMNI_ARB_RPC ?? "http://127.0.0.1:8545",
      chainId: 31337,
    },
    // The node `npm start` (omni-arb demo) starts on a free port; its deployments land in
    // deployments/demo, apart from a developer's own localhost node.
    demo: {
      url: process.env.OMNI_ARB_DEMO_RPC ?? "http://127.0.0.1:8545",
      chainId: 31337,
    },
  },
  mocha: {
    timeout: 300_000,
  },
  typechain: {
    outDir: "typechain-types",
    target: "ethers-v6",
  },
  gasReporter: {
    enabled: false,
  },
};

export default config;
