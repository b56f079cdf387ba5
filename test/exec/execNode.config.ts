import os from "node:os";
import path from "node:path";
import type { HardhatUserConfig } from "hardhat/config";
import base from "../../hardhat.config";

/**
 * The Hardhat node the submission tests run the devnet on:
 * `hardhat --config test/exec/execNode.config.ts node` deploys the devnet and the executor (the
 * project's deploy scripts, tag devnet) at start, then serves them. It keeps the pending pool in
 * arrival order ("fifo"), which the devnet relay requires; mining starts automatic so the deploy
 * scripts can run, and the relay turns it off when it takes the node over. Deployments are written
 * to OMNI_ARB_EXEC_DEPLOYMENTS (a temp folder per node), never to the repository's deployments/,
 * so nodes started side by side do not overwrite each other's files.
 */
const root = path.join(__dirname, "..", "..");

const config: HardhatUserConfig = {
  ...base,
  paths: {
    ...base.paths,
    root,
    deployments: process.env.OMNI_ARB_EXEC_DEPLOYMENTS ?? path.join(os.tmpdir(), "omni-arb-exec-deployments"),
  },
  networks: {
    hardhat: {
      chainId: 31337,
      accounts: { count: 20, accountsBalance: "1000000000000000000000000" },
      mining: { auto: true, interval: 0, mempool: { order: "fifo" } },
    },
  },
};

export default config;
