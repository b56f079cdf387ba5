import { HDNodeWallet, Wallet } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JsonRpcChainRpc } from "../../bot/chain/chainRpc";
import { DirectSubmitter } from "../../bot/execute/directSubmitter";
import { SqliteJournal } from "../../bot/journal/sqlite/sqliteJournal";
import { KeeperEvents } from "../../bot/events/keeperEvents";
import { Keeper, type KeeperSettings } from "../../bot/pipeline/keeper";
import { EthCallSimulator } from "../../bot/decide/simulator";
import type { Submitter } from "../../bot/execute/submitter";
import { DEFAULT_BREAKER, DEFAULT_LIMITS, ONE_USD, type RiskLimits } from "../../bot/decide/risk/limits";
import { StateSync } from "../../bot/state/stateSync";
import { devnetPools } from "../helpers/devnetMarket";
import type { PoolDescriptor } from "../../bot/venues/common/venue";

/** Hardhat's default accounts come from this public test mnemonic: never a real key. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export function hardhatWallet(index: number): Wallet {
  const node = HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  return new Wallet(node.privateKey);
}

/** Chain access over Hardhat's in-process network: the same code path as an HTTP endpoint. */
export function inProcessRpc(hre: HardhatRuntimeEnvironment): JsonRpcChainRpc {
  const rpc = new JsonRpcChainRpc(async (method, params) => {
    rpc.countRequest();
    return await hre.network.provider.request({ method, params });
  });
  return rpc;
}

export const PERMISSIVE_LIMITS: RiskLimits = {
  minNetProfitUsd: 0n,
  minNetProfit: new Map(),
  minGasReturnBps: 0n,
  maxTradeUsd: 10n ** 9n * ONE_USD,
  maxTrade: new Map(),
  maxLoan: new Map(),
  maxGasPriceWei: 10n ** 12n,
  allowTokens: undefined,
  denyTokens: new Set(),
  dailyLossBudgetUsd: 1_000n * ONE_USD,
  perTradeLossCapUsd: 100n * ONE_USD,
  breaker: DEFAULT_BREAKER,
  killSwitchFile: path.join(os.tmpdir(), "omni-arb-test-no-such-kill-file"),
  quarantineMs: DEFAULT_LIMITS.quarantineMs,
};

export interface KeeperWorld {
  keeper: Keeper;
  journal: SqliteJournal;
  events: KeeperEvents;
  sync: StateSync;
  journalFile: string;
  addresses: Record<string, string>;
  settings: KeeperSettings;
}

/** Deployment name -> lower-case address, from any map of deployments. */
export function addressesOf(
  deployments: Readonly<Record<string, { address: string }>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(deployments).map(([k, v]) => [k, v.address.toLowerCase()]));
}

/**
 * The settings of a keeper on the devnet (by deployment name: ArbExecutor, WETH9, USDC, USDT, DAI,
 * BalancerVault, AavePool), operated by `operator` with direct submission and permissive limits.
 */
export function devnetKeeperSettings(
  addresses: Readonly<Record<string, string>>,
  operator: string,
  overrides: Partial<KeeperSettings> = {},
): KeeperSettings {
  return {
    chainId: 31337,
    executor: addresses.ArbExecutor,
    operator: operator.toLowerCase(),
    bases: [addresses.WETH9, addresses.USDC, addresses.USDT, addresses.DAI],
    usdAnchor: { token: addresses.USDC, decimals: 6 },
    wrappedNative: addresses.WETH9,
    limits: PERMISSIVE_LIMITS,
    builderPayment: { kind: "coinbase-share", bps: 5000 },
    submissionKind: "direct",
    blocksAhead: 3,
    maxSubmissionsPerBlock: 3,
    priorityFeeWei: 1_000_000_000n,
    gasMarginBps: 12_000n,
    funding: {
      balancerVault: addresses.BalancerVault,
      aavePool: addresses.AavePool,
      aaveFeeBps: 5,
      allowed: ["v2-flash-swap", "v3-flash", "balancer", "aave"],
    },
    v2Callback: () => "0x10d1e85c",
    ...overrides,
  };
}

/** A keeper on the in-process devnet (fixture already loaded), with the direct submitter. */
export async function keeperOnDevnet(
  hre: HardhatRuntimeEnvironment,
  overrides: Partial<KeeperSettings> = {},
  submitter?: Submitter,
  /** Which of the devnet's pools to watch (default: all). */
  select: (pool: PoolDescriptor) => boolean = () => true,
): Promise<KeeperWorld> {
  const all = await hre.deployments.all();
  const addresses = addressesOf(all);
  const rpc = inProcessRpc(hre);
  const operator = hardhatWallet(1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-keeper-"));
  const journalFile = path.join(dir, "journal.sqlite");
  const journal = SqliteJournal.open(journalFile);
  const events = new KeeperEvents();
  const sync = new StateSync(rpc);
  const settings = devnetKeeperSettings(addresses, operator.address, overrides);
  const executorAbi = all.ArbExecutor.abi;
  const { Interface } = await import("ethers");
  const keeper = new Keeper(settings, {
    rpc,
    sync,
    simulator: new EthCallSimulator(rpc, new Interface(executorAbi)),
    submitter:
      submitter ??
      new DirectSubmitter({ provider: hre.ethers.provider, operator, chainId: 31337n, pollMs: 20 }),
    journal,
    killSwitch: () => ({ engaged: false }),
    events,
  });
  const { pools } = await devnetPools(hre);
  await keeper.start(pools.filter(select));
  return { keeper, journal, events, sync, journalFile, addresses, settings };
}

export async function latestRef(hre: HardhatRuntimeEnvironment) {
  const b = await hre.ethers.provider.getBlock("latest");
  return { number: b!.number, hash: b!.hash!, parentHash: b!.parentHash };
}
