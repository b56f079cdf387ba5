import { expect } from "chai";
import { DashboardHistory, type DashboardMessage } from "../../bot/observe/dashboard/history";
import { Ring } from "../../bot/observe/dashboard/ring";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { emit, USDC, WETH, type KeeperEvent } from "../telemetry/syntheticRun";

describe("dashboard: history model", () => {
  it("a ring keeps the newest items in order and replaces the newest", () => {
    const ring = new Ring<number>(3);
    expect(ring.toArray()).to.deep.equal([]);
    expect(ring.last()).to.equal(undefined);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).to.deep.equal([5, 6, 7]);
    expect(ring.length).to.equal(3);
    ring.replaceLast(70);
    expect(ring.toArray()).to.deep.equal([5, 6, 70]);
    expect(() => new Ring(0)).to.throw(RangeError);
  });

  const block = (number: number): KeeperEvent => [
    "block",
    { number, hash: "0x" + number.toString(16), changedPools: 1, reorgDepth: 0, receivedAtMs: number },
  ];
  const included = (at: bigint, token: string, realised: bigint, usd: number | undefined): KeeperEvent => [
    "outcome",
    {
      key: `k${at}`,
      targetBlock: at,
      predictedProfit: realised,
      profitToken: token,
      realisedProfitUsd: usd,
      outcome: {
        kind: "included",
        blockNumber: at,
        txHash: "0x01",
        gasUsed: 1n,
        gasCostWei: 1n,
        realisedProfit: realised,
        builderPayment: 0n,
      },
    },
  ];

  it("stamps each block with when the dashboard saw it, whatever receive time the keeper reported", () => {
    const events = new KeeperEvents();
    const history = new DashboardHistory(events, { now: () => 1_790_000_000_000 });
    // A zero receive time once showed "block #1,117 20782 d ago": the page ages a block from seenAtMs.
    emit(events, [
      ["block", { number: 1117, hash: "0x45d", changedPools: 0, reorgDepth: 0, receivedAtMs: 0 }],
    ]);
    const blocks = history.replay().filter((m) => m.event === "block");
    expect(blocks.map((m) => m.data)).to.deep.equal([
      {
        number: 1117,
        hash: "0x45d",
        changedPools: 0,
        reorgDepth: 0,
        receivedAtMs: 0,
        seenAtMs: 1_790_000_000_000,
      },
    ]);
  });

  it("cumulative profit: one point per block, an inclusion folded into the block it landed in", () => {
    const events = new KeeperEvents();
    const history = new DashboardHistory(events);
    const live: DashboardMessage[] = [];
    history.subscribe((m) => live.push(m));
    emit(events, [
      block(10),
      included(11n, WETH, 5n, 1.5), // lands in block 11, reported before block 11's event
      block(11),
      block(12),
      included(12n, USDC, 7n, 2.25),
      included(12n, WETH, 10n ** 24n + 1n, undefined), // unpriced: USD unchanged, tokens exact
      block(13),
    ]);
    const points = history
      .replay()
      .filter((m) => m.event === "profit")
      .map((m) => m.data);
    expect(points).to.deep.equal([
      { block: 10, usd: 0, tokens: {} },
      { block: 11, usd: 1.5, tokens: { [WETH]: "5" } },
      { block: 12, usd: 3.75, tokens: { [WETH]: (10n ** 24n + 6n).toString(), [USDC]: "7" } },
      { block: 13, usd: 3.75, tokens: { [WETH]: (10n ** 24n + 6n).toString(), [USDC]: "7" } },
    ]);
    expect(live.filter((m) => m.event === "profit")).to.have.length(7);
    expect(history.totals()).to.include({ blocks: 4, included: 3, realisedUsd: 3.75 });
  });

  it("gate and quarantine come from the keeper's snapshot when given, else from events", () => {
    const events = new KeeperEvents();
    const derived = new DashboardHistory(events);
    let snapshot = { breakerOpen: false, killSwitch: true, reason: "operator", quarantined: [] as never[] };
    const fromKeeper = new DashboardHistory(events, { statusSnapshot: () => snapshot });
    emit(events, [
      ["gate", { breakerOpen: true, killSwitch: false, reason: "3 failures" }],
      ["quarantine", { kind: "pool", address: "0xABC0000000000000000000000000000000000000", reason: "odd" }],
    ]);
    expect(derived.gateState()).to.include({ breakerOpen: true, killSwitch: false, reason: "3 failures" });
    const q = derived.replay().filter((m) => m.event === "quarantine");
    expect(q.map((m) => m.data)).to.have.length(1);
    expect(q[0].data).to.include({ address: "0xabc0000000000000000000000000000000000000", kind: "pool" });

    expect(fromKeeper.gateState()).to.include({ breakerOpen: false, killSwitch: true, reason: "operator" });
    expect(fromKeeper.replay().filter((m) => m.event === "quarantine")).to.have.length(0);
    snapshot = { ...snapshot, killSwitch: false };
    expect(fromKeeper.gateState().killSwitch).to.equal(false);
  });
});
