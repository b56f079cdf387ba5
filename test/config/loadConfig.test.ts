import { expect } from "chai";
import fc from "fast-check";
import { getAddress } from "ethers";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { normaliseAddress } from "../../bot/config/fields";
import { loadConfig, parseConfig } from "../../bot/config/loadConfig";
import { UsageError } from "../../bot/core/errors";
import { ONE_USD } from "../../bot/decide/risk/limits";

const V2_HASH = "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";
const UNI_V2_FACTORY = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";

/** A minimal valid Ethereum config; venues and tokens come from the registry defaults. */
function base(): Record<string, unknown> {
  return {
    name: "ethereum",
    chainId: 1,
    rpc: { http: "http://127.0.0.1:8545" },
    submission: {
      kind: "flashbots",
      relays: ["https://relay.flashbots.net"],
      builderPayment: { kind: "coinbase-share", bps: 8000 },
    },
  };
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    const message = (err as UsageError).message;
    expect(message).not.to.include("\n");
    return message;
  }
  throw new Error("expected a UsageError");
}

describe("config: loadConfig", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-config-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeConfig(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  it("accepts a minimal config for a known chain, filling venues and tokens from the registry", () => {
    const config = parseConfig(base(), "config/ethereum.json");
    expect(config.chainId).to.equal(1);
    expect(config.venues.map((v) => v.name)).to.deep.equal([
      "Uniswap V2",
      "Uniswap V3",
      "SushiSwap V2",
      "PancakeSwap V3",
    ]);
    const uni = config.venues[0];
    expect(uni.factory).to.equal(UNI_V2_FACTORY.toLowerCase());
    expect(config.wrappedNative).to.equal("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
    expect(config.flash.aaveFeeBps).to.equal(5);
    expect(config.journalPath).to.equal("./data/omni-arb.sqlite");
    expect(config.limits.minNetProfitUsd).to.equal(ONE_USD);
    expect(config.limits.minGasReturnBps).to.equal(50_000n);
    expect(config.submission.blocksAhead).to.equal(1);
    expect(config.discovery.fromBlock).to.equal(0);
    expect(config.discovery.logSpan).to.equal(100_000);
  });

  it("discovery.logSpan is a whole number of blocks of at least 1", () => {
    expect(parseConfig({ ...base(), discovery: { logSpan: 2_000 } }, "c.json").discovery.logSpan).to.equal(
      2_000,
    );
    expect(messageOf(() => parseConfig({ ...base(), discovery: { logSpan: 0 } }, "c.json"))).to.match(
      /^c\.json: discovery\.logSpan: /,
    );
    expect(messageOf(() => parseConfig({ ...base(), discovery: { logSpan: 1.5 } }, "c.json"))).to.match(
      /^c\.json: discovery\.logSpan: /,
    );
  });

  it("scales limits to engine units and keys token limits by lower-case address", () => {
    const config = parseConfig(
      {
        ...base(),
        limits: {
          minNetProfitUsd: "2.5",
          maxLoan: { WETH: "1.5", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48": "1000" },
          maxGasPriceGwei: "30.5",
          minGasReturn: 3,
          breaker: { minSuccessRate: 0.75, coolDownSeconds: 60 },
        },
      },
      "config/ethereum.json",
    );
    expect(config.limits.minNetProfitUsd).to.equal(25n * 10n ** 17n);
    expect(config.limits.maxLoan.get("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2")).to.equal(
      15n * 10n ** 17n,
    );
    expect(config.limits.maxLoan.get("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")).to.equal(
      1000n * 10n ** 6n,
    );
    expect(config.limits.maxGasPriceWei).to.equal(30_500_000_000n);
    expect(config.limits.minGasReturnBps).to.equal(30_000n);
    expect(config.limits.breaker.minSuccessRateBps).to.equal(7_500);
    expect(config.limits.breaker.coolDownMs).to.equal(60_000);
  });

  it("malformed JSON names the file, line and column", () => {
    const file = writeConfig("bad.json", '{\n  "name": "x",\n}\n');
    expect(messageOf(() => loadConfig(file))).to.equal(`${file}: not valid JSON at line 3, column 1`);
  });

  it("a missing file is a UsageError with the errno code", () => {
    const file = path.join(dir, "nope.json");
    expect(messageOf(() => loadConfig(file))).to.equal(`${file}: cannot read config file (ENOENT)`);
  });

  it("an unknown venue kind names the venue's kind field", () => {
    const raw = { ...base(), venues: [{ name: "Curve", kind: "curve", factory: UNI_V2_FACTORY }] };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      'config/ethereum.json: venues[0].kind: unknown venue kind "curve" (expected "uniswap-v2" or "uniswap-v3" or "pancakeswap-v3")',
    );
  });

  it("a bad address names the field path and quotes the value", () => {
    const good = {
      name: "A",
      kind: "uniswap-v2",
      factory: UNI_V2_FACTORY,
      initCodeHash: V2_HASH,
      feeBps: 30,
    };
    const raw = { ...base(), venues: [good, { ...good, name: "B", factory: "0x12" }] };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      'config/ethereum.json: venues[1].factory: not an address ("0x12")',
    );
  });

  it("a mixed-case address with a wrong EIP-55 checksum is refused", () => {
    const raw = { ...base(), wrappedNative: "0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2" };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      'config/ethereum.json: wrappedNative: bad EIP-55 checksum ("0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")',
    );
  });

  it("a missing field is named", () => {
    const raw = { ...base(), rpc: {} };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      "config/ethereum.json: rpc.http: missing",
    );
  });

  it("a misspelt field is an unknown field, not silently ignored", () => {
    const raw = { ...base(), limits: { minNetProfitUSD: "1" } };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      "config/ethereum.json: limits.minNetProfitUSD: unknown field",
    );
  });

  it("a wrong type says what was expected and what was found", () => {
    const raw = { ...base(), chainId: "1" };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      'config/ethereum.json: chainId: expected number, got string "1"',
    );
  });

  it("a limit keyed by an unknown token symbol is refused", () => {
    const raw = { ...base(), limits: { maxLoan: { FOO: "1" } } };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      'config/ethereum.json: limits.maxLoan.FOO: unknown token "FOO" (not in baseTokens)',
    );
  });

  it("flashbots submission without a relay is refused", () => {
    const raw = { ...base(), submission: { kind: "flashbots", builderPayment: { kind: "priority-fee" } } };
    expect(messageOf(() => parseConfig(raw, "config/ethereum.json"))).to.equal(
      "config/ethereum.json: submission.relays: flashbots submission needs at least one relay URL",
    );
  });

  it("a secret-looking field in the file is an error that does not echo the value", () => {
    const key = "0x" + "ab".repeat(32);
    const raw = { ...base(), operator: { privateKey: key } };
    const message = messageOf(() => parseConfig(raw, "config/ethereum.json"));
    expect(message).to.equal(
      "config/ethereum.json: operator.privateKey: secrets are not allowed in a config file; " +
        "use OMNI_ARB_OPERATOR_KEY / OMNI_ARB_SIGNER_KEY or an encrypted keystore (OMNI_ARB_KEYSTORE)",
    );
    expect(message).not.to.include("abab");
  });

  it("a private-key-shaped value under any other name is an error too", () => {
    const key = "cd".repeat(32);
    const raw = { ...base(), executor: key };
    const message = messageOf(() => parseConfig(raw, "config/ethereum.json"));
    expect(message).to.match(/^config\/ethereum\.json: executor: looks like a private key; /);
    expect(message).not.to.include(key);
  });

  it("env: references are resolved, and an unset variable is named", () => {
    const raw = { ...base(), rpc: { http: "env:MY_RPC" } };
    expect(parseConfig(raw, "c.json", { env: { MY_RPC: "https://rpc.example" } }).rpc.http).to.equal(
      "https://rpc.example",
    );
    expect(messageOf(() => parseConfig(raw, "c.json", { env: {} }))).to.equal(
      "c.json: rpc.http: environment variable MY_RPC is not set",
    );
  });

  it("deployment: references are read from <dir>/<network>/<Name>.json", () => {
    fs.mkdirSync(path.join(dir, "localhost"));
    const address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    fs.writeFileSync(path.join(dir, "localhost", "WETH9.json"), JSON.stringify({ address, abi: [] }));
    const raw = { ...base(), deployments: { network: "localhost" }, wrappedNative: "deployment:WETH9" };
    expect(parseConfig(raw, "c.json", { deploymentsDir: dir }).wrappedNative).to.equal(address.toLowerCase());
    const missing = { ...raw, multicall3: "deployment:Multicall3" };
    expect(messageOf(() => parseConfig(missing, "c.json", { deploymentsDir: dir }))).to.equal(
      `c.json: multicall3: deployment "Multicall3" not found (${path.join(dir, "localhost", "Multicall3.json")})`,
    );
  });

  it("an unknown chain must spell out venues (no registry defaults)", () => {
    const raw = { ...base(), chainId: 777 };
    expect(messageOf(() => parseConfig(raw, "c.json"))).to.equal("c.json: venues: missing");
  });
});

describe("config: fields", () => {
  it("property: any address in lower case or EIP-55 is accepted and normalised to lower case", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean(), (bytes, checksummed) => {
        const lower = "0x" + Buffer.from(bytes).toString("hex");
        const written = checksummed ? getAddress(lower) : lower;
        expect(normaliseAddress(written)).to.deep.equal({ address: lower });
      }),
      { numRuns: 200 },
    );
  });

  it("property: flipping the case of one letter of an EIP-55 address breaks its checksum", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(), (bytes, pick) => {
        const address = getAddress("0x" + Buffer.from(bytes).toString("hex"));
        const letters = [...address]
          .map((c, i) => (i > 1 && /[a-fA-F]/.test(c) ? i : -1))
          .filter((i) => i >= 0);
        fc.pre(letters.length >= 2); // all-lower or all-upper hex is accepted without a checksum
        const i = letters[pick % letters.length];
        const c = address[i];
        const flipped =
          address.slice(0, i) +
          (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) +
          address.slice(i + 1);
        const mixed =
          flipped.slice(2) !== flipped.slice(2).toLowerCase() &&
          flipped.slice(2) !== flipped.slice(2).toUpperCase();
        fc.pre(mixed);
        expect(normaliseAddress(flipped)).to.deep.equal({ problem: `bad EIP-55 checksum ("${flipped}")` });
      }),
      { numRuns: 200 },
    );
  });

  it("amounts with more decimals than the token has are refused", () => {
    const raw = {
      name: "e",
      chainId: 1,
      rpc: { http: "http://x" },
      limits: { maxLoan: { USDC: "1.0000001" } },
      submission: { kind: "direct", builderPayment: { kind: "priority-fee" } },
    };
    expect(() => parseConfig(raw, "c.json")).to.throw(
      UsageError,
      "c.json: limits.maxLoan.USDC: more than 6 decimals for USDC",
    );
    const usd = { ...raw, limits: { minNetProfitUsd: "1." } };
    expect(() => parseConfig(usd, "c.json")).to.throw(
      UsageError,
      'c.json: limits.minNetProfitUsd: not a non-negative decimal string ("1.")',
    );
  });
});
