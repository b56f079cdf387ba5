import type { Interface } from "ethers";
import type { Address } from "../core/address";
import type { ChainRpc } from "../chain/chainRpc";
import { RpcError } from "../chain/chainRpc";
import { describeRevert } from "../execute/describeRevert";

/**
 * Exact simulation of the executor transaction against the state the engine priced: `eth_call`
 * at the block the keeper synced, from the operator, returning what the executor kept. A result
 * that differs from the prediction by one wei means the model is wrong for that cycle.
 *
 * Gas: `eth_estimateGas` runs the transaction several times (a binary search over the gas limit),
 * several times the cost of the call itself. So the node's estimate is kept per route (pools,
 * funding, builder payment), and a route seen before is simulated by ONE call capped at that
 * estimate plus CAP_HEADROOM_BPS: if it succeeds with the predicted result, that cap is proven to
 * suffice at this very state and is reported as the gas (never below what is needed, so the gas
 * limit built from it keeps its whole margin and the gate's second look cannot understate it).
 * Anything else (a revert, which may be out of gas, or a different result) is simulated again in
 * full, with a fresh estimate, and that full result is the one reported.
 */

export type SimulationResult =
  | { readonly ok: true; readonly kept: bigint; readonly gasUsed: bigint }
  | { readonly ok: false; readonly error: string; readonly revertData?: string };

export interface SimulationRequest {
  readonly from: Address;
  readonly to: Address;
  readonly data: string;
  /** The block whose state the opportunity was computed on. */
  readonly blockTag: number;
  /**
   * The fees the transaction will pay: the call is priced as the real transaction (a token that
   * reads tx.gasprice would pass a zero-price call and revert in the block).
   */
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  /** What the transaction does, for the gas estimate kept per route (see above); optional. */
  readonly route?: string;
  /** The kept profit predicted: a capped call that returns anything else is re-run in full. */
  readonly expectedKept?: bigint;
  /**
   * The gas model's figure for the whole transaction (CostModel.routeGas, measured on the
   * executor): with `shape`, the cap of a first-seen route's one call, in place of the node's
   * estimate (see EthCallSimulator).
   */
  readonly modelGas?: bigint;
  /** What the route's gas depends on besides its pools (hop kinds, funding, builder payment). */
  readonly shape?: string;
}

export interface Simulator {
  simulate(request: SimulationRequest): Promise<SimulationResult>;
  /** Learns ahead of time what it can (a route's gas), in idle time; never throws. Optional. */
  prepare?(request: SimulationRequest): Promise<void>;
}

/** The eth_call of a request: from the operator, to the executor, at the state's block, with the real fees. */
function callOf(request: SimulationRequest) {
  return {
    from: request.from,
    to: request.to,
    data: request.data,
    blockTag: request.blockTag,
    maxFeePerGas: request.maxFeePerGas,
    maxPriorityFeePerGas: request.maxPriorityFeePerGas,
  };
}

/**
 * The cap of a known route's one call is its estimate plus this (bps); the cap is the gas reported,
 * proven sufficient at this state by that call. On the keeper benchmark's routes, 16 of 37 full
 * re-simulations had needed 1 to 13 % more than the route's previous estimate.
 */
const CAP_HEADROOM_BPS = 1_000n;
/** Routes whose gas estimate is kept; the oldest is forgotten beyond this. */
const ROUTES_KEPT = 4_096;
/** Estimate-to-model ratios kept per route shape; the cap uses the largest of them. */
const RATIOS_KEPT = 16;
const BPS = 10_000n;

export class EthCallSimulator implements Simulator {
  /** The node's last gas estimate per route. */
  private readonly gasByRoute = new Map<string, bigint>();
  /**
   * Per route shape, the last ratios (bps) of the node's estimate to the gas model's figure. The
   * model predicts the gas a transaction pays, after refunds (an executor balance or a pool lock
   * set and cleared within the transaction refunds most of its cost); a call needs the gas before
   * refunds and the 1/64 every nested call holds back, which on the keeper benchmark was 1.1 to
   * 1.6 times the model. So a first-seen route is capped at the model's figure times the largest
   * ratio seen on routes of its shape (times 1 before any), plus the headroom.
   */
  private readonly ratiosByShape = new Map<string, bigint[]>();

  constructor(
    private readonly rpc: ChainRpc,
    private readonly errors?: Interface,
  ) {}

  async simulate(request: SimulationRequest): Promise<SimulationResult> {
    const call = callOf(request);
    // A route seen before is capped at the node's estimate of it; a first-seen one at the gas
    // model's figure scaled to what the node estimated for routes of the same shape (an
    // eth_estimateGas binary search takes the node 10 to 80 ms on the benchmark); either way the
    // call proves the cap suffices.
    const known =
      (request.route === undefined ? undefined : this.gasByRoute.get(request.route)) ??
      this.scaledModel(request);
    if (known !== undefined && request.expectedKept !== undefined) {
      // The same route needs a little more gas from block to block as its pools move (a tick
      // crossed, a slot first written): headroom over the estimate spares most re-estimates.
      const cap = known + (known * CAP_HEADROOM_BPS) / 10_000n;
      const capped = await this.rpc.call({ ...call, gas: cap }).catch(() => undefined);
      if (
        capped !== undefined &&
        capped.length >= 66 &&
        BigInt(capped.slice(0, 66)) === request.expectedKept
      ) {
        return { ok: true, kept: request.expectedKept, gasUsed: cap };
      }
    }
    try {
      const [ret, gas] = await Promise.all([this.rpc.call(call), this.rpc.estimateGas(call)]);
      if (ret.length < 66) return { ok: false, error: "execute() returned no profit word" };
      this.remember(request, gas);
      return { ok: true, kept: BigInt(ret.slice(0, 66)), gasUsed: gas };
    } catch (err) {
      if (err instanceof RpcError) {
        const revertData = err.details.revertData as string | undefined;
        return { ok: false, error: describeRevert(revertData, this.errors), revertData };
      }
      throw err;
    }
  }

  /** Estimates the gas of a route not seen yet, so that its first simulation is one call too. */
  async prepare(request: SimulationRequest): Promise<void> {
    if (request.route === undefined || this.gasByRoute.has(request.route)) return;
    const call = callOf(request);
    try {
      this.remember(request, await this.rpc.estimateGas(call));
    } catch {
      // A route that reverts now is simulated in full if it comes up.
    }
  }

  /** The gas model's figure scaled by the largest estimate-to-model ratio of the route's shape. */
  private scaledModel(request: SimulationRequest): bigint | undefined {
    if (request.modelGas === undefined) return undefined;
    const ratios = request.shape === undefined ? undefined : this.ratiosByShape.get(request.shape);
    if (ratios === undefined) return request.modelGas;
    const ratio = ratios.reduce((a, b) => (b > a ? b : a), BPS);
    return (request.modelGas * ratio) / BPS;
  }

  /** Keeps the node's estimate for the route, and its ratio to the model for the route's shape. */
  private remember(request: SimulationRequest, gas: bigint): void {
    const { route, shape, modelGas } = request;
    if (route !== undefined) {
      this.gasByRoute.delete(route);
      this.gasByRoute.set(route, gas);
      if (this.gasByRoute.size > ROUTES_KEPT) {
        this.gasByRoute.delete(this.gasByRoute.keys().next().value as string);
      }
    }
    if (shape !== undefined && modelGas !== undefined && modelGas > 0n) {
      const ratios = this.ratiosByShape.get(shape) ?? [];
      ratios.push((gas * BPS) / modelGas);
      if (ratios.length > RATIOS_KEPT) ratios.shift();
      this.ratiosByShape.set(shape, ratios);
    }
  }
}
