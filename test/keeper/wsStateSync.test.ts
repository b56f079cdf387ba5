import { expect } from "chai";
import { Contract, JsonRpcProvider } from "ethers";
import type { BlockRef } from "../../bot/chain/blockTracker";
import { httpChainRpc } from "../../bot/chain/chainRpc";
import { WsHeadSource, type HeadSourceStatus } from "../../bot/chain/headStream";
import { freshRead } from "../helpers/freshRead";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { StateSync } from "../../bot/state/stateSync";
import { startExecWorld, type ExecWorld } from "../exec/world";
import { devnetPools, randomMarketStep, type MarketActors } from "../helpers/devnetMarket";
import { remoteHre } from "../helpers/remoteHre";
import { startTcpProxy, type TcpProxy } from "../helpers/tcpProxy";
import { expectSameState } from "../helpers/expectSameState";

const V2_ROUTER_ABI = [
  "function addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256) returns (uint256,uint256,uint256)",
  "function removeLiquidity(address,address,uint256,uint256,uint256,address,uint256) returns (uint256,uint256)",
];
const PAIR_ABI = [
  "function balanceOf(address) view returns (uint256)",
  "function approve(address,uint256) returns (bool)",
  "function getReserves() view returns (uint112,uint112,uint32)",
];

/** V2 liquidity added (Mint) or removed (Burn) on one pair of either venue, in its own block. */
async function v2Liquidity(a: MarketActors, step: number): Promise<void> {
  const p = a.v2[(step * 7) % a.v2.length];
  const pair = new Contract(p.pair, PAIR_ABI, a.trader);
  const held = (await pair.balanceOf(a.traderAddress)) as bigint;
  if (step % 2 === 1 && held > 0n) {
    await (await pair.approve(p.router.target, held)).wait();
    await (
      await p.router.getFunction("removeLiquidity")(
        p.token0,
        p.token1,
        held / 2n + 1n,
        0n,
        0n,
        a.traderAddress,
        2n ** 64n,
        {
          gasLimit: 500_000n,
        },
      )
    ).wait();
    return;
  }
  const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
  const router = new Contract(p.router.target as string, V2_ROUTER_ABI, a.trader);
  await (
    await router.getFunction("addLiquidity")(
      p.token0,
      p.token1,
      r0 / 50n + 1n,
      r1 / 50n + 1n,
      0n,
      0n,
      a.traderAddress,
      2n ** 64n,
      {
        gasLimit: 500_000n,
      },
    )
  ).wait();
}

/**
 * Issue 5, acceptance 3: StateSync driven by a WebSocket head stream (WsHeadSource through a TCP
 * proxy) on a separate Hardhat node with the devnet, over 200 blocks of random swaps, V3 mints and
 * burns and V2 liquidity added and removed on every venue. The WebSocket is cut in the middle and
 * stays down while blocks are mined; after it reconnects the sync catches up, and at the end the
 * in-memory state equals a fresh read of every pool exactly.
 */
describe("state over 200 blocks with a WebSocket disconnect (separate node)", function () {
  this.timeout(300_000);
  let w: ExecWorld;
  let proxy: TcpProxy;
  let provider: JsonRpcProvider;

  before(async () => {
    w = await startExecWorld();
    provider = new JsonRpcProvider(w.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    proxy = await startTcpProxy(Number(new URL(w.url).port));
  });
  after(async () => {
    provider?.destroy();
    await proxy?.close();
    await w?.close();
  });

  it("follows every pool exactly across 200 blocks and a dropped WebSocket", async () => {
    const { pools, actors } = await devnetPools(remoteHre(w.deployments, provider));
    const { rpc, provider: syncProvider } = httpChainRpc(w.url, 31337n);
    const sync = new StateSync(rpc);
    await sync.start(pools);

    // Heads are applied one at a time, a head arriving meanwhile is coalesced (as the keeper does).
    const errors: unknown[] = [];
    const statuses: HeadSourceStatus[] = [];
    let latest: BlockRef | undefined;
    let busy: Promise<void> | undefined;
    const onHead = (head: BlockRef) => {
      latest = head;
      if (busy) return;
      busy = (async () => {
        while (latest) {
          const next = latest;
          latest = undefined;
          try {
            await sync.advance(next);
          } catch (err) {
            errors.push(err);
          }
        }
        busy = undefined;
      })();
    };
    const heads = new WsHeadSource(`ws://127.0.0.1:${proxy.port}`, { initialMs: 50, maxMs: 200 });
    heads.start(onHead, (s) => statuses.push(s));
    const connected = async (n: number) => {
      const until = Date.now() + 10_000;
      while (statuses.filter((s) => s.kind === "connected").length < n) {
        if (Date.now() > until) throw new Error(`not connected: ${JSON.stringify(statuses)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await connected(1);
      const first = await provider.getBlockNumber();
      let seed = 17;
      let missed = 0;
      for (let step = 0; (await provider.getBlockNumber()) - first < 200; step++) {
        if (step === 90) {
          // Cut the WebSocket and keep it down while blocks are mined.
          proxy.pause();
          proxy.cut();
          for (let i = 0; i < 8; i++) seed = await randomMarketStep(actors, seed);
          missed = 8;
          expect(statuses.some((s) => s.kind === "disconnected")).to.equal(true);
          proxy.resume();
          await connected(2);
        }
        if (step % 10 === 5) await v2Liquidity(actors, step);
        else seed = await randomMarketStep(actors, seed);
      }
      expect(missed).to.equal(8);

      const head = await provider.getBlock("latest");
      const until = Date.now() + 20_000;
      while (sync.tip?.hash !== head!.hash || busy) {
        if (Date.now() > until) throw new Error(`sync at ${sync.tip?.number}, head ${head!.number}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(errors.map(String)).to.deep.equal([]);
      expect(head!.number - first).to.be.at.least(200);

      const freshRpc = httpChainRpc(w.url, 31337n);
      const fresh = await freshRead(freshRpc.rpc, pools as readonly PoolDescriptor[], head!.number);
      freshRpc.provider.destroy();
      expectSameState(sync.store, fresh);
    } finally {
      await heads.stop();
      syncProvider.destroy();
    }
  });
});
