import type { Interface } from "ethers";
import { AbiCoder } from "ethers";
import type { Address } from "../amm/types";
import type { ChainRpc } from "../chain/chainRpc";
import { RpcError } from "../chain/chainRpc";

/**
 * Exact simulation of the executor transaction against the state the engine priced: `eth_call`
 * at the block the keeper synced, from the operator, returning what the executor kept. A result
 * that differs from the prediction by one wei means the model is wrong for that cycle.
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
}

export interface Simulator {
  simulate(request: SimulationRequest): Promise<SimulationResult>;
}

/** Describes a revert by the executor's custom errors, or the raw data when unknown. */
export function describeRevert(data: string | undefined, errors: Interface | undefined): string {
  if (!data || data === "0x") return "reverted without data";
  try {
    const parsed = errors?.parseError(data);
    if (parsed) return `${parsed.name}(${parsed.args.map((a) => String(a)).join(", ")})`;
  } catch {
    // not one of ours: fall through to the raw selector
  }
  if (data.startsWith("0x08c379a0")) {
    try {
      return `Error(${AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10))[0]})`;
    } catch {
      return `Error(<undecodable>)`;
    }
  }
  return `reverted with ${data.slice(0, 10)}`;
}

export class EthCallSimulator implements Simulator {
  constructor(
    private readonly rpc: ChainRpc,
    private readonly errors?: Interface,
  ) {}

  async simulate(request: SimulationRequest): Promise<SimulationResult> {
    const call = { from: request.from, to: request.to, data: request.data, blockTag: request.blockTag };
    try {
      const [ret, gas] = await Promise.all([this.rpc.call(call), this.rpc.estimateGas(call)]);
      if (ret.length < 66) return { ok: false, error: "execute() returned no profit word" };
      return { ok: true, kept: BigInt(ret.slice(0, 66)), gasUsed: gas };
    } catch (err) {
      if (err instanceof RpcError) {
        const revertData = err.details.revertData as string | undefined;
        return { ok: false, error: describeRevert(revertData, this.errors), revertData };
      }
      throw err;
    }
  }
}
