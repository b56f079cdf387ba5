/**
 * The cost seam: one CostModel per chain kind is the only code that prices an opportunity. Ranking,
 * the risk gate, the live scan, the simulation request, the choice of funding and the measured
 * outcome all ask it, so they agree on what the same opportunity costs (test/chains/costModel.test.ts).
 *
 * What it prices: the fee caps and the price per gas of a transaction in its validity window; the
 * gas of a route (its hops, its funding source, its builder payment); the lender's fee; the
 * conversion of those costs into the profit token and USD; and a slot for an L1 data fee (OP stack,
 * Arbitrum: filled by their own cost models).
 */
import type { BlockHeader } from "../chain/chainRpc";
import type { Address } from "../core/address";
import type { Prices } from "../prices/priceTable";

/** Where the input of a cycle comes from. */
export type FundingKind = "inventory" | "v2-flash-swap" | "v3-flash" | "balancer" | "aave";

export interface FundingChoice {
  readonly kind: FundingKind;
  /** The lender's fee in basis points (Aave), 0 otherwise. */
  readonly feeBps: number;
}

/** How the block builder is paid: a share of the gross profit sent to coinbase, or the priority fee alone. */
export type BuilderPaymentPolicy = { kind: "coinbase-share"; bps: number } | { kind: "priority-fee" };

/** What a transaction will pay per gas, for a plan targeting the block after `head`. */
export interface FeeQuote {
  /** The target block's base fee (exact under EIP-1559: it follows from the parent). */
  readonly baseFeeWei: bigint;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  /**
   * The price every decision nets gas at: the most the transaction can pay per gas while its plan
   * is valid (the base fee rising as fast as it can over the plan's blocks, plus the priority fee).
   */
  readonly gasPriceWei: bigint;
}

/** The two prices a cost needs: the decision price, and the cap a reverted transaction may pay. */
export type GasPrices = Pick<FeeQuote, "gasPriceWei" | "maxFeePerGas">;

/** What a route's gas depends on: its hops' venue kinds, its funding source and its builder payment. */
export interface RouteShape {
  readonly hops: readonly string[];
  readonly funding: FundingKind;
  readonly builderPayment: BuilderPaymentPolicy["kind"];
}

/** An opportunity as the cost model needs it: amounts in the profit token, which it starts and ends in. */
export interface PricedRoute {
  readonly amountIn: bigint;
  /** Gross profit (amountOut - amountIn), profit token raw units. */
  readonly profit: bigint;
  readonly profitToken: Address;
  /** The start token (the token borrowed); equal to the profit token for cycles. */
  readonly startToken: Address;
  /** Gas units of the whole transaction (routeGas, or a measured figure). */
  readonly gas: bigint;
  readonly funding: FundingChoice;
  readonly builderPayment: BuilderPaymentPolicy;
  /** "direct" transactions pay gas even when they revert; bundles do not land if they would. */
  readonly submissionKind: "flashbots" | "direct";
}

/** What an opportunity costs beyond its swaps, and what is left, all computed exactly. */
export interface CostBreakdown {
  readonly gasCostWei: bigint;
  /** Gas cost in the profit token (rounded up). */
  readonly gasCost: bigint;
  /** Builder payment in the profit token (coinbase share of gross profit, rounded up). */
  readonly builderPayment: bigint;
  /** Flash-loan fee in the start token (rounded up). */
  readonly flashFee: bigint;
  /** profit - gasCost - builderPayment - flashFee, in the profit token (may be negative). */
  readonly netProfit: bigint;
  readonly netProfitUsd: bigint;
  /** Gas the submission would burn if it reverted on chain (0 for bundles), in USD, at the max fee. */
  readonly worstCaseLossUsd: bigint;
}

/** A cost that cannot be valued: never assumed to be zero. */
export interface UnpricedCost {
  readonly unpriced: Address;
  readonly message: string;
}

/** What the executor can borrow now, by source, for the choice of funding. */
export interface FundingSources {
  /** The executor's balance of a token (its inventory). */
  inventory(token: Address): bigint;
  /** What a lender can lend of a token now; undefined when unknown (assumed enough). */
  available?(kind: "balancer" | "aave", token: Address): bigint | undefined;
  /** Funding kinds the operator allows besides inventory (the lenders the executor has). */
  readonly allowed: readonly FundingKind[];
  /** Aave's flash-loan premium in basis points. */
  readonly aaveFeeBps: number;
}

/** An opportunity's route as funding needs it. */
export interface FundingRoute {
  readonly amountIn: bigint;
  readonly profitToken: Address;
  readonly hops: readonly string[];
  /** What the cycle's first and last hop can lend (Venue.flash). */
  readonly firstHopFlash?: string;
  readonly lastHopFlash?: string;
  readonly builderPayment: BuilderPaymentPolicy["kind"];
}

/** A receipt's cost fields, as chainRpc reads them. */
export interface ReceiptCost {
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  /** The L1 data fee an L2 receipt reports (OP stack `l1Fee`), when it has one. */
  readonly l1Fee?: bigint;
}

export interface CostModel {
  /** The chain kind this model prices (bot/chains/registry.ts). */
  readonly kind: string;
  /** Fee caps and the decision price for a plan targeting the block after `head`, valid `blocks` blocks. */
  fees(head: BlockHeader, options: { readonly priorityFeeWei: bigint; readonly blocks: number }): FeeQuote;
  /** Gas of the swaps alone (the executor's base and each hop), what ranking nets before funding is known. */
  swapGas(hopKinds: readonly string[]): bigint;
  /** Gas of the whole transaction: the swaps, the funding source and the builder payment. */
  routeGas(route: RouteShape): bigint;
  /** The lender's fee on borrowing `amount`, in the borrowed token. */
  flashFee(funding: FundingChoice, amount: bigint): bigint;
  /** The L1 data fee of a signed transaction, where the chain charges one (0 on an L1). */
  l1DataFee(signedTx: string): bigint;
  /** The whole cost of a route at `gasPriceWei` (and the max fee for a revert's worst case), valued at `prices`. */
  costs(route: PricedRoute, fees: GasPrices, prices: Prices): CostBreakdown | UnpricedCost;
  /**
   * The cheapest funding that can carry the route: inventory when it holds enough, else the source
   * whose gas and fee cost least in the profit token, among those that can lend the size.
   */
  chooseFunding(
    route: FundingRoute,
    sources: FundingSources,
    fees: GasPrices,
    prices: Prices,
  ): FundingChoice | undefined;
  /** What an included (or reverted) transaction cost, in wei: its gas and any L1 data fee. */
  realisedCostWei(receipt: ReceiptCost): bigint;
}
