import path from "node:path";
import type { HardhatUserConfig } from "hardhat/config";

/**
 * The Hardhat node the devnet relay drives: `npx hardhat --config bot/devnet/relay/devnetNode.config.ts
 * node`. It differs from the project's hardhat network in one way that matters: the pending pool
 * is mined in arrival order ("fifo"), which is how the builder puts each bundle's transactions in
 * the block in the bundle's order. Mining is off; the relay makes every block.
 */
const config: HardhatUserConfig = {
  paths: { root: path.join(__dirname, "..", "..", "..") },
  networks: {
    hardhat: {
      chainId: 31337,
      accounts: { count: 20, accountsBalance: "1000000000000000000000000" },
      mining: { auto: false, interval: 0, mempool: { order: "fifo" } },
    },
  },
};

export default config;
