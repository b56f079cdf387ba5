import { expect } from "chai";
import type { BlockRef } from "../../bot/chain/blockTracker";
import type { HeadSource } from "../../bot/chain/headStream";
import { HeadCollector } from "../../bot/collectors/heads";

/** A head source the test drives by hand. */
class ManualHeads implements HeadSource {
  onHead: ((h: BlockRef) => void) | undefined;
  stopped = 0;
  start(onHead: (h: BlockRef) => void): void {
    this.onHead = onHead;
  }
  async stop(): Promise<void> {
    this.stopped++;
  }
}

const head = (n: number): BlockRef => ({ number: n, hash: `0x${n}`, parentHash: `0x${n - 1}` });

describe("collectors/HeadCollector", function () {
  it("yields heads with their receive time, only the latest of those that came while the consumer was busy", async function () {
    const source = new ManualHeads();
    let clock = 0;
    const collector = new HeadCollector(source, { now: () => clock });
    const abort = new AbortController();
    const seen: [number, number][] = [];
    const consumed = (async () => {
      for await (const e of collector.stream(abort.signal)) {
        seen.push([e.head.number, e.receivedAtMs]);
        if (e.head.number === 1) {
          // Busy with block 1 while 2 and 3 arrive: only 3 is left for next time.
          clock = 10;
          source.onHead!(head(2));
          clock = 20;
          source.onHead!(head(3));
        }
        if (e.head.number === 3) abort.abort();
      }
    })();
    await new Promise((r) => setImmediate(r));
    clock = 5;
    source.onHead!(head(1));
    await consumed;
    expect(seen).to.deep.equal([
      [1, 5],
      [3, 20],
    ]);
    expect(source.stopped).to.equal(1);
  });

  it("ends, and stops its source, when aborted while waiting", async function () {
    const source = new ManualHeads();
    const abort = new AbortController();
    const consumed = (async () => {
      for await (const _ of new HeadCollector(source).stream(abort.signal)) void _;
    })();
    await new Promise((r) => setImmediate(r));
    abort.abort();
    await consumed;
    expect(source.stopped).to.equal(1);
  });
});
