import { expect } from "chai";
import { JsonRpcProvider } from "ethers";
import { ethers } from "hardhat";
import { devnetFixture } from "../fixtures/devnet";
import { loadArtifact } from "../../scripts/devnet/artifacts";
import { compareRuntimeCode, immutablePlaceholders } from "../../scripts/devnet/runtimeCode";
import { startHardhatNode, type NodeHandle } from "../helpers/hardhatNode";

describe("devnet on `npx hardhat node`", function () {
  // Starting a node process and running every deploy script takes seconds, not milliseconds.
  this.timeout(180_000);
  let node: NodeHandle | undefined;
  let provider: JsonRpcProvider | undefined;

  before(async () => {
    node = await startHardhatNode({ deploy: true });
    provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true });
  });

  after(async () => {
    provider?.destroy();
    await node?.stop();
  });

  it("serves the same universe as the in-process fixture: every deployment's code at the same address", async () => {
    const net = await devnetFixture();
    const names = Object.keys(net.addresses);
    expect(names.length).to.be.greaterThan(70);
    const differing: string[] = [];
    for (const name of names) {
      const address = net.addresses[name]!;
      const remote = await provider!.getCode(address);
      expect(remote, name).to.not.equal("0x");
      const local = await ethers.provider.getCode(address);
      if (remote === local) continue;
      differing.push(name);
      // Balancer's pause windows end at deployment time + a duration, kept in immutables.
      const artifact = loadArtifact(
        name === "BalancerVault"
          ? "Vault"
          : name === "BalancerWeightedPoolFactory"
            ? "WeightedPoolFactory"
            : "WeightedPool",
      );
      const immutables = immutablePlaceholders(artifact.deployedBytecode);
      const r = compareRuntimeCode(
        remote,
        { deployedBytecode: local, deployedLinkReferences: {} },
        immutables,
      );
      expect(r.firstDifference, name).to.equal(-1);
    }
    expect(differing).to.deep.equal(
      names.filter((n) => n.startsWith("BalancerVault") || n.startsWith("BalancerWeighted")),
    );
  });

  it("serves funded pools and a flash-loan-ready Aave over JSON-RPC", async () => {
    const net = await devnetFixture();
    const pair = net.pairs.UniV2Pair_WETH_USDC!;
    const remotePair = pair.connect(provider!) as typeof pair;
    const [r0, r1] = (await remotePair.getFunction("getReserves")()) as [bigint, bigint];
    const [l0, l1] = (await pair.getFunction("getReserves")()) as [bigint, bigint];
    expect([r0, r1]).to.deep.equal([l0, l1]);
    const remoteAave = net.aave.pool.connect(provider!) as typeof net.aave.pool;
    expect(await remoteAave.getFunction("FLASHLOAN_PREMIUM_TOTAL")()).to.equal(5n);
  });
});
