import { expect } from "chai";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { listenSafely } from "../../bot/observe/listen";
import { TelemetryError } from "../../bot/observe/telemetryError";
import { OmniArbError } from "../../bot/core/errors";

describe("telemetry: observers cannot break the keeper", () => {
  const block = { number: 7, hash: "0x07", changedPools: 1, reorgDepth: 0, receivedAtMs: 0 };

  it("a throwing observer reports a TelemetryError instead of throwing into emit", () => {
    const events = new KeeperEvents();
    const errors: TelemetryError[] = [];
    const seen: number[] = [];
    listenSafely(
      events,
      {
        block: () => {
          throw new Error("boom");
        },
      },
      (e) => errors.push(e),
    );
    listenSafely(events, { block: (b) => seen.push(b.number) }, (e) => errors.push(e));
    expect(() => events.emit("block", block)).not.to.throw();
    expect(seen).to.deep.equal([7]);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(OmniArbError);
    expect(errors[0].code).to.equal("OBSERVER_FAILED");
    expect(errors[0].message).to.include('"block"').and.include("boom");
  });

  it("detaching removes exactly its own listeners", () => {
    const events = new KeeperEvents();
    const other = () => undefined;
    events.on("block", other);
    const detach = listenSafely(events, { block: () => undefined, gate: () => undefined });
    expect(events.listenerCount("block")).to.equal(2);
    detach();
    expect(events.listenerCount("block")).to.equal(1);
    expect(events.listenerCount("gate")).to.equal(0);
  });
});
