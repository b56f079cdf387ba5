import type { PoolKind } from "../amm/types";

/**
 * Expected gas of an arbitrage transaction, per hop kind. These are published router heuristics,
 * not measurements of our executor: the executor's gas benchmark (`npm run bench:gas`) will
 * replace them with measured figures. Sources are in docs/engine.md#gas-model.
 */
export interface GasModel {
  /** Paid once per transaction: intrinsic gas plus the executor's entry, checks and transfers. */
  readonly base: number;
  readonly perHop: Readonly<Record<PoolKind, number>>;
}

export const DEFAULT_GAS_MODEL: GasModel = Object.freeze({
  // 21,000 intrinsic (Ethereum Yellow Paper, G_transaction) + 15,000 per-route overhead, the
  // SINGLE_HOP_OVERHEAD of Uniswap's smart-order-router V3 gas model.
  base: 36_000,
  perHop: Object.freeze({
    // Uniswap smart-order-router v2 heuristic gas model: COST_PER_EXTRA_HOP = 50,000.
    "uniswap-v2": 50_000,
    // Uniswap smart-order-router v3 gas-costs.ts: COST_PER_HOP = 80,000 on mainnet (tick
    // crossings, COST_PER_INIT_TICK = 31,000 each, are not counted: the PoolModel interface does
    // not report them).
    "uniswap-v3": 80_000,
  }),
});

export function expectedGas(kinds: readonly PoolKind[], model: GasModel = DEFAULT_GAS_MODEL): bigint {
  let gas = model.base;
  for (const k of kinds) gas += model.perHop[k];
  return BigInt(gas);
}
