import { VENUES } from "../venues/registry";

/**
 * Expected gas of an arbitrage transaction through ArbExecutor, per hop kind: the engine's figure
 * for ranking and the risk gate's first look. Derived from the executor's own measurements
 * (`npm run bench:gas`, committed in test/executor/gas-snapshot.json; test/strategy/gasModel.test.ts
 * fails if these drift from it), rounded up to the next hundred so a cost is never understated:
 *   V2 hop  = v2v2v2_inventory - v2v2_inventory         = 185,300 - 134,812 = 50,488
 *   base    = v2v2_inventory - 2 x V2 hop               = 134,812 - 100,976 = 33,836
 *   V3 hop  = v3v2_v3flash - base - V2 hop              = 142,866 -  84,324 = 58,542
 *   PancakeSwap V3 hop = pancakev3v2_v3flash - base - V2 hop = 152,796 - 84,324 = 68,472
 * The hop figures live with their venues (Venue.hopGas, bot/venues/<kind>/venue.ts).
 * The base holds the 21,000 intrinsic gas, the plan's calldata, the operator check, the balance
 * reads and the profit check. A V3 hop here crosses no initialised tick; each crossing costs more
 * (on mainnet, cold tick storage: Uniswap's router counts 31,000). That, the funding source and the
 * builder payment (fundingGas.ts) are settled by the simulation, whose gasUsed the keeper
 * checks against the same limits before submitting.
 */
export interface GasModel {
  /** Paid once per transaction: intrinsic gas plus the executor's entry, checks and transfers. */
  readonly base: number;
  /** Per venue kind: each venue's measured hop gas (Venue.hopGas). */
  readonly perHop: Readonly<Record<string, number>>;
}

export const DEFAULT_GAS_MODEL: GasModel = Object.freeze({
  base: 33_900,
  perHop: Object.freeze(Object.fromEntries(VENUES.map((v) => [v.kind, v.hopGas]))),
});

export function expectedGas(kinds: readonly string[], model: GasModel = DEFAULT_GAS_MODEL): bigint {
  let gas = model.base;
  for (const k of kinds) {
    const hop = model.perHop[k];
    if (hop === undefined) throw new RangeError(`no hop gas for venue kind ${k}`);
    gas += hop;
  }
  return BigInt(gas);
}
