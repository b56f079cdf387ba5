import { expect } from "chai";
import { HDNodeWallet, Mnemonic, Wallet } from "ethers";
import { ethers, network } from "hardhat";
import { devnetAddressesFromDeployments, type DevnetAddresses } from "../../bot/devnet/demo/addresses";
import { fundTraders } from "../../bot/devnet/demo/fundTraders";
import { MarketSimulator, type StepReport } from "../../bot/devnet/demo/marketSimulator";
import { priceGaps } from "../../bot/devnet/demo/priceGaps";
import type { RpcProvider } from "../../bot/devnet/demo/rawSender";
import { seedMarket, type SeededMarket } from "../../bot/devnet/demo/seedMarket";
import { devnetFixture } from "../fixtures/devnet";

const MNEMONIC = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
/** Accounts 10..13 of the hardhat network: funded with ETH, unused by the devnet and the executor. */
const TRADERS = [10, 11, 12, 13].map(
  (i) => new Wallet(HDNodeWallet.fromMnemonic(MNEMONIC, `m/44'/60'/0'/0/${i}`).privateKey),
);

const provider = ethers.provider as unknown as RpcProvider;
const mine = () => network.provider.request({ method: "evm_mine", params: [] });
const setAutomine = (on: boolean) => network.provider.request({ method: "evm_setAutomine", params: [on] });

describe("demo: MarketSimulator", function () {
  this.timeout(300_000);
  let addresses: DevnetAddresses;
  let market: SeededMarket;
  let ready: string;
  let clean: string;

  before(async () => {
    const net = await devnetFixture();
    clean = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    addresses = devnetAddressesFromDeployments(net.addresses);
    market = await seedMarket({
      signer: net.deployer,
      addresses,
      seed: 11,
      tokenCount: 4,
      maxDislocation: 0.002,
    });
    await fundTraders({ provider, traders: TRADERS, tokens: market.tokens, addresses });
    ready = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
  });

  // Leave the shared in-process chain as the devnet fixture made it.
  after(async () => {
    await setAutomine(true);
    await network.provider.request({ method: "evm_revert", params: [clean] });
  });

  afterEach(async () => {
    await setAutomine(true);
    await network.provider.request({ method: "evm_revert", params: [ready] });
    ready = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
  });

  const simulator = (seed: number, intensity = 1) =>
    new MarketSimulator({ provider, traders: TRADERS, addresses, tokens: market.tokens, seed, intensity });

  /** Runs `blocks` steps with automine off, mining one block after each. */
  async function run(sim: MarketSimulator, blocks: number): Promise<StepReport[]> {
    await setAutomine(false);
    const reports: StepReport[] = [];
    for (let i = 0; i < blocks; i++) {
      const head = await ethers.provider.getBlockNumber();
      reports.push(await sim.step(head));
      await mine();
    }
    return reports;
  }

  it("plans the same intended trades from the same seed, other trades from another seed", () => {
    const [a, b, c] = [simulator(5), simulator(5), simulator(6)];
    const planA = Array.from({ length: 40 }, (_, k) => a.plan(k, 50));
    expect(Array.from({ length: 40 }, (_, k) => b.plan(k, 50))).to.deep.equal(planA);
    expect(Array.from({ length: 40 }, (_, k) => c.plan(k, 50))).to.not.deep.equal(planA);
    const kinds = new Set(planA.flat().map((x) => x.kind));
    expect([...kinds].sort()).to.deep.equal(["addLiquidity", "removeLiquidity", "swap"]);
    const sizes = planA.flat().flatMap((x) => (x.kind === "swap" ? [x.sizeFraction] : []));
    // Heavy-tailed: most swaps are small, a few are tens of times larger.
    expect(Math.max(...sizes) / Math.min(...sizes)).to.be.greaterThan(20);
  });

  it("trades on V2 and V3 pools of the seeded and the devnet tokens", async () => {
    const pools = await simulator(1).marketPools();
    expect(pools.filter((p) => p.kind === "v2" && p.venue === "uni").length).to.be.greaterThan(9);
    expect(pools.filter((p) => p.kind === "v2" && p.venue === "sushi").length).to.be.greaterThan(9);
    expect(pools.filter((p) => p.kind === "v3").length).to.be.greaterThan(9);
  });

  it("sends to the mempool only: nothing lands until a block is mined, then every transaction succeeds", async () => {
    const sim = simulator(3, 2);
    await setAutomine(false);
    const before = await ethers.provider.getBlockNumber();
    const report = await sim.step(before);
    const hashes = report.sent.flatMap((s) => s.hashes);
    expect(hashes.length).to.be.greaterThan(3);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
    for (const h of hashes) expect(await ethers.provider.getTransactionReceipt(h)).to.equal(null);
    await mine();
    for (const h of hashes) {
      const receipt = await ethers.provider.getTransactionReceipt(h);
      expect(receipt?.status, h).to.equal(1);
      expect(receipt?.blockNumber).to.equal(before + 1);
    }
    expect(report.sent.some((s) => s.kind === "v2-swap")).to.equal(true);
    expect(report.sent.some((s) => s.kind === "v3-swap")).to.equal(true);
  });

  it("runs steps called without waiting one after another: distinct nonces, all mined", async () => {
    const sim = simulator(4, 3);
    await setAutomine(false);
    const head = await ethers.provider.getBlockNumber();
    const reports = await Promise.all([sim.step(head), sim.step(head), sim.step(head)]);
    expect(reports.map((r) => r.step)).to.deep.equal([0, 1, 2]);
    const hashes = reports.flatMap((r) => r.sent.flatMap((s) => s.hashes));
    expect(new Set(hashes).size).to.equal(hashes.length);
    expect(hashes.length).to.be.greaterThan(10);
    await mine();
    for (const h of hashes) expect((await ethers.provider.getTransactionReceipt(h))?.status, h).to.equal(1);
  });

  it("replays exactly: the same seed on the same chain sends the same transactions", async () => {
    const first = await run(simulator(21, 2), 6);
    await setAutomine(true);
    await network.provider.request({ method: "evm_revert", params: [ready] });
    ready = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
    const second = await run(simulator(21, 2), 6);
    expect(second.map((r) => ({ ...r, blockNumber: 0 }))).to.deep.equal(
      first.map((r) => ({ ...r, blockNumber: 0 })),
    );
    const third = await (async () => {
      await setAutomine(true);
      await network.provider.request({ method: "evm_revert", params: [ready] });
      ready = (await network.provider.request({ method: "evm_snapshot", params: [] })) as string;
      return await run(simulator(22, 2), 6);
    })();
    expect(third.map((r) => r.sent.map((s) => s.amountIn))).to.not.deep.equal(
      first.map((r) => r.sent.map((s) => s.amountIn)),
    );
  });

  it("opens price gaps between venues wider than their fees, and moves liquidity", async () => {
    const sim = simulator(8, 2);
    const pools = await sim.marketPools();
    const seeded = new Set(market.tokens.filter((t) => t.seeded).map((t) => t.address));
    const decimals = new Map(market.tokens.map((t) => [t.address, t.decimals]));
    const seededV2 = pools.filter((p) => p.kind === "v2" && (seeded.has(p.token0) || seeded.has(p.token1)));
    const widest = async () => (await priceGaps(provider, seededV2, (t) => decimals.get(t)!))[0]!.gap;
    // Seeded within +-0.2 % of the reference on each venue: at most 0.4 % apart.
    expect(await widest()).to.be.lessThan(0.0041);
    const reports = await run(sim, 30);
    // Both V2 venues charge 0.3 %: a gap over 0.6 % is an arbitrage before gas.
    expect(await widest()).to.be.greaterThan(0.006);
    const kinds = new Set(reports.flatMap((r) => r.sent.map((s) => s.kind)));
    expect([...kinds]).to.include.members([
      "v2-swap",
      "v3-swap",
      "v2-add",
      "v3-mint",
      "v2-remove",
      "v3-decrease",
    ]);
    for (const r of reports) {
      for (const h of r.sent.flatMap((s) => s.hashes)) {
        expect((await ethers.provider.getTransactionReceipt(h))?.status, h).to.equal(1);
      }
    }
    // Traders lean towards the reference price: most swaps go its way.
    const swaps = reports.flatMap((r) => r.sent.filter((s) => s.withReference !== undefined));
    expect(swaps.filter((s) => s.withReference).length).to.be.greaterThan(swaps.length / 2);
  });
});
