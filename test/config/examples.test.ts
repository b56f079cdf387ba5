import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet } from "ethers";
import { loadConfig, parseConfig } from "../../bot/config/loadConfig";
import { isShippable, registryChain, registryDefaults } from "../../bot/config/registryDefaults";

const ROOT = path.join(__dirname, "..", "..");
const ENV = { OMNI_ARB_RPC_HTTP: "https://rpc.example", OMNI_ARB_RPC_WS: "wss://rpc.example" };
const REAL = { ethereum: 1, bnb: 56, polygon: 137, arbitrum: 42161, optimism: 10, base: 8453 } as const;
const DEVNET_NAMES = [
  "WETH9",
  "USDC",
  "USDT",
  "DAI",
  "WBTC",
  "LINK",
  "UniV2Factory",
  "UniV2Router02",
  "SushiV2Factory",
  "SushiV2Router02",
  "UniV3Factory",
  "SwapRouter",
  "PancakeV3Factory",
  "PancakeV3PoolDeployer",
  "QuoterV2",
  "AavePool",
  "BalancerVault",
  "ArbExecutor",
];

describe("config: example files and registry defaults", () => {
  for (const [slug, chainId] of Object.entries(REAL)) {
    it(`config/${slug}.json loads and its venues and tokens are exactly the registry defaults`, () => {
      const file = path.join("config", `${slug}.json`);
      const config = loadConfig(path.join(ROOT, file), { env: ENV });
      expect(config.chainId).to.equal(chainId);
      expect(config.name).to.equal(slug);
      // The same file without venues/tokens must produce the same result: examples cannot drift.
      const raw = JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;
      delete raw.venues;
      delete raw.baseTokens;
      const fromDefaults = parseConfig(raw, file, { env: ENV });
      expect(config.venues).to.deep.equal(fromDefaults.venues);
      expect(config.baseTokens).to.deep.equal(fromDefaults.baseTokens);
      expect(config.wrappedNative).to.equal(registryChain(chainId)?.wrappedNative.address.toLowerCase());
    });
  }

  it("no registry default is an entry the registry marks unverified or partially verified", () => {
    for (const chainId of Object.values(REAL)) {
      const chain = registryChain(chainId);
      expect(chain, String(chainId)).not.to.equal(undefined);
      const defaults = registryDefaults(chainId) as { venues: { name: string }[] };
      for (const venue of defaults.venues) {
        const entry = chain?.venues.find((v) => v.name === venue.name);
        expect(entry?.default).to.equal(true);
        for (const s of Object.values(entry?.fieldSources ?? {}))
          expect(isShippable(s.status)).to.equal(true);
      }
    }
    expect(isShippable("unverified-current: docs disagree")).to.equal(false);
    expect(isShippable("partially verified: URL from third-party code only")).to.equal(false);
    expect(isShippable("single-source (official docs)")).to.equal(true);
  });

  it("Camelot, Velodrome and the unverified SushiSwap V3 routers are not defaults", () => {
    const names = Object.values(REAL).flatMap((id) =>
      (registryDefaults(id) as { venues: { name: string }[] }).venues.map((v) => `${id}:${v.name}`),
    );
    expect(names).to.not.include("42161:Camelot V2");
    expect(names).to.not.include("10:Velodrome V2");
    expect(names.some((n) => n.includes("SushiSwap V3"))).to.equal(false);
  });

  it("Base's Uniswap V4 and Aerodrome entries load but are never defaults (no venue kind for them yet)", () => {
    const base = registryChain(8453);
    expect(base?.venues.map((v) => [v.name, v.kind, v.default])).to.deep.equal([
      ["Uniswap V3", "uniswap-v3", true],
      ["Uniswap V4", "uniswap-v4", false],
      ["Aerodrome", "solidly", false],
    ]);
    const defaults = registryDefaults(8453) as { venues: { name: string }[] };
    expect(defaults.venues.map((v) => v.name)).to.deep.equal(["Uniswap V3"]);
  });

  it("config/devnet.json resolves every devnet deployment by name", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-deployments-"));
    try {
      fs.mkdirSync(path.join(dir, "localhost"));
      const addresses = new Map<string, string>();
      for (const name of DEVNET_NAMES) {
        const address = Wallet.createRandom().address;
        addresses.set(name, address.toLowerCase());
        fs.writeFileSync(path.join(dir, "localhost", `${name}.json`), JSON.stringify({ address }));
      }
      const config = loadConfig(path.join(ROOT, "config", "devnet.json"), { deploymentsDir: dir });
      expect(config.chainId).to.equal(31337);
      expect(config.venues.map((v) => v.factory)).to.deep.equal([
        addresses.get("UniV2Factory"),
        addresses.get("SushiV2Factory"),
        addresses.get("UniV3Factory"),
        addresses.get("PancakeV3Factory"),
      ]);
      // PancakeSwap V3 pools are CREATE2'd by the pool deployer, not the factory.
      const pancake = config.venues[3];
      expect("poolDeployer" in pancake && pancake.poolDeployer).to.equal(
        addresses.get("PancakeV3PoolDeployer"),
      );
      expect(config.wrappedNative).to.equal(addresses.get("WETH9"));
      expect(config.flash.aavePool).to.equal(addresses.get("AavePool"));
      expect(config.flash.balancerVault).to.equal(addresses.get("BalancerVault"));
      expect(config.executor).to.equal(addresses.get("ArbExecutor"));
      expect(config.baseTokens.map((t) => [t.symbol, t.decimals])).to.deep.equal([
        ["WETH", 18],
        ["USDC", 6],
        ["USDT", 6],
        ["DAI", 18],
        ["WBTC", 8],
        ["LINK", 18],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
