import { OmniArbError } from "../core/errors";
import type { ChainRpc } from "./chainRpc";
import type { LogWithBlock } from "./log";

export interface LogRangeOptions {
  /** Blocks per eth_getLogs request (providers cap ranges). */
  readonly span: number;
  /** Requests in flight at once (a batching transport sends those together). */
  readonly concurrency: number;
}

export const DEFAULT_LOG_RANGE: LogRangeOptions = { span: 100_000, concurrency: 8 };

/**
 * What providers answer when a request covers too much: too many results, too wide a range, too
 * large a response, or a query that timed out. Matched on the message of the error or a cause.
 */
const TOO_LARGE =
  /more than \d+ results|too many (results|logs)|range (is )?too (large|wide|big)|exceed(s|ed)? (the )?(max|maximum|limit)|(response|result) size|limit exceeded|query timeout|timed out/i;

function tooLarge(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (TOO_LARGE.test(e.message)) return true;
  }
  return false;
}

/**
 * Logs with any of `topics` from `addresses` over blocks [from, to], in chain order: requests of
 * `span` blocks with at most `concurrency` in flight, so a range of millions of blocks does not
 * become hundreds of simultaneous requests. A request the provider refuses as too large is split
 * in halves, down to single blocks; any other failure, or a single block refused, is thrown (and
 * no further request is started).
 */
export async function logsOverRange(
  rpc: ChainRpc,
  from: number,
  to: number,
  topics: readonly string[],
  addresses: readonly string[] | undefined,
  options: LogRangeOptions = DEFAULT_LOG_RANGE,
): Promise<LogWithBlock[]> {
  if (!(options.span >= 1) || !(options.concurrency >= 1)) {
    throw new OmniArbError("LOG_RANGE_INVALID", "log requests need a span and a concurrency of at least 1", {
      details: { ...options },
    });
  }
  const queue: [number, number][] = [];
  for (let lo = from; lo <= to; lo += options.span) queue.push([lo, Math.min(to, lo + options.span - 1)]);
  const out: LogWithBlock[] = [];
  let failed: unknown;
  let hasFailed = false;
  const worker = async (): Promise<void> => {
    for (let range = queue.shift(); range !== undefined && !hasFailed; range = queue.shift()) {
      const [lo, hi] = range;
      try {
        out.push(...(await rpc.logsInRange(lo, hi, topics, addresses)));
      } catch (err) {
        if (hi > lo && tooLarge(err)) {
          const mid = lo + Math.floor((hi - lo) / 2);
          queue.unshift([lo, mid], [mid + 1, hi]);
        } else if (!hasFailed) {
          hasFailed = true;
          failed = err;
        }
      }
    }
  };
  // Workers pick ranges as they free up; halves of a split range go to the front of the queue.
  const workers = Math.min(options.concurrency, Math.max(1, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (hasFailed) throw failed;
  // A split range's halves finish in any order: restore chain order.
  return out.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}
