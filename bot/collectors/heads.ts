import type { BlockRef } from "../chain/blockTracker";
import type { HeadSource, HeadSourceStatus } from "../chain/headStream";
import type { Collector, HeadEvent } from "./collector";

/**
 * Heads from a HeadSource (WebSocket subscription or HTTP polling) as a collector. Heads are
 * coalesced: while the consumer is busy only the latest head waits, since the state catches up on
 * every block in between from the tracker (bot/state/stateSync.ts) and deciding on a stale head
 * would only waste the time the next one needs.
 */
export class HeadCollector implements Collector<HeadEvent> {
  constructor(
    private readonly source: HeadSource,
    private readonly options: {
      readonly onStatus?: (status: HeadSourceStatus) => void;
      readonly now?: () => number;
    } = {},
  ) {}

  async *stream(signal: AbortSignal): AsyncIterable<HeadEvent> {
    const now = this.options.now ?? (() => performance.now());
    let latest: HeadEvent | undefined;
    let wake: (() => void) | undefined;
    const onHead = (head: BlockRef) => {
      latest = { kind: "head", head, receivedAtMs: now() };
      wake?.();
    };
    const onAbort = () => wake?.();
    signal.addEventListener("abort", onAbort);
    this.source.start(onHead, this.options.onStatus);
    try {
      while (!signal.aborted) {
        if (latest === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const event = latest;
        latest = undefined;
        yield event;
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
      await this.source.stop();
    }
  }
}
