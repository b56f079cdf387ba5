/**
 * The packed plan that ArbExecutor.execute(bytes) runs: the one source of truth for writers of the
 * encoding (the contract reads it with calldataload; contracts/interfaces/IArbExecutor.sol and
 * docs/executor.md describe the same layout). Pure: bigint in, hex string out, no I/O.
 *
 * Header (57 bytes): uint32 deadlineBlock | uint8 flags | address token | uint128 amountIn |
 * uint128 minProfit, then the tip if one is paid (uint16 bps for a share, uint128 wei for a fixed
 * amount), then bytes4 callback selector (V2 flash only). The lenders (Balancer Vault, Aave Pool)
 * are the executor's immutables, never part of a plan. Hops follow back to back, each a head byte,
 * the pool, and the kind's fields. The head byte is the hop's kind (HopKind) as a number in bits 3-7,
 * so a new venue takes the next number (it adds a kind, not a bit), and options in bits 0-2: bit 0
 * zeroForOne, bit 1 the kind's option, bit 2 spare (zero):
 *   UniswapV2, amount given     head | address pair | uint128 amountOut          (37 bytes)
 *   UniswapV2, amount computed  head | address pair | uint16 feeBps              (23 bytes, option set)
 *   UniswapV3, PancakeV3        head | address pool [| uint160 sqrtPriceLimitX96]  (21, or 41 with
 *                                                                                   the option set)
 */
import { OmniArbError } from "../core/errors";

export class PlanEncodingError extends OmniArbError {
  override readonly name: string = "PlanEncodingError";
}

/** Funding codes (header flags bits 0-2). */
export const Funding = {
  /** The contract's own balance of `token` pays the first hop. */
  Inventory: 0,
  /** Hop 0, a V2 pair with its amount given, lends its output (`token`) and is repaid by the last hop. */
  V2Flash: 1,
  /** Hop 0, a V3-style pool, is paid in its callback after the other hops ran. */
  V3Flash: 2,
  /** The executor's BALANCER_VAULT lends `amountIn` `token` (flashLoan, no fee). */
  Balancer: 3,
  /** The executor's AAVE_POOL lends `amountIn` `token` (flashLoanSimple, premium 5 bps on mainnet). */
  Aave: 4,
} as const;
export type FundingCode = (typeof Funding)[keyof typeof Funding];

/**
 * Hop kinds: the number in bits 3-7 of a hop's head byte, which tells the executor how to call the
 * pool and read the hop's fields. A venue the executor learns takes the next number.
 */
export const HopKind = {
  /** A Uniswap-V2-style pair (Uniswap V2 and its forks: Sushi, PancakeSwap V2, ...). */
  UniswapV2: 0,
  /** A Uniswap V3 pool (swap callback `uniswapV3SwapCallback`). */
  UniswapV3: 1,
  /** A PancakeSwap V3 pool: Uniswap V3's swap, calling back `pancakeV3SwapCallback`. */
  PancakeV3: 2,
} as const;
export type HopKindCode = (typeof HopKind)[keyof typeof HopKind];

const TIP = 0x08;
const TIP_SHARE = 0x10;
const TIP_UNWRAP = 0x20;
const KIND_SHIFT = 3;
const HOP_ZERO_FOR_ONE = 0x01;
/** The kind's option: a V2 amount computed on chain, or a V3-style price limit given. */
const HOP_OPTION = 0x02;

/** The selector of `uniswapV2Call(address,uint256,uint256,bytes)`. */
export const UNISWAP_V2_CALL = "0x10d1e85c";

/** A Uniswap-V2-style hop: `amountOut` given by the keeper, or computed on chain from reserves with `feeBps`. */
export type V2Hop =
  | { kind: typeof HopKind.UniswapV2; pair: string; zeroForOne: boolean; amountOut: bigint }
  | { kind: typeof HopKind.UniswapV2; pair: string; zeroForOne: boolean; feeBps: number };

/** A Uniswap-V3-style exact-input hop; no `sqrtPriceLimitX96` means none (the extreme). */
export interface V3Hop {
  kind: typeof HopKind.UniswapV3 | typeof HopKind.PancakeV3;
  pool: string;
  zeroForOne: boolean;
  sqrtPriceLimitX96?: bigint;
}

export type Hop = V2Hop | V3Hop;

/** The builder payment: none (priority fee instead), a share of the gross profit, or a fixed amount. */
export type Tip =
  | { kind: "none" }
  | { kind: "share"; bps: number; from: "eth" | "weth" }
  | { kind: "fixed"; wei: bigint; from: "eth" | "weth" };

export type FundingSpec =
  | { mode: "inventory" }
  | { mode: "v2flash"; callbackSelector?: string }
  | { mode: "v3flash" }
  | { mode: "balancer" }
  | { mode: "aave" };

export interface Plan {
  /** The last block in which the plan may run. */
  deadlineBlock: bigint;
  funding: FundingSpec;
  /** The profit token, whose balance is measured before and after. */
  token: string;
  /** The amount of `token` fed into the cycle (borrowed, for lenders; fed to hop 1 for a V2 flash). */
  amountIn: bigint;
  /** The least increase of the executor's `token` balance, after the tip. */
  minProfit: bigint;
  tip: Tip;
  hops: Hop[];
}

const FUNDING_CODE: Record<FundingSpec["mode"], FundingCode> = {
  inventory: Funding.Inventory,
  v2flash: Funding.V2Flash,
  v3flash: Funding.V3Flash,
  balancer: Funding.Balancer,
  aave: Funding.Aave,
};

function uint(value: bigint, bytes: number, what: string): string {
  if (value < 0n || value >= 1n << BigInt(bytes * 8)) {
    throw new PlanEncodingError("PLAN_FIELD_RANGE", `${what} does not fit ${bytes * 8} bits`, {
      details: { what, value: value.toString() },
    });
  }
  return value.toString(16).padStart(bytes * 2, "0");
}

function address(value: string, what: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new PlanEncodingError("PLAN_ADDRESS", `${what} is not an address`, { details: { what, value } });
  }
  return value.slice(2).toLowerCase();
}

function selector(value: string): string {
  if (!/^0x[0-9a-fA-F]{8}$/.test(value)) {
    throw new PlanEncodingError("PLAN_SELECTOR", "callback selector is not 4 bytes", { details: { value } });
  }
  return value.slice(2).toLowerCase();
}

function head(kind: HopKindCode, zeroForOne: boolean, option: boolean): string {
  return uint(
    BigInt((kind << KIND_SHIFT) | (zeroForOne ? HOP_ZERO_FOR_ONE : 0) | (option ? HOP_OPTION : 0)),
    1,
    "head",
  );
}

function isV3Style(hop: Hop): hop is V3Hop {
  return hop.kind === HopKind.UniswapV3 || hop.kind === HopKind.PancakeV3;
}

/** The hop's bytes. */
export function encodeHop(hop: Hop): string {
  if (isV3Style(hop)) {
    const limited = hop.sqrtPriceLimitX96 !== undefined;
    const limit = limited ? uint(hop.sqrtPriceLimitX96 as bigint, 20, "sqrtPriceLimitX96") : "";
    return head(hop.kind, hop.zeroForOne, limited) + address(hop.pool, "pool") + limit;
  }
  if (hop.kind !== HopKind.UniswapV2) {
    throw new PlanEncodingError("PLAN_HOP_KIND", "unknown hop kind", {
      details: { kind: (hop as { kind: unknown }).kind },
    });
  }
  if ("amountOut" in hop) {
    return (
      head(hop.kind, hop.zeroForOne, false) + address(hop.pair, "pair") + uint(hop.amountOut, 16, "amountOut")
    );
  }
  if (!Number.isInteger(hop.feeBps) || hop.feeBps < 0 || hop.feeBps >= 10_000) {
    throw new PlanEncodingError("PLAN_FEE", "feeBps must be an integer in [0, 10000)", {
      details: { feeBps: hop.feeBps },
    });
  }
  return (
    head(hop.kind, hop.zeroForOne, true) + address(hop.pair, "pair") + uint(BigInt(hop.feeBps), 2, "feeBps")
  );
}

/** The packed plan as a 0x-prefixed hex string, for `execute(bytes)`. */
export function encodePlan(plan: Plan): string {
  if (plan.hops.length === 0) throw new PlanEncodingError("PLAN_EMPTY", "a plan needs at least one hop");
  const { funding, tip } = plan;
  const first = plan.hops[0];
  if (
    funding.mode === "v2flash" &&
    (first.kind !== HopKind.UniswapV2 || !("amountOut" in first) || plan.hops.length < 2)
  ) {
    throw new PlanEncodingError(
      "PLAN_FUNDING",
      "a V2 flash needs hop 0 a V2 hop with amountOut and more hops",
    );
  }
  if (funding.mode === "v3flash" && (!isV3Style(first) || plan.hops.length < 2)) {
    throw new PlanEncodingError("PLAN_FUNDING", "a V3 flash needs hop 0 a V3-style hop and more hops");
  }
  let flags = FUNDING_CODE[funding.mode];
  let tipField = "";
  if (tip.kind !== "none") {
    flags |= TIP | (tip.kind === "share" ? TIP_SHARE : 0) | (tip.from === "weth" ? TIP_UNWRAP : 0);
    tipField = tip.kind === "share" ? uint(BigInt(tip.bps), 2, "tip bps") : uint(tip.wei, 16, "tip wei");
  }
  let extra = "";
  if (funding.mode === "v2flash") extra = selector(funding.callbackSelector ?? UNISWAP_V2_CALL);
  return (
    "0x" +
    uint(plan.deadlineBlock, 4, "deadlineBlock") +
    uint(BigInt(flags), 1, "flags") +
    address(plan.token, "token") +
    uint(plan.amountIn, 16, "amountIn") +
    uint(plan.minProfit, 16, "minProfit") +
    tipField +
    extra +
    plan.hops.map(encodeHop).join("")
  );
}

/** The selector of ArbExecutor's `execute()`. */
export const EXECUTE_SELECTOR = "0x61461954";

/**
 * The transaction data for `execute()`: the selector, then the packed plan, raw (not ABI-wrapped:
 * no offset or length word, no padding).
 */
export function encodeExecute(plan: Plan): string {
  return EXECUTE_SELECTOR + encodePlan(plan).slice(2);
}

/** Calldata bytes cost 16 gas when non-zero, 4 when zero (EIP-2028): the plan's intrinsic cost. */
export function planCalldataGas(encoded: string): number {
  let gas = 0;
  for (let i = 2; i < encoded.length; i += 2) gas += encoded.slice(i, i + 2) === "00" ? 4 : 16;
  return gas;
}
