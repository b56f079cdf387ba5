import { expect } from "chai";
import { Contract, JsonRpcProvider, Wallet } from "ethers";
import { ERC20, NO_DEADLINE, V2_PAIR, V2_ROUTER } from "../../bot/devnet/demo/abis";
import type { DevnetAddresses } from "../../bot/devnet/demo/addresses";
import { setUpDemoMarket, type DemoMarket } from "../../bot/devnet/demo/demoMarket";
import { NaiveSearcher } from "../../bot/devnet/demo/naiveSearcher";
import { RawSender } from "../../bot/devnet/demo/rawSender";
import type { SeededMarket } from "../../bot/devnet/demo/seedMarket";
import { startDevnetRelay, type DevnetRelay } from "../../bot/devnet/relay/devnetRelay";
import { freePort, KEYS, startHardhatNode, type NodeProcess } from "../relay/devnet";
import { deployMiniDevnet } from "./miniDevnet";

const ETH = 10n ** 18n;
const SHARE_BPS = 5000n;

describe("demo: NaiveSearcher through the devnet relay", function () {
  this.timeout(300_000);
  let node: NodeProcess;
  let relay: DevnetRelay;
  let provider: JsonRpcProvider;
  let addresses: DevnetAddresses;
  let market: SeededMarket;
  let searcher: NaiveSearcher;
  let demo: DemoMarket;
  let traders: Wallet[];

  before(async () => {
    node = await startHardhatNode();
    provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    provider.pollingInterval = 100;
    // Set-up runs with automine on; the relay turns it off when it starts, on the port chosen here.
    await provider.send("evm_setAutomine", [true]);
    const relayPort = await freePort();
    addresses = await deployMiniDevnet(new Wallet(KEYS[0]!, provider));
    traders = [KEYS[3]!, KEYS[4]!].map((k) => new Wallet(k, provider));
    demo = await setUpDemoMarket({
      provider,
      addresses,
      seed: 4,
      deployer: new Wallet(KEYS[0]!, provider),
      traders,
      tokenCount: 3,
      intensity: 3,
      searcher: {
        owner: new Wallet(KEYS[2]!, provider),
        relayUrl: `http://127.0.0.1:${relayPort}`,
        wethFunding: 500n * ETH,
        coinbaseShareBps: SHARE_BPS,
      },
    });
    market = demo.market;
    searcher = demo.searcher!;
    relay = await startDevnetRelay({ rpcUrl: node.url, port: relayPort, intervalMs: 0 });
  });

  after(async () => {
    provider?.destroy();
    await relay?.close();
    await node?.stop();
  });

  const wethOf = async (who: string) =>
    (await new Contract(addresses.weth, ERC20, provider).getFunction("balanceOf")(who)) as bigint;

  it("sends nothing while the venues sit within their fees of each other", async () => {
    const report = await searcher.step(await provider.getBlockNumber());
    expect(report.bundle).to.equal(undefined);
    expect(report.reason).to.equal("no size pays for its gas");
    expect(report.best!.grossProfit < 0n).to.equal(true);
  });

  it("finds a 2-hop WETH cycle after a large sale on one venue and lands it, paying the builder", async () => {
    // A whale sells 6 % of the uni pair's X reserve into it through the public mempool.
    const token = market.tokens.find((t) => t.seeded)!;
    const pairAddress = market.v2Pairs.find((p) => p.venue === "uni" && p.tokenA === token.address)!.address;
    const pair = new Contract(pairAddress, V2_PAIR, provider);
    const [r0, r1] = (await pair.getFunction("getReserves")()) as [bigint, bigint];
    const tokenIs0 = ((await pair.getFunction("token0")()) as string) === token.address;
    const sender = await RawSender.create(provider);
    await sender.beginBlock();
    const sale = ((tokenIs0 ? r0 : r1) * 6n) / 100n;
    const data = V2_ROUTER.encodeFunctionData("swapExactTokensForTokens", [
      sale,
      0n,
      [token.address, addresses.weth],
      traders[0]!.address,
      NO_DEADLINE,
    ]);
    await sender.send(traders[0]!, addresses.uniV2.router, data, 250_000n, 10n ** 9n);
    expect((await relay.mineNow()).publicTxs).to.equal(1);

    const head = await provider.getBlockNumber();
    const report = await searcher.step(head);
    expect(report.reason).to.equal(undefined);
    const best = report.best!;
    expect(best.token).to.equal(token.address);
    expect([best.buyOn, best.sellOn]).to.deep.equal(["uni", "sushi"]);
    expect(best.builderPayment).to.equal((best.grossProfit * SHARE_BPS) / 10_000n);

    const arbAddress = demo.naiveArb!;
    const before = await wethOf(arbAddress);
    const coinbase = (await provider.send("eth_coinbase", [])) as string;
    const coinbaseBefore = await provider.getBalance(coinbase);
    const built = await relay.mineNow();
    expect(built.blockNumber).to.equal(BigInt(head + 1));
    expect(built.included).to.deep.equal([report.bundle!.bundleHash]);
    const receipt = await provider.getTransactionReceipt(report.bundle!.txHash);
    expect(receipt?.status).to.equal(1);
    // Exactly as priced: nothing ran before the bundle at the top of the block.
    expect((await wethOf(arbAddress)) - before).to.equal(best.grossProfit - best.builderPayment);
    expect((await provider.getBalance(coinbase)) - coinbaseBefore).to.be.greaterThanOrEqual(
      best.builderPayment,
    );

    // Its trade narrowed the gap: what is left is worth less than what it took.
    const after = (await searcher.step(head + 1)).best!;
    expect(after.grossProfit < best.grossProfit).to.equal(true);
    await relay.mineNow();
  });

  it("competes for the simulator's dislocations block after block through the relay", async () => {
    let landed = 0;
    let publicTxs = 0;
    for (let i = 0; i < 25 && landed < 2; i++) {
      const head = await provider.getBlockNumber();
      const { market: step, searcher: report } = await demo.onHead(head);
      const built = await relay.mineNow();
      // Every trader transaction of the step is in the block the relay built, after any bundle.
      expect(built.publicTxs).to.equal(step.sent.flatMap((s) => s.hashes).length);
      publicTxs += built.publicTxs;
      if (report?.bundle !== undefined && built.included.includes(report.bundle.bundleHash)) landed += 1;
    }
    expect(publicTxs).to.be.greaterThan(10);
    expect(landed).to.be.greaterThan(0);
  });
});
