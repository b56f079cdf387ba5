import { expect } from "chai";
import { CycleArbStrategy } from "../../bot/strategies/cycle-arb/cycleArbStrategy";
import type { BlockEvent } from "../../bot/strategies/strategy";
import type { PoolModel } from "../../bot/venues/common/poolModel";
import { expectedGas } from "../../bot/chains/gasModel";
import { addr, v2 } from "./helpers";

const WETH = addr(1);
const USDC = addr(2);
const E18 = 10n ** 18n;

/** Two pairs on one pair of tokens at different prices: one 2-hop cycle each way. */
function pools(spread: bigint): PoolModel[] {
  return [
    v2(1, WETH, USDC, 1_000n * E18, 3_000_000n * E18),
    v2(2, WETH, USDC, 1_000n * E18, (3_000_000n + spread) * E18),
  ];
}

function event(models: PoolModel[], o: Partial<BlockEvent> = {}): BlockEvent {
  return {
    kind: "block",
    tip: {
      number: 1,
      hash: "0x01",
      parentHash: "0x00",
      timestamp: 0,
      baseFeePerGas: 0n,
      gasLimit: 0n,
      gasUsed: 0n,
    },
    changed: new Set(),
    added: [],
    reorg: false,
    pools: () => models,
    ...o,
  };
}

const pricing = { gasPriceWei: 0n, tokenPerNative: new Map() };

describe("strategy/CycleArbStrategy", function () {
  it("yields the engine's opportunities best first as candidates, and counts them on close", function () {
    const s = new CycleArbStrategy({ bases: [WETH], swapGas: (k) => expectedGas(k) });
    const models = pools(60_000n);
    s.prime(event(models));
    const stream = s.onEvent(event(models), { pricing });
    const first = stream.next();
    expect(first?.strategy).to.equal("cycle-arb");
    expect(first?.opportunity.profit).to.be.greaterThan(0n);
    expect(stream.close().opportunities).to.equal(1);
  });

  it("rebuilds on a reorg, whose repair replaces the pool models with fresh reads", function () {
    const s = new CycleArbStrategy({ bases: [WETH], swapGas: (k) => expectedGas(k) });
    const before = pools(60_000n);
    s.prime(event(before));
    // The repaired store holds new objects with another state; nothing is reported as changed.
    const after = pools(0n);
    const kept = s.onEvent(event(after), { pricing });
    expect(kept.next(), "without the reorg flag the engine still prices the old models").to.not.equal(
      undefined,
    );
    kept.close();
    const rebuilt = s.onEvent(event(after, { reorg: true }), { pricing });
    expect(rebuilt.next()).to.equal(undefined);
    rebuilt.close();
    expect(s.current!.graph.pools.every((p, i) => p === after[i])).to.equal(true);
  });
});
