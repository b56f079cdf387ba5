import { expect } from "chai";
import { JsonRpcChainRpc } from "../../bot/chain/chainRpc";

/**
 * JsonRpcChainRpc.prefetchBlock: the header and logs of a block asked for at once, each answer
 * used once by the next headerByHash / logsOfBlock for that block instead of a second request.
 */

const HASH = "0x" + "ab".repeat(32);
const TOPICS = ["0x" + "11".repeat(32), "0x" + "22".repeat(32)];
const WIRE_BLOCK = {
  number: "0x10",
  hash: HASH,
  parentHash: "0x" + "cd".repeat(32),
  timestamp: "0x5",
  baseFeePerGas: "0x7",
  gasLimit: "0x1c9c380",
  gasUsed: "0x0",
};
const WIRE_LOG = {
  address: "0x" + "EE".repeat(20),
  topics: [TOPICS[0]],
  data: "0x",
  blockNumber: "0x10",
  blockHash: HASH,
  logIndex: "0x0",
};

function recordingRpc(fail = new Set<string>()) {
  const calls: { method: string; params: unknown[] }[] = [];
  const rpc = new JsonRpcChainRpc(async (method, params) => {
    calls.push({ method, params });
    if (fail.has(method)) throw new Error(`${method} refused`);
    if (method === "eth_getBlockByHash") return WIRE_BLOCK;
    if (method === "eth_getLogs") return [WIRE_LOG];
    throw new Error(`unexpected ${method}`);
  });
  return { rpc, calls };
}

describe("chain/JsonRpcChainRpc.prefetchBlock", () => {
  it("asks for the header and, with the last topics used, the logs; the consumers then ask nothing", async () => {
    const { rpc, calls } = recordingRpc();
    await rpc.logsOfBlock("0x" + "99".repeat(32), TOPICS);
    calls.length = 0;
    rpc.prefetchBlock(HASH);
    expect(calls.map((c) => c.method)).to.deep.equal(["eth_getBlockByHash", "eth_getLogs"]);
    expect(calls[1].params).to.deep.equal([{ blockHash: HASH, topics: [TOPICS] }]);
    const header = await rpc.headerByHash(HASH);
    const logs = await rpc.logsOfBlock(HASH, TOPICS);
    expect(calls).to.have.length(2);
    expect(header?.number).to.equal(16);
    expect(header?.baseFeePerGas).to.equal(7n);
    expect(logs.map((l) => l.address)).to.deep.equal(["0x" + "ee".repeat(20)]);
    // Each answer is used once: asking again goes to the node.
    await rpc.headerByHash(HASH);
    await rpc.logsOfBlock(HASH, TOPICS);
    expect(calls).to.have.length(4);
  });

  it("prefetches only the header before any logs were asked for, and other topics ask afresh", async () => {
    const { rpc, calls } = recordingRpc();
    rpc.prefetchBlock(HASH);
    expect(calls.map((c) => c.method)).to.deep.equal(["eth_getBlockByHash"]);
    await rpc.logsOfBlock(HASH, TOPICS);
    expect(calls).to.have.length(2);
    const other = "0x" + "ef".repeat(32);
    rpc.prefetchBlock(other);
    await rpc.logsOfBlock(other, [TOPICS[0]]);
    expect(calls.map((c) => c.method)).to.deep.equal([
      "eth_getBlockByHash",
      "eth_getLogs",
      "eth_getBlockByHash",
      "eth_getLogs",
      "eth_getLogs",
    ]);
  });

  it("hands a failed prefetch to its consumer as the usual RpcError, and does not keep it", async () => {
    const { rpc, calls } = recordingRpc(new Set(["eth_getBlockByHash"]));
    rpc.prefetchBlock(HASH);
    let error: unknown;
    await rpc.headerByHash(HASH).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal("RpcError");
    expect((error as Error).message).to.match(/eth_getBlockByHash failed: eth_getBlockByHash refused/);
    await rpc.headerByHash(HASH).catch(() => undefined);
    expect(calls).to.have.length(2);
  });
});
