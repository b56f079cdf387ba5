import { expect } from "chai";
import type { ChainRpc } from "../../bot/chain/chainRpc";
import type { LogWithBlock } from "../../bot/chain/log";
import { logsOverRange } from "../../bot/chain/logsOverRange";
import { OmniArbError } from "../../bot/core/errors";

/**
 * logsOverRange: a long block range as eth_getLogs requests of bounded span and concurrency, and
 * ranges a provider refuses as too large split in halves.
 */

/** One log per block in [0, blocks), from a node that refuses requests over `maxResults` logs. */
function fakeNode(options: { maxResults?: number; failAt?: number } = {}) {
  const asked: [number, number][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const rpc = {
    async logsInRange(from: number, to: number): Promise<LogWithBlock[]> {
      asked.push([from, to]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        // Later ranges answer first: the result must still be in chain order.
        await new Promise((r) => setTimeout(r, (to % 7) + 1));
        if (options.failAt !== undefined && from <= options.failAt && options.failAt <= to) {
          throw new Error("connection reset", { cause: new Error("socket hang up") });
        }
        if (options.maxResults !== undefined && to - from + 1 > options.maxResults) {
          throw new Error("eth_getLogs failed", {
            cause: new Error("query returned more than 10000 results"),
          });
        }
        const out: LogWithBlock[] = [];
        for (let b = from; b <= to; b++) {
          out.push({
            address: "0x01",
            topics: ["0xaa"],
            data: "0x",
            blockNumber: b,
            blockHash: `0x${b}`,
            logIndex: 0,
            removed: false,
          });
        }
        return out;
      } finally {
        inFlight--;
      }
    },
  } as unknown as ChainRpc;
  return { rpc, asked, maxInFlight: () => maxInFlight };
}

describe("chain/logsOverRange", () => {
  it("asks in spans with at most `concurrency` requests in flight, and answers in chain order", async () => {
    const node = fakeNode();
    const logs = await logsOverRange(node.rpc, 0, 999, ["0xaa"], undefined, { span: 100, concurrency: 3 });
    expect(logs.map((l) => l.blockNumber)).to.deep.equal([...Array(1000).keys()]);
    expect(node.asked).to.have.length(10);
    expect(node.asked.every(([a, b]) => b - a + 1 === 100)).to.equal(true);
    expect(node.maxInFlight()).to.equal(3);
  });

  it("splits a range the provider refuses as too large until it is accepted", async () => {
    const node = fakeNode({ maxResults: 30 });
    const logs = await logsOverRange(node.rpc, 5, 204, ["0xaa"], undefined, { span: 100, concurrency: 2 });
    expect(logs.map((l) => l.blockNumber)).to.deep.equal([...Array(200).keys()].map((i) => i + 5));
    const accepted = node.asked.filter(([a, b]) => b - a + 1 <= 30);
    // Every block came from exactly one accepted request.
    expect(accepted.reduce((n, [a, b]) => n + b - a + 1, 0)).to.equal(200);
  });

  it("throws any other failure, and starts nothing after it", async () => {
    const node = fakeNode({ failAt: 250 });
    let error: unknown;
    await logsOverRange(node.rpc, 0, 999, ["0xaa"], undefined, { span: 100, concurrency: 1 }).catch(
      (e) => (error = e),
    );
    expect(String((error as Error).message)).to.equal("connection reset");
    expect(node.asked).to.have.length(3);
  });

  it("throws when even one block is too large", async () => {
    const node = fakeNode({ maxResults: 0 });
    let error: unknown;
    await logsOverRange(node.rpc, 0, 3, ["0xaa"], undefined, { span: 4, concurrency: 1 }).catch(
      (e) => (error = e),
    );
    expect(((error as Error).cause as Error).message).to.equal("query returned more than 10000 results");
  });

  it("refuses a span or concurrency below 1 with a typed error", async () => {
    const node = fakeNode();
    for (const options of [
      { span: 0, concurrency: 1 },
      { span: 10, concurrency: 0 },
    ]) {
      let error: unknown;
      await logsOverRange(node.rpc, 0, 9, ["0xaa"], undefined, options).catch((e) => (error = e));
      expect(error).to.be.instanceOf(OmniArbError);
      expect((error as OmniArbError).code).to.equal("LOG_RANGE_INVALID");
    }
    expect(node.asked).to.have.length(0);
  });
});
