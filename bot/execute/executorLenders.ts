import { id } from "ethers";
import type { Address } from "../core/address";
import type { ChainRpc } from "../chain/chainRpc";
import { UsageError } from "../core/errors";

/**
 * The flash lenders an ArbExecutor borrows from. They are immutables of the contract (a plan cannot
 * name one), so the keeper must learn them from the executor, and a config that names another
 * lender is a mistake worth stopping for: its plans would revert `FundingUnavailable` or borrow
 * from a contract the operator did not mean.
 */
export interface ExecutorLenders {
  readonly aavePool?: Address;
  readonly balancerVault?: Address;
}

const AAVE_POOL = id("AAVE_POOL()").slice(0, 10);
const BALANCER_VAULT = id("BALANCER_VAULT()").slice(0, 10);
const ZERO = "0x0000000000000000000000000000000000000000";

async function readAddress(rpc: ChainRpc, executor: Address, selector: string): Promise<Address | undefined> {
  const ret = await rpc.call({ to: executor, data: selector });
  if (ret.length < 66 || !/^0x0{24}/.test(ret)) throw new Error(`not an address word: ${ret.slice(0, 66)}`);
  const a = `0x${ret.slice(26, 66)}`.toLowerCase();
  return a === ZERO ? undefined : a;
}

/** Reads `AAVE_POOL()` and `BALANCER_VAULT()`; an executor that cannot answer is a clear error. */
export async function readExecutorLenders(
  rpc: ChainRpc,
  executor: Address,
  source: string,
): Promise<ExecutorLenders> {
  try {
    const [aavePool, balancerVault] = await Promise.all([
      readAddress(rpc, executor, AAVE_POOL),
      readAddress(rpc, executor, BALANCER_VAULT),
    ]);
    return { aavePool, balancerVault };
  } catch (err) {
    throw new UsageError(
      "EXECUTOR_NO_LENDERS",
      `${source}: executor: ${executor} does not answer AAVE_POOL() and BALANCER_VAULT(); ` +
        `an ArbExecutor from before lenders were fixed at deployment? redeploy with --tags executor`,
      { cause: err, details: { executor } },
    );
  }
}

/**
 * The lenders the keeper may plan with: the executor's, checked against what the config names
 * (which may be a registry default). A config may leave a lender out (the executor's is used); an
 * executor deployed without a lender simply has no such funding; but a config naming one lender
 * and an executor fixed to another is a mistake, refused.
 */
export function reconcileLenders(
  configured: ExecutorLenders,
  onChain: ExecutorLenders,
  executor: Address,
  source: string,
): ExecutorLenders {
  const check = (field: "aavePool" | "balancerVault", getter: string): Address | undefined => {
    const want = configured[field]?.toLowerCase();
    const have = onChain[field];
    if (want !== undefined && have !== undefined && want !== have) {
      throw new UsageError(
        "EXECUTOR_LENDER_MISMATCH",
        `${source}: flash.${field}: ${want}, but the executor at ${executor} borrows from ` +
          `${have} (its ${getter}); fix the config or redeploy the executor`,
        { details: { field, configured: want, executor, onChain: have } },
      );
    }
    return have;
  };
  return {
    aavePool: check("aavePool", "AAVE_POOL()"),
    balancerVault: check("balancerVault", "BALANCER_VAULT()"),
  };
}
