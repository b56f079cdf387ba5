import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkConfig } from "../../bot/config/checkConfig";

const FLASHBOTS = {
  name: "ethereum",
  chainId: 1,
  rpc: { http: "env:OMNI_ARB_RPC_HTTP" },
  submission: {
    kind: "flashbots",
    relays: ["env:OMNI_ARB_RELAY"],
    builderPayment: { kind: "coinbase-share", bps: 8000 },
  },
};

describe("config: checkConfig (config check without the run-time environment)", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-check-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, raw: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(raw));
    return file;
  }

  it("unset URL variables become placeholders; the variables and keys are listed as not set", () => {
    const check = checkConfig(write("fb.json", FLASHBOTS), { env: {} });
    expect(check.config.chainId).to.equal(1);
    expect([...check.placeholders]).to.deep.equal([
      ["rpc.http", "OMNI_ARB_RPC_HTTP"],
      ["submission.relays[0]", "OMNI_ARB_RELAY"],
    ]);
    expect(check.variables.map((v) => [v.neededFor, v.required, v.set])).to.deep.equal([
      ["rpc.http", true, false],
      ["submission.relays[0]", true, false],
      ["operator key", true, false],
      ["bundle-signing key", true, false],
    ]);
  });

  it("a set variable is used as at start-up and reported as set", () => {
    const env = {
      OMNI_ARB_RPC_HTTP: "https://rpc.example/key",
      OMNI_ARB_SIGNER_KEYSTORE: "/k.json",
      OMNI_ARB_KEYSTORE_PASSWORD: "pw-123456",
    };
    const check = checkConfig(write("fb-set.json", FLASHBOTS), { env });
    expect(check.config.rpc.http).to.equal("https://rpc.example/key");
    expect(check.placeholders.has("rpc.http")).to.equal(false);
    expect(check.variables.map((v) => v.set)).to.deep.equal([true, false, false, true]);
  });

  it("an unset variable outside a URL field is still the loader's error naming the field", () => {
    const file = write("executor.json", { ...FLASHBOTS, executor: "env:OMNI_ARB_EXECUTOR" });
    expect(() => checkConfig(file, { env: {} })).to.throw(
      `${file}: executor: environment variable OMNI_ARB_EXECUTOR is not set`,
    );
  });

  it("a malformed variable name in a URL field is not hidden by a placeholder", () => {
    const file = write("badname.json", { ...FLASHBOTS, rpc: { http: "env:rpc-url" } });
    expect(() => checkConfig(file, { env: {} })).to.throw(
      `${file}: rpc.http: not an environment variable name ("rpc-url")`,
    );
  });
});
