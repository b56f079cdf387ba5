import { expect } from "chai";
import type { CallRequest, ChainRpc } from "../../bot/chain/chainRpc";
import { RpcError } from "../../bot/chain/chainRpc";
import { EthCallSimulator } from "../../bot/decide/simulator";

/**
 * EthCallSimulator: the node's gas estimate kept per route, and a route seen before simulated by
 * one call capped at it (a first-seen one at the gas model's figure, scaled by what the node
 * estimated for routes of its shape); anything but the predicted result from that call is
 * simulated in full.
 */

const word = (x: bigint) => "0x" + x.toString(16).padStart(64, "0");

/** A node whose executor keeps `kept` and needs `needed` gas (a call capped lower runs out). */
function fakeNode(state: { kept: bigint; needed: bigint }) {
  const log: string[] = [];
  const rpc = {
    requestCount: 0,
    async call(r: CallRequest): Promise<string> {
      log.push(r.gas === undefined ? "call" : `call gas=${r.gas}`);
      if (r.gas !== undefined && r.gas < state.needed) {
        throw new RpcError("RPC_FAILED", "eth_call failed: out of gas", { details: {} });
      }
      return word(state.kept);
    },
    async estimateGas(): Promise<bigint> {
      log.push("estimateGas");
      return state.needed;
    },
  } as unknown as ChainRpc;
  return { rpc, log };
}

const REQUEST = {
  from: "0x" + "01".repeat(20),
  to: "0x" + "02".repeat(20),
  data: "0x1234",
  blockTag: 7,
  route: "pool-a,pool-b|inventory|coinbase-share",
  expectedKept: 500n,
};

describe("keeper/EthCallSimulator: gas estimate per route", () => {
  it("estimates a new route, then simulates it by one call capped at that estimate + 10 %", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    expect(await sim.simulate(REQUEST)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 150_000n });
    expect(log).to.deep.equal(["call", "estimateGas"]);
    log.length = 0;
    // A little more needed now: the cap proves enough, and the cap is reported.
    state.needed = 160_000n;
    expect(await sim.simulate(REQUEST)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 165_000n });
    expect(log).to.deep.equal(["call gas=165000"]);
  });

  it("caps a first-seen route's one call at the gas model's figure + 10 %, and estimates in full when that is short", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    expect(await sim.simulate({ ...REQUEST, modelGas: 140_000n })).to.deep.equal({
      ok: true,
      kept: 500n,
      gasUsed: 154_000n,
    });
    expect(log).to.deep.equal(["call gas=154000"]);
    log.length = 0;
    // A model figure too low (a V3 hop crossing ticks): the capped call runs out, the full one reports.
    const other = { ...REQUEST, route: "pool-c,pool-d|inventory|coinbase-share", modelGas: 100_000n };
    expect(await sim.simulate(other)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 150_000n });
    expect(log).to.deep.equal(["call gas=110000", "call", "estimateGas"]);
  });

  it("scales a first-seen route's model figure by the largest estimate-to-model ratio of its shape", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    const shape = "uniswap-v2,uniswap-v2|inventory|coinbase-share";
    // The model says 100k, the node needs 150k (refunds and the 1/64 rule): short, so in full.
    await sim.simulate({ ...REQUEST, shape, modelGas: 100_000n });
    expect(log).to.deep.equal(["call gas=110000", "call", "estimateGas"]);
    // prepare() teaches a second ratio (1.2) on another route of the shape: the larger one stays.
    state.needed = 120_000n;
    await sim.prepare({
      ...REQUEST,
      route: "pool-e,pool-f|inventory|coinbase-share",
      shape,
      modelGas: 100_000n,
    });
    log.length = 0;
    // A new route of that shape: model 120k x 1.5 x 1.1, one call, the cap reported.
    state.needed = 170_000n;
    const fresh = { ...REQUEST, route: "pool-c,pool-d|inventory|coinbase-share", shape, modelGas: 120_000n };
    expect(await sim.simulate(fresh)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 198_000n });
    expect(log).to.deep.equal(["call gas=198000"]);
    log.length = 0;
    // Another shape learnt nothing: its first route is capped at its own model figure.
    const other = {
      ...fresh,
      route: "pool-g|inventory|coinbase-share",
      shape: "uniswap-v3|inventory|coinbase-share",
    };
    await sim.simulate(other);
    expect(log).to.deep.equal(["call gas=132000", "call", "estimateGas"]);
  });

  it("simulates in full, with a fresh estimate, when the route now needs more than the cap", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    await sim.simulate(REQUEST);
    state.needed = 170_000n;
    log.length = 0;
    expect(await sim.simulate(REQUEST)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 170_000n });
    expect(log).to.deep.equal(["call gas=165000", "call", "estimateGas"]);
    log.length = 0;
    await sim.simulate(REQUEST);
    expect(log).to.deep.equal(["call gas=187000"]);
  });

  it("reports the full simulation's result when the capped call returns anything else", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    await sim.simulate(REQUEST);
    state.kept = 499n;
    log.length = 0;
    expect(await sim.simulate(REQUEST)).to.deep.equal({ ok: true, kept: 499n, gasUsed: 150_000n });
    expect(log).to.deep.equal(["call gas=165000", "call", "estimateGas"]);
  });

  it("prepare() learns a new route's gas, so that its first simulation is one capped call", async () => {
    const state = { kept: 500n, needed: 150_000n };
    const { rpc, log } = fakeNode(state);
    const sim = new EthCallSimulator(rpc);
    await sim.prepare(REQUEST);
    await sim.prepare(REQUEST); // known now: nothing asked
    expect(log).to.deep.equal(["estimateGas"]);
    expect(await sim.simulate(REQUEST)).to.deep.equal({ ok: true, kept: 500n, gasUsed: 165_000n });
    expect(log).to.deep.equal(["estimateGas", "call gas=165000"]);
  });

  it("without a route (or a prediction) always simulates in full", async () => {
    const { rpc, log } = fakeNode({ kept: 500n, needed: 150_000n });
    const sim = new EthCallSimulator(rpc);
    await sim.simulate({ ...REQUEST, route: undefined });
    await sim.simulate({ ...REQUEST, route: undefined });
    await sim.simulate(REQUEST);
    await sim.simulate({ ...REQUEST, expectedKept: undefined });
    expect(log).to.deep.equal(Array(4).fill(["call", "estimateGas"]).flat());
  });
});
