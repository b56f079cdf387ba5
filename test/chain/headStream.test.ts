import { expect } from "chai";
import {
  backoffDelay,
  PollingHeadSource,
  WsHeadSource,
  type HeadSourceStatus,
} from "../../bot/chain/headStream";
import { httpChainRpc, type JsonRpcChainRpc } from "../../bot/chain/chainRpc";
import type { JsonRpcProvider } from "ethers";
import type { BlockRef } from "../../bot/chain/blockTracker";
import { startHardhatNode, type NodeHandle } from "../helpers/hardhatNode";
import { startTcpProxy } from "../helpers/tcpProxy";

async function until(pred: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("head streams against a hardhat node", function () {
  let node: NodeHandle;
  let rpc: JsonRpcChainRpc;
  let provider: JsonRpcProvider;

  before(async () => {
    node = await startHardhatNode();
    ({ rpc, provider } = httpChainRpc(node.url, 31337n));
  });
  after(async () => {
    provider?.destroy();
    await node?.stop();
  });

  const mine = async (n = 1) => {
    for (let i = 0; i < n; i++) await provider.send("evm_mine", []);
  };

  it("announces each new head over WebSocket with its parent hash", async () => {
    const heads: BlockRef[] = [];
    const src = new WsHeadSource(node.wsUrl);
    const statuses: HeadSourceStatus[] = [];
    src.start(
      (h) => heads.push(h),
      (s) => statuses.push(s),
    );
    await until(() => statuses.some((s) => s.kind === "connected"));
    await mine(3);
    await until(() => heads.length >= 3);
    await src.stop();
    for (let i = 1; i < heads.length; i++) {
      expect(heads[i].number).to.equal(heads[i - 1].number + 1);
      expect(heads[i].parentHash).to.equal(heads[i - 1].hash);
    }
    const header = await rpc.headerByNumber(heads[2].number);
    expect(header.hash).to.equal(heads[2].hash);
  });

  it("reconnects with backoff after the connection is cut, and keeps announcing heads", async () => {
    const proxy = await startTcpProxy(node.port);
    const heads: BlockRef[] = [];
    const statuses: HeadSourceStatus[] = [];
    const src = new WsHeadSource(`ws://127.0.0.1:${proxy.port}`, { initialMs: 50, maxMs: 200 });
    src.start(
      (h) => heads.push(h),
      (s) => statuses.push(s),
    );
    await until(() => statuses.some((s) => s.kind === "connected"));
    await mine(1);
    await until(() => heads.length >= 1);
    proxy.pause();
    proxy.cut();
    await until(() => statuses.some((s) => s.kind === "disconnected"));
    await mine(2); // missed while down: the keeper catches up from the tracker's gap
    proxy.resume();
    await until(() => statuses.filter((s) => s.kind === "connected").length >= 2);
    const before = heads.length;
    await mine(1);
    await until(() => heads.length > before);
    await src.stop();
    await proxy.close();
    expect(heads[heads.length - 1].number).to.equal(heads[0].number + 3);
  });

  it("polls latest over HTTP when no WebSocket is available", async () => {
    const heads: BlockRef[] = [];
    const src = new PollingHeadSource(() => rpc.headerByNumber("latest"), 25);
    src.start((h) => heads.push(h));
    await until(() => heads.length >= 1);
    await mine(1);
    await until(() => heads.length >= 2);
    await src.stop();
    expect(heads[1].parentHash).to.equal(heads[0].hash);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap and never waits less than the initial delay", () => {
    const b = { initialMs: 100, maxMs: 1000 };
    expect(backoffDelay(b, 0, () => 0.999)).to.equal(100);
    expect(backoffDelay(b, 3, () => 0.999)).to.equal(799);
    expect(backoffDelay(b, 10, () => 0.999)).to.equal(999);
    expect(backoffDelay(b, 10, () => 0)).to.equal(100);
  });
});
