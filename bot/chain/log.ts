/** A log as the keeper reads it, converted from the wire by chainRpc.ts. */
export interface RawLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

export interface LogWithBlock extends RawLog {
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly removed: boolean;
}
