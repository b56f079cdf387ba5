import type { V2Descriptor } from "../../bot/venues/uniswap-v2/venue";
import type { V3Descriptor } from "../../bot/venues/uniswap-v3/venue";
import { Contract, ContractFactory, HDNodeWallet, JsonRpcProvider, Mnemonic, Wallet } from "ethers";
import { artifacts } from "hardhat";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Address } from "../../bot/core/address";
import { httpChainRpc } from "../../bot/chain/chainRpc";
import { encodeExecute, UNISWAP_V2_CALL } from "../../bot/plan/planEncoding";
import { buildPlan, type BuiltPlan } from "../../bot/decide/planBuilder";
import { fundingRouteOf } from "../../bot/decide/funding";
import { Eip1559CostModel } from "../../bot/chains/eip1559";
import type { FundingSources } from "../../bot/chains/costModel";
import { PriceTable } from "../../bot/prices/priceTable";
import type { SubmissionRequest } from "../../bot/execute/submitter";
import type { PoolDescriptor } from "../../bot/venues/common/venue";
import { StateSync } from "../../bot/state/stateSync";
import { OpportunityEngine } from "../../bot/strategies/cycle-arb/engine";
import type { Opportunity } from "../../bot/strategies/opportunity";
import { startHardhatNode, type NodeProcess } from "../relay/devnet";

/**
 * A Hardhat node process running the whole devnet and the executor (deployed by the project's
 * deploy scripts when the node starts, see execNode.config.ts), and the keeper's own pieces to
 * find real opportunities on it: StateSync reads the pools, OpportunityEngine finds and sizes the
 * cycles, buildPlan turns the best into an executor plan with its exact kept profit.
 */

const MNEMONIC = "test test test test test test test test test test test junk";
export const GWEI = 10n ** 9n;

export interface Deployment {
  readonly address: string;
  readonly abi: unknown[];
}

export interface ExecWorld {
  readonly node: NodeProcess;
  readonly url: string;
  readonly provider: JsonRpcProvider;
  readonly deployments: Readonly<Record<string, Deployment>>;
  readonly executor: Address;
  readonly weth: Address;
  /** Account i of the node's mnemonic, connected to the provider (1 is the executor's operator). */
  wallet(i: number): Wallet;
  contract(name: string, signerIndex: number): Contract;
  close(): Promise<void>;
}

export function accountKey(i: number): string {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(MNEMONIC), `m/44'/60'/0'/0/${i}`).privateKey;
}

export async function startExecWorld(): Promise<ExecWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-exec-"));
  // Read by execNode.config.ts in the child: each node writes its deployments to its own folder.
  process.env.OMNI_ARB_EXEC_DEPLOYMENTS = dir;
  let node: NodeProcess;
  try {
    node = await startHardhatNode("test/exec/execNode.config.ts");
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const folder = path.join(dir, "localhost");
  const deployments: Record<string, Deployment> = {};
  for (const f of fs.readdirSync(folder).filter((n) => n.endsWith(".json"))) {
    const d = JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")) as Deployment;
    deployments[f.slice(0, -5)] = { address: d.address.toLowerCase(), abi: d.abi };
  }
  const provider = new JsonRpcProvider(node.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
  provider.pollingInterval = 100;
  const wallets = new Map<number, Wallet>();
  const wallet = (i: number) => {
    if (!wallets.has(i)) wallets.set(i, new Wallet(accountKey(i), provider));
    return wallets.get(i)!;
  };
  const contract = (name: string, signerIndex: number): Contract => {
    const d = deployments[name];
    if (!d) throw new Error(`no deployment ${name}`);
    return new Contract(d.address, d.abi as never, wallet(signerIndex));
  };
  return {
    node,
    url: node.url,
    provider,
    deployments,
    executor: deployments.ArbExecutor.address,
    weth: deployments.WETH9.address,
    wallet,
    contract,
    close: async () => {
      provider.destroy();
      await node.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The devnet's V2 pairs and V3 pools as keeper descriptors, read from the node. */
export async function devnetDescriptors(w: ExecWorld): Promise<PoolDescriptor[]> {
  const pools: (V2Descriptor | V3Descriptor)[] = [];
  for (const name of Object.keys(w.deployments).sort()) {
    const v2 = /^(Uni|Sushi)V2Pair_/.exec(name);
    const v3 = /^UniV3Pool_/.test(name);
    if (!v2 && !v3) continue;
    const c = w.contract(name, 0);
    const [t0, t1] = [String(await c.token0()).toLowerCase(), String(await c.token1()).toLowerCase()];
    const address = w.deployments[name].address;
    if (v2)
      pools.push({
        kind: "uniswap-v2",
        address,
        token0: t0,
        token1: t1,
        feeBps: 30,
        venue: v2[1].toLowerCase(),
      });
    else {
      const [fee, tickSpacing] = [Number(await c.fee()), Number(await c.tickSpacing())];
      pools.push({ kind: "uniswap-v3", address, token0: t0, token1: t1, fee, tickSpacing, venue: "uniV3" });
    }
  }
  return pools;
}

/** The best WETH-profit opportunity on the node's latest state, found as the keeper finds it. */
export async function bestOpportunity(w: ExecWorld, pools: readonly PoolDescriptor[]): Promise<Opportunity> {
  const { rpc, provider } = httpChainRpc(w.url, 31337n);
  try {
    const sync = new StateSync(rpc);
    await sync.start(pools);
    const engine = new OpportunityEngine([...sync.store.all()], { bases: [w.weth] });
    engine.evaluateAll();
    const op = engine.opportunities().find((o) => o.profitToken === w.weth);
    if (!op) throw new Error("the devnet has no WETH opportunity left");
    return op;
  } finally {
    provider.destroy();
  }
}

export interface PreparedRequest {
  readonly request: SubmissionRequest;
  readonly built: BuiltPlan;
  readonly opportunity: Opportunity;
}

/**
 * A submission request for `op` as the keeper would make it: funding chosen (the executor holds
 * no inventory, so a flash source), the plan built with the given builder payment, gas from an
 * estimate at the latest block plus a third, fees from the latest base fee.
 */
export async function prepareRequest(
  w: ExecWorld,
  op: Opportunity,
  opts: {
    readonly targetBlock: bigint;
    readonly deadlineBlock: bigint;
    readonly shareBps?: number;
    readonly priorityFee?: bigint;
    readonly executor?: Address;
    readonly operator?: number;
    /** Skips the estimate (which fails for a plan that would revert). */
    readonly gasLimit?: bigint;
  },
): Promise<PreparedRequest> {
  const sources: FundingSources = {
    inventory: () => 0n,
    aaveFeeBps: 5,
    allowed: ["v2-flash-swap", "v3-flash", "balancer", "aave"],
  };
  const costs = new Eip1559CostModel();
  const builderPayment = opts.shareBps
    ? ({ kind: "coinbase-share", bps: opts.shareBps } as const)
    : ({ kind: "priority-fee" } as const);
  // No prices: the cheapest source by gas alone.
  const funding = costs.chooseFunding(
    fundingRouteOf(op, builderPayment),
    sources,
    { gasPriceWei: 1n, maxFeePerGas: 1n },
    new PriceTable([], w.weth),
  );
  if (!funding) throw new Error("no funding for the opportunity");
  const built = buildPlan(op, funding, {
    deadlineBlock: opts.deadlineBlock,
    wrappedNative: w.weth,
    builderPayment,
    v2Callback: () => UNISWAP_V2_CALL,
    flashFee: (f, amount) => costs.flashFee(f, amount),
  });
  const to = opts.executor ?? w.executor;
  const calldata = encodeExecute(built.plan);
  const from = w.wallet(opts.operator ?? 1).address;
  const gas =
    opts.gasLimit ??
    ((await w.provider.estimateGas({ from, to, data: calldata, blockTag: "latest" })) * 4n) / 3n;
  const block = await w.provider.getBlock("latest");
  const priority = opts.priorityFee ?? 0n;
  const request: SubmissionRequest = {
    idempotencyKey: `0x${(opts.targetBlock * 1_000_003n + BigInt(op.cycleId)).toString(16).padStart(64, "0")}`,
    opportunity: op,
    plan: built.plan,
    calldata,
    to,
    gasLimit: gas,
    targetBlock: opts.targetBlock,
    maxFeePerGas: (block!.baseFeePerGas ?? 0n) * 2n + priority + GWEI,
    maxPriorityFeePerGas: priority,
    predictedProfit: built.keptProfit,
    builderPayment: built.builderPayment,
  };
  return { request, built, opportunity: op };
}

/** Deploys a second ArbExecutor (another searcher's), operated by account `operator`. */
export async function deployRivalExecutor(w: ExecWorld, operator: number): Promise<Address> {
  const artifact = await artifacts.readArtifact("ArbExecutor");
  const owner = w.wallet(operator);
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, owner);
  const lenders = [w.deployments.AavePool.address, w.deployments.BalancerVault.address];
  const c = await factory.deploy(owner.address, w.weth, ...lenders, [owner.address]);
  await c.waitForDeployment();
  return (await c.getAddress()).toLowerCase();
}

/** WETH balance of an address at a block. */
export async function wethBalance(w: ExecWorld, owner: string, block?: number): Promise<bigint> {
  const weth = w.contract("WETH9", 0);
  return (await weth.balanceOf(owner, { blockTag: block ?? "latest" })) as bigint;
}
