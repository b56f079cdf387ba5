/**
 * Runs async jobs one at a time, in call order. Every job that snapshots, mines or reverts the
 * node goes through one queue: two of them interleaved would revert each other's work.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
