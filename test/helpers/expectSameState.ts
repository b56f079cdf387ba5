import { expect } from "chai";
import { UniswapV2Pool } from "../../bot/venues/uniswap-v2/pool";
import { UniswapV3Pool } from "../../bot/venues/uniswap-v3/pool";
import type { PoolStore } from "../../bot/state/poolStore";

/** Asserts that a live store holds exactly the state of a fresh on-chain read, pool by pool. */
export function expectSameState(live: PoolStore, fresh: PoolStore): void {
  expect(live.size).to.equal(fresh.size);
  for (const f of fresh.all()) {
    const l = live.get(f.address);
    if (f instanceof UniswapV2Pool) {
      expect(l, f.address).to.be.instanceOf(UniswapV2Pool);
      const lv = l as UniswapV2Pool;
      expect([lv.reserve0, lv.reserve1], f.address).to.deep.equal([f.reserve0, f.reserve1]);
    } else {
      expect(l, f.address).to.be.instanceOf(UniswapV3Pool);
      expect((l as UniswapV3Pool).toState(), f.address).to.deep.equal((f as UniswapV3Pool).toState());
    }
  }
}
