import type { NodeClient } from "./nodeClient";

/**
 * Where simulations run. Alone, the builder simulates on the main node inside snapshots, and a
 * client polling that node can glimpse a simulated block before it is reverted (a phantom head).
 * Given a second node (same devnetNode.config.ts), the builder instead forks it from the main
 * node's head (hardhat_reset with forking) before each build or eth_callBundle and simulates
 * there: the main node then only ever shows sealed blocks.
 */
export class SimulationNode {
  constructor(
    private readonly main: NodeClient,
    private readonly sim: NodeClient | undefined,
    private readonly coinbase: string,
  ) {}

  get separate(): boolean {
    return this.sim !== undefined;
  }

  /**
   * A client whose latest state is the main node's block `head`. The fork is made afresh every
   * time: the main node's state can change without a new block (hardhat_setBalance and the like),
   * and a fork caches what it has read.
   */
  async at(head: bigint): Promise<NodeClient> {
    if (this.sim === undefined) return this.main;
    await this.sim.call("hardhat_reset", [
      { forking: { jsonRpcUrl: this.main.url, blockNumber: Number(head) } },
    ]);
    await this.sim.stopSelfMining();
    await this.sim.setCoinbase(this.coinbase);
    return this.sim;
  }
}
