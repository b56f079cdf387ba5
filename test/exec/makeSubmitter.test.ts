import { expect } from "chai";
import { JsonRpcProvider, Wallet } from "ethers";
import { DirectSubmitter } from "../../bot/execute/directSubmitter";
import { FlashbotsSubmitter } from "../../bot/execute/flashbotsSubmitter";
import { makeSubmitter } from "../../bot/execute/makeSubmitter";
import { SubmissionError } from "../../bot/execute/submissionError";
import type { SubmissionSettings } from "../../bot/config/types";

describe("makeSubmitter", () => {
  // Nothing listens here: building a submitter must not need the chain or the relays.
  const provider = new JsonRpcProvider("http://127.0.0.1:9", 31337, { staticNetwork: true });
  const operator = new Wallet(Wallet.createRandom().privateKey);
  const settings = (kind: "flashbots" | "direct"): SubmissionSettings => ({
    kind,
    relays: ["http://127.0.0.1:9/relay"],
    builderPayment: { kind: "priority-fee" },
    blocksAhead: 1,
  });

  after(() => provider.destroy());

  it("builds a FlashbotsSubmitter for kind flashbots", async () => {
    const s = await makeSubmitter(settings("flashbots"), {
      provider,
      chainId: 31337n,
      operator,
      reputationSigner: new Wallet(Wallet.createRandom().privateKey),
    });
    expect(s).to.be.instanceOf(FlashbotsSubmitter);
    expect(s.kind).to.equal("flashbots");
    expect(s.simulate).to.be.a("function");
  });

  it("builds a DirectSubmitter for kind direct", async () => {
    const s = await makeSubmitter(settings("direct"), { provider, chainId: 31337n, operator });
    expect(s).to.be.instanceOf(DirectSubmitter);
    expect(s.kind).to.equal("direct");
  });

  it("refuses flashbots without a reputation key, and without relays", async () => {
    const noKey = makeSubmitter(settings("flashbots"), { provider, chainId: 31337n, operator });
    await noKey.then(
      () => expect.fail("expected a SubmissionError"),
      (err: unknown) =>
        expect(err).to.be.instanceOf(SubmissionError).with.property("code", "SUBMIT_NO_REPUTATION_KEY"),
    );
    const noRelay = makeSubmitter(
      { ...settings("flashbots"), relays: [] },
      { provider, chainId: 31337n, operator, reputationSigner: operator },
    );
    await noRelay.then(
      () => expect.fail("expected a SubmissionError"),
      (err: unknown) =>
        expect(err).to.be.instanceOf(SubmissionError).with.property("code", "SUBMIT_NO_RELAY"),
    );
  });
});
