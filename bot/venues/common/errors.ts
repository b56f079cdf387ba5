import { OmniArbError } from "../../core/errors";

/**
 * A model was built or updated with state no real pool can hold (a fee of 100 %, a tick outside
 * the V3 range, liquidity going negative). Quotes never throw this: a swap the pool would refuse
 * is a 0n quote, per the PoolModel interface.
 */
export class AmmStateError extends OmniArbError {
  override readonly name: string = "AmmStateError";
}

/**
 * The pool's bytecode would revert on this input (a `require` in SqrtPriceMath, FullMath or
 * SafeCast). The V3 math throws it so that callers can tell "the pool refuses" from "0 out";
 * PoolModel quotes catch it and return 0n.
 */
export class PoolRevertError extends OmniArbError {
  override readonly name: string = "PoolRevertError";
}
