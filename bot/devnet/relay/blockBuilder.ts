import type { Bundle } from "./bundle";
import type { BundlePool } from "./bundlePool";
import type { NodeClient, PoolTx } from "./nodeClient";
import { simulateBlock, type SimulatedBlock } from "./simulateBlock";
import type { SimulationNode } from "./simulationNode";

/** What one round of building did, for logs and tests. */
export interface BuiltBlock {
  readonly blockNumber: bigint;
  readonly hash: string;
  /** Bundles landed, in block order. */
  readonly included: readonly string[];
  /** Bundles that targeted this block and did not land, with the reason. */
  readonly excluded: ReadonlyMap<string, string>;
  /** Public mempool transactions mined after the bundles. */
  readonly publicTxs: number;
}

/**
 * Why `b` cannot go in the block as simulated, or undefined when all its transactions were mined
 * and none reverted unless its hash is in revertingTxHashes.
 */
function bundleFailure(b: Bundle, sim: SimulatedBlock, offset: number): string | undefined {
  for (const [i, tx] of b.txs.entries()) {
    const o = sim.outcomes[offset + i];
    if (o.kind === "rejected") return `tx ${tx.hash} not includable: ${o.reason}`;
    if (!o.receipt.success && !b.revertingTxHashes.has(tx.hash.toLowerCase())) {
      return `tx ${tx.hash} reverted`;
    }
  }
  return undefined;
}

/** One block mined by mineOnce. */
interface Mined {
  readonly number: bigint;
  readonly hash: string;
  readonly txHashes: readonly string[];
  /** The movable public transactions the block was built with (plus strays). */
  readonly pending: readonly PoolTx[];
  readonly publicTxs: number;
  /** The pool held transactions that cannot be re-sent, so the block was mined without bundles. */
  readonly stuck: boolean;
}

/** The sealed block, the bundles in it, and why any chosen bundle is not. */
interface Sealed extends Mined {
  readonly landed: readonly Bundle[];
  readonly whyNot: string;
}

/** Gas used by the `count` transactions at `offset` of a simulation where all were mined. */
function bundleGas(sim: SimulatedBlock, offset: number, count: number): bigint {
  let gas = 0n;
  for (const o of sim.outcomes.slice(offset, offset + count))
    if (o.kind === "mined") gas += o.receipt.gasUsed;
  return gas;
}

/** A bundle must keep this share of its solo payment per gas when placed behind others. */
const MIN_PAYMENT_NUMERATOR = 99n;
const MIN_PAYMENT_DENOMINATOR = 100n;

/** How many times a final block is re-mined when something from outside slipped into it. */
const FINAL_ATTEMPTS = 3;

/**
 * Builds one block on a node that does not mine by itself:
 * 1. each bundle for the block is simulated alone at the top of the block (simulateBlock) and
 *    scored by what it pays the coinbase: priority fees plus direct transfers, measured as the
 *    coinbase balance change. Bundles that fail are dropped;
 * 2. bundles are taken greedily by that payment (ties: earlier arrival first), each re-simulated
 *    after the ones already taken, in one block, and kept only if it still succeeds and still pays
 *    at least 99 % of what it paid alone per unit of gas: so of two bundles spending the same
 *    nonce or opportunity only the better one lands;
 * 3. the block is mined for real: the pending pool is emptied, the chosen bundles' transactions
 *    are sent in order, then the public transactions (minus those a bundle made invalid by using
 *    their sender's nonce), and the node mines them in arrival order. The result is checked
 *    against the simulation; if a transaction from outside got in front, the block is undone
 *    (evm_revert) and built again.
 */
export class BlockBuilder {
  constructor(
    private readonly node: NodeClient,
    private readonly pool: BundlePool,
    private readonly coinbase: string,
    private readonly sims?: SimulationNode,
  ) {}

  async buildNext(now: Date = new Date()): Promise<BuiltBlock> {
    const parent = await this.node.block("latest");
    const number = parent.number + 1n;
    const nowSec = BigInt(Math.floor(now.getTime() / 1000));
    const timestamp = nowSec > parent.timestamp ? nowSec : parent.timestamp + 1n;
    const opts = { timestamp, coinbase: this.coinbase };
    const excluded = new Map<string, string>();
    const bundles = this.pool.forBlock(number);
    const simNode = bundles.length > 0 && this.sims ? await this.sims.at(parent.number) : this.node;

    const scored: { bundle: Bundle; value: bigint; sim: SimulatedBlock }[] = [];
    for (const bundle of bundles) {
      if (bundle.minTimestamp !== undefined && timestamp < bundle.minTimestamp) {
        excluded.set(bundle.bundleHash, "block timestamp below minTimestamp");
        continue;
      }
      if (bundle.maxTimestamp !== undefined && bundle.maxTimestamp > 0n && timestamp > bundle.maxTimestamp) {
        excluded.set(bundle.bundleHash, "block timestamp above maxTimestamp");
        continue;
      }
      const sim = await simulateBlock(simNode, bundle.txs, opts);
      this.pool.markSimulated(bundle, new Date());
      const failure = bundleFailure(bundle, sim, 0);
      if (failure !== undefined) excluded.set(bundle.bundleHash, failure);
      else scored.push({ bundle, value: sim.coinbaseDelta, sim });
    }
    scored.sort((a, b) =>
      a.value === b.value
        ? a.bundle.receivedAt.getTime() - b.bundle.receivedAt.getTime()
        : a.value > b.value
          ? -1
          : 1,
    );

    const chosen: Bundle[] = [];
    const plan: PoolTx[] = [];
    let planValue = 0n;
    for (const { bundle, value: aloneValue, sim: alone } of scored) {
      this.pool.markConsidered(bundle, new Date());
      const sim = plan.length === 0 ? alone : await simulateBlock(simNode, [...plan, ...bundle.txs], opts);
      const failure = bundleFailure(bundle, sim, plan.length);
      if (failure !== undefined) {
        excluded.set(bundle.bundleHash, `conflicts with a better bundle: ${failure}`);
        continue;
      }
      // Behind better bundles it must still pay (nearly) what it paid alone per unit of gas, as
      // mev-geth required (99 % of its effective gas price): a searcher whose opportunity was
      // taken should not pay gas for a no-op. Per gas, so that cheaper (warm) storage does not
      // count against a bundle.
      const marginal = sim.coinbaseDelta - planValue;
      const gasNow = bundleGas(sim, plan.length, bundle.txs.length);
      const gasAlone = bundleGas(alone, 0, bundle.txs.length);
      if (marginal * gasAlone * MIN_PAYMENT_DENOMINATOR < aloneValue * gasNow * MIN_PAYMENT_NUMERATOR) {
        excluded.set(
          bundle.bundleHash,
          `pays less behind a better bundle: ${marginal} wei for ${gasNow} gas, ${aloneValue} wei for ${gasAlone} gas alone`,
        );
        continue;
      }
      chosen.push(bundle);
      plan.push(...bundle.txs);
      planValue = sim.coinbaseDelta;
    }

    const mined = await this.mineFinal(plan, chosen, timestamp);
    const sealedAt = new Date();
    for (const b of mined.landed) this.pool.markSealed(b, mined.number, sealedAt);
    for (const b of chosen) {
      if (!mined.landed.includes(b)) excluded.set(b.bundleHash, mined.whyNot);
    }
    this.pool.prune(mined.number);
    return {
      blockNumber: mined.number,
      hash: mined.hash,
      included: mined.landed.map((b) => b.bundleHash),
      excluded,
      publicTxs: mined.publicTxs,
    };
  }

  /** Mines `plan` at the top of the next block with the public pool behind it, and checks it. */
  private async mineFinal(
    plan: readonly PoolTx[],
    chosen: readonly Bundle[],
    timestamp: bigint,
  ): Promise<Sealed> {
    let strays: PoolTx[] = [];
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= FINAL_ATTEMPTS;
      // On the last attempt the bundles are left out: a block without them beats a broken bundle.
      const ordered = last ? [] : plan;
      const snapshot = await this.node.snapshot();
      let done: Mined;
      try {
        done = await this.mineOnce(ordered, strays, timestamp);
      } catch (err) {
        await this.node.revert(snapshot);
        // A bundle the node refuses now (it passed simulation on this very state, so this should
        // not happen) must not stall the chain: the last attempt goes without bundles.
        if (last) throw err;
        continue;
      }
      if (done.stuck) {
        return { ...done, landed: [], whyNot: "the pool holds transactions the builder cannot re-send" };
      }
      if (last || (await this.landedAsPlanned(done.txHashes, ordered, chosen))) {
        return { ...done, landed: last ? [] : [...chosen], whyNot: "dropped while sealing the block" };
      }
      const known = new Set([...done.pending.map((t) => t.hash), ...ordered.map((t) => t.hash)]);
      strays = (await this.node.blockTransactions(done.number)).filter((t) => !known.has(t.hash));
      await this.node.revert(snapshot);
    }
  }

  /** Empties the pool, sends `ordered` then the public transactions, and mines one block. */
  private async mineOnce(
    ordered: readonly PoolTx[],
    strays: readonly PoolTx[],
    timestamp: bigint,
  ): Promise<Mined> {
    const pool = await this.node.pendingTransactions();
    const pending = [...pool.movable, ...strays];
    // A transaction we cannot rebuild (sent from an impersonated account) would be lost if
    // dropped, and cannot be moved behind the bundles: this block is mined as the pool stands,
    // without bundles, and the next one is free again.
    const stuck = pool.stuck.length > 0;
    if (!stuck) {
      for (const tx of pending) await this.node.drop(tx.hash).catch(() => undefined);
      for (const tx of ordered) await this.node.sendRaw(tx.raw);
    }
    const planned = new Set(stuck ? [] : ordered.map((t) => t.hash));
    const takenNonces = new Set(stuck ? [] : ordered.map((t) => `${t.from}/${t.nonce}`));
    const resend = stuck ? strays : pending;
    const seen = new Set<string>();
    for (const tx of resend) {
      if (planned.has(tx.hash) || seen.has(tx.hash) || takenNonces.has(`${tx.from}/${tx.nonce}`)) continue;
      seen.add(tx.hash);
      // A transaction the node no longer accepts (its nonce is gone) simply leaves the pool.
      await this.node.sendRaw(tx.raw).catch(() => undefined);
    }
    await this.node.mine(timestamp);
    const block = await this.node.block("latest");
    return {
      number: block.number,
      hash: block.hash,
      txHashes: block.txHashes,
      pending,
      publicTxs: block.txHashes.length - planned.size,
      stuck,
    };
  }

  private async landedAsPlanned(
    txHashes: readonly string[],
    plan: readonly PoolTx[],
    chosen: readonly Bundle[],
  ): Promise<boolean> {
    if (plan.some((tx, i) => txHashes[i] !== tx.hash)) return false;
    for (const b of chosen) {
      for (const tx of b.txs) {
        const r = await this.node.receipt(tx.hash);
        if (r === null || (!r.success && !b.revertingTxHashes.has(tx.hash.toLowerCase()))) return false;
      }
    }
    return true;
  }
}
