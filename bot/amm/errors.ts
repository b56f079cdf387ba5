import { OmniArbError } from "../errors";

/**
 * A model was built or updated with state no real pool can hold (a fee of 100 %, a tick outside
 * the V3 range, liquidity going negative). Quotes never throw this: a swap the pool would refuse
 * is a 0n quote, per the PoolModel interface.
 */
export class AmmStateError extends OmniArbError {
  override readonly name: string = "AmmStateError";
}
