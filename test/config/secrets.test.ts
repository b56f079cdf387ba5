import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet, encryptKeystoreJsonSync } from "ethers";
import { loadSecrets } from "../../bot/config/secrets";
import { REDACTED, forgetSecrets, redactSecrets, urlOrigin } from "../../bot/config/redact";
import { UsageError } from "../../bot/core/errors";

// Hardhat's well-known development accounts #0 and #1 (public test keys, never funded on a real chain).
const KEY_A = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const KEY_B = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    const message = (err as UsageError).message;
    expect(message).not.to.include("\n");
    return message;
  }
  throw new Error("expected a UsageError");
}

/** A keystore with a deliberately cheap scrypt setting so the test runs in milliseconds. */
function writeKeystore(dir: string, key: string, password: string): string {
  const wallet = new Wallet(key);
  const json = encryptKeystoreJsonSync({ address: wallet.address, privateKey: key }, password, {
    scrypt: { N: 16, r: 8, p: 1 },
  });
  const file = path.join(dir, "operator.json");
  fs.writeFileSync(file, json);
  return file;
}

describe("config: secrets", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-secrets-"));
    forgetSecrets();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    forgetSecrets();
  });

  it("reads the operator and signer keys from the environment", async () => {
    const secrets = await loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY_A, OMNI_ARB_SIGNER_KEY: KEY_B.slice(2) });
    expect(secrets.operator.address).to.equal(new Wallet(KEY_A).address);
    expect(secrets.signer?.address).to.equal(new Wallet(KEY_B).address);
  });

  it("a malformed key is a one-line error that does not contain the key", async () => {
    const bad = KEY_A.slice(0, 60); // truncated
    const message = await messageOf(loadSecrets({ OMNI_ARB_OPERATOR_KEY: bad }));
    expect(message).to.equal("OMNI_ARB_OPERATOR_KEY: not a valid private key (expected 32 bytes as hex)");
    expect(message).not.to.include(bad.slice(2, 20));
  });

  it("a key outside the curve's range (zero) is refused the same way", async () => {
    const message = await messageOf(loadSecrets({ OMNI_ARB_OPERATOR_KEY: "0x" + "0".repeat(64) }));
    expect(message).to.equal("OMNI_ARB_OPERATOR_KEY: not a valid private key (expected 32 bytes as hex)");
  });

  it("no operator key at all says which variables to set", async () => {
    expect(await messageOf(loadSecrets({}))).to.equal(
      "no operator key: set OMNI_ARB_OPERATOR_KEY, or OMNI_ARB_KEYSTORE and OMNI_ARB_KEYSTORE_PASSWORD",
    );
  });

  it("requireSigner refuses to run without a bundle-signing key", async () => {
    expect(await messageOf(loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY_A }, { requireSigner: true }))).to.equal(
      "no bundle-signing key: set OMNI_ARB_SIGNER_KEY, or OMNI_ARB_SIGNER_KEYSTORE and a keystore password",
    );
  });

  it("two sources for one key are refused", async () => {
    const message = await messageOf(
      loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY_A, OMNI_ARB_KEYSTORE: "/x.json" }),
    );
    expect(message).to.equal(
      "both OMNI_ARB_OPERATOR_KEY and OMNI_ARB_KEYSTORE are set; choose one source for the operator key",
    );
  });

  it("decrypts an encrypted JSON keystore", async () => {
    const file = writeKeystore(dir, KEY_A, "correct horse");
    const secrets = await loadSecrets({
      OMNI_ARB_KEYSTORE: file,
      OMNI_ARB_KEYSTORE_PASSWORD: "correct horse",
    });
    expect(secrets.operator.address).to.equal(new Wallet(KEY_A).address);
    expect(secrets.signer).to.equal(undefined);
    // the decrypted key and the password are now redacted everywhere
    expect(redactSecrets(`k=${KEY_A} p=correct horse`)).to.equal(`k=${REDACTED} p=${REDACTED}`);
  });

  it("a wrong keystore password is a one-line error without the password", async () => {
    const file = writeKeystore(dir, KEY_A, "correct horse");
    const message = await messageOf(
      loadSecrets({ OMNI_ARB_KEYSTORE: file, OMNI_ARB_KEYSTORE_PASSWORD: "battery staple" }),
    );
    expect(message).to.equal(`OMNI_ARB_KEYSTORE: cannot decrypt ${file}: wrong password or damaged keystore`);
    expect(message).not.to.include("battery");
  });

  it("a keystore without its password variable says so", async () => {
    const file = writeKeystore(dir, KEY_A, "pw-123456");
    expect(await messageOf(loadSecrets({ OMNI_ARB_KEYSTORE: file }))).to.equal(
      `OMNI_ARB_KEYSTORE_PASSWORD is not set (needed to decrypt OMNI_ARB_KEYSTORE ${file})`,
    );
  });

  it("a missing keystore file gives the errno code", async () => {
    const file = path.join(dir, "missing.json");
    expect(
      await messageOf(loadSecrets({ OMNI_ARB_KEYSTORE: file, OMNI_ARB_KEYSTORE_PASSWORD: "pw-123456" })),
    ).to.equal(`OMNI_ARB_KEYSTORE: cannot read keystore ${file} (ENOENT)`);
  });
});

describe("config: redactSecrets", () => {
  afterEach(() => forgetSecrets());

  it("keeps only a URL's origin when more follows it (API keys ride in RPC and relay URLs)", () => {
    expect(redactSecrets("cannot reach https://eth.example/v3/abcdef0123 now")).to.equal(
      `cannot reach https://eth.example/${REDACTED} now`,
    );
    expect(redactSecrets('relay "https://u:p@relay.example:8443/?key=1" failed')).to.equal(
      `relay "https://relay.example:8443/${REDACTED}" failed`,
    );
    expect(redactSecrets("node http://127.0.0.1:8545 and ws://127.0.0.1:8546/")).to.equal(
      "node http://127.0.0.1:8545 and ws://127.0.0.1:8546/",
    );
    expect(urlOrigin("https://relay.example/path?key=1")).to.equal("https://relay.example");
    expect(urlOrigin("not a url")).to.equal("not a url");
  });

  it("replaces a loaded key in any case, with or without 0x", async () => {
    await loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY_A });
    const text = `a ${KEY_A} b ${KEY_A.slice(2).toUpperCase()} c`;
    expect(redactSecrets(text)).to.equal(`a ${REDACTED} b ${REDACTED} c`);
  });

  it("replaces any 64-hex value, even one never loaded", () => {
    expect(redactSecrets(`leaked ${KEY_B} here`)).to.equal(`leaked ${REDACTED} here`);
  });

  it("keeps hashes in fields named *hash and idempotencyKey, but never a loaded key", async () => {
    const hash = "0x" + "1f".repeat(32);
    const line = JSON.stringify({ bundleHash: hash, idempotencyKey: hash, other: hash });
    expect(redactSecrets(line)).to.equal(
      JSON.stringify({ bundleHash: hash, idempotencyKey: hash, other: REDACTED }),
    );
    await loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY_A });
    expect(redactSecrets(JSON.stringify({ txHash: KEY_A }))).to.equal(JSON.stringify({ txHash: REDACTED }));
  });

  it("keeps arrays of hashes under a *Hashes field, but not key-shaped values in other arrays", () => {
    const a = "0x" + "1f".repeat(32);
    const b = "0x" + "2e".repeat(32);
    expect(redactSecrets(JSON.stringify({ txHashes: [a, b], blockHash: a }))).to.equal(
      JSON.stringify({ txHashes: [a, b], blockHash: a }),
    );
    expect(redactSecrets(JSON.stringify({ notes: [a], nested: { hash: { inner: b } } }))).to.equal(
      JSON.stringify({ notes: [REDACTED], nested: { hash: { inner: REDACTED } } }),
    );
  });

  it("leaves ordinary text and addresses alone", () => {
    const text = "pool 0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f profit 12345";
    expect(redactSecrets(text)).to.equal(text);
  });
});
