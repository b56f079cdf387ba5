import type { BuilderPaymentPolicy, FundingChoice, FundingRoute, RouteShape } from "../chains/costModel";
import type { Opportunity } from "../strategies/opportunity";
import { venueOf } from "../venues/registry";

/** An opportunity as the cost model's funding choice needs it: what its first and last hop can lend. */
export function fundingRouteOf(op: Opportunity, builderPayment: BuilderPaymentPolicy): FundingRoute {
  return {
    amountIn: op.amountIn,
    profitToken: op.profitToken,
    hops: op.path.map((h) => h.kind),
    firstHopFlash: venueOf(op.path[0].kind).flash,
    lastHopFlash: venueOf(op.path[op.path.length - 1].kind).flash,
    builderPayment: builderPayment.kind,
  };
}

/** What the route's gas depends on, for CostModel.routeGas and the simulator's gas memory. */
export function routeShapeOf(
  op: Opportunity,
  funding: FundingChoice,
  builderPayment: BuilderPaymentPolicy,
): RouteShape {
  return { hops: op.path.map((h) => h.kind), funding: funding.kind, builderPayment: builderPayment.kind };
}
