import type { BlockHeader } from "../chain/chainRpc";
import type { Prices } from "../prices/priceTable";
import type {
  CostBreakdown,
  CostModel,
  FeeQuote,
  FundingChoice,
  FundingKind,
  FundingRoute,
  FundingSources,
  GasPrices,
  PricedRoute,
  ReceiptCost,
  RouteShape,
  UnpricedCost,
} from "./costModel";
import { FUNDING_GAS_OVERHEAD, TIP_GAS_OVERHEAD } from "./fundingGas";
import { DEFAULT_GAS_MODEL, expectedGas, type GasModel } from "./gasModel";
import { nextBaseFee } from "./nextBaseFee";

const BPS = 10_000n;
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** Aave's PercentageMath.percentMul: half-up rounding over 10,000 (what the Pool pulls). */
export function aavePremium(amount: bigint, feeBps: number): bigint {
  return (amount * BigInt(feeBps) + 5_000n) / BPS;
}

/** Order of preference between funding kinds that cost the same: the fewer moving parts first. */
const PREFERENCE: readonly FundingKind[] = ["inventory", "v3-flash", "v2-flash-swap", "balancer", "aave"];

/**
 * The cost model of an EIP-1559 chain without an L1 data fee (Ethereum, and the devnet): the base
 * fee of the target block follows exactly from its parent (nextBaseFee.ts), and can rise by at most
 * an eighth a block after that; gas is the executor's measured figures (gasModel.ts, fundingGas.ts,
 * each venue's hop gas).
 */
export class Eip1559CostModel implements CostModel {
  readonly kind: string = "eip1559";

  constructor(private readonly gas: GasModel = DEFAULT_GAS_MODEL) {}

  fees(head: BlockHeader, options: { readonly priorityFeeWei: bigint; readonly blocks: number }): FeeQuote {
    const baseFeeWei = nextBaseFee(head);
    // The most the base fee can reach in the plan's last valid block: +1/8 (at least 1 wei) a block.
    let worst = baseFeeWei;
    for (let i = 1; i < options.blocks; i++) worst += worst / 8n > 1n ? worst / 8n : 1n;
    const cap = 2n * baseFeeWei > worst ? 2n * baseFeeWei : worst;
    return {
      baseFeeWei,
      maxFeePerGas: cap + options.priorityFeeWei,
      maxPriorityFeePerGas: options.priorityFeeWei,
      gasPriceWei: worst + options.priorityFeeWei,
    };
  }

  swapGas(hopKinds: readonly string[]): bigint {
    return expectedGas(hopKinds, this.gas);
  }

  routeGas(route: RouteShape): bigint {
    const tip = route.builderPayment === "coinbase-share" ? TIP_GAS_OVERHEAD : 0n;
    return this.swapGas(route.hops) + FUNDING_GAS_OVERHEAD[route.funding] + tip;
  }

  flashFee(funding: FundingChoice, amount: bigint): bigint {
    return funding.kind === "aave" ? aavePremium(amount, funding.feeBps) : 0n;
  }

  l1DataFee(_signedTx: string): bigint {
    return 0n;
  }

  costs(route: PricedRoute, fees: GasPrices, prices: Prices): CostBreakdown | UnpricedCost {
    const token = route.profitToken.toLowerCase();
    const gasCostWei = route.gas * fees.gasPriceWei;
    const gasCost = prices.nativeIn(token, gasCostWei);
    if (gasCost === undefined)
      return { unpriced: token, message: `no on-chain price to value gas in ${token}` };
    const builderPayment =
      route.builderPayment.kind === "coinbase-share"
        ? ceilDiv(route.profit * BigInt(route.builderPayment.bps), BPS)
        : 0n;
    const flashFee = this.flashFee(route.funding, route.amountIn);
    const startToken = route.startToken.toLowerCase();
    if (flashFee > 0n && startToken !== token) {
      return {
        unpriced: startToken,
        message: `flash fee in ${startToken} cannot be netted against profit in ${token}`,
      };
    }
    const netProfit = route.profit - gasCost - builderPayment - flashFee;
    const netProfitUsd = prices.usdValue(token, netProfit);
    // A direct transaction that reverts still pays for its gas, at most at the max fee.
    const worstCase =
      route.submissionKind === "direct" ? prices.nativeIn(token, route.gas * fees.maxFeePerGas) : 0n;
    const worstCaseLossUsd = worstCase === undefined ? undefined : prices.usdValue(token, worstCase);
    if (netProfitUsd === undefined || worstCaseLossUsd === undefined) {
      return { unpriced: token, message: `no on-chain USD price for ${token}` };
    }
    return { gasCostWei, gasCost, builderPayment, flashFee, netProfit, netProfitUsd, worstCaseLossUsd };
  }

  chooseFunding(
    route: FundingRoute,
    sources: FundingSources,
    fees: GasPrices,
    prices: Prices,
  ): FundingChoice | undefined {
    const token = route.profitToken;
    if (sources.inventory(token) >= route.amountIn) return { kind: "inventory", feeBps: 0 };
    let best: { choice: FundingChoice; cost: bigint } | undefined;
    for (const kind of PREFERENCE) {
      if (kind === "inventory" || !sources.allowed.includes(kind)) continue;
      if (kind === "v2-flash-swap" && route.lastHopFlash !== kind) continue;
      if (kind === "v3-flash" && route.firstHopFlash !== kind) continue;
      if (kind === "balancer" || kind === "aave") {
        const available = sources.available?.(kind, token);
        if (available !== undefined && available < route.amountIn) continue;
      }
      const choice: FundingChoice = { kind, feeBps: kind === "aave" ? sources.aaveFeeBps : 0 };
      const gas = FUNDING_GAS_OVERHEAD[kind] * fees.gasPriceWei;
      // Unpriced gas cannot be compared: rank by the overhead's gas alone then (same order).
      const cost = (prices.nativeIn(token, gas) ?? gas) + this.flashFee(choice, route.amountIn);
      if (best === undefined || cost < best.cost) best = { choice, cost };
    }
    return best?.choice;
  }

  realisedCostWei(receipt: ReceiptCost): bigint {
    return receipt.gasUsed * receipt.effectiveGasPrice + (receipt.l1Fee ?? 0n);
  }
}
