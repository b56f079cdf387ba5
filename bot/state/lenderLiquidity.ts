import { AbiCoder, concat, id } from "ethers";
import type { ChainRpc } from "../chain/chainRpc";
import type { Address } from "../core/address";
import { lensCall, MAX_UINT256, StateReadError, words } from "../venues/common/lens";
import lensBytecode from "../venues/common/lensBytecode.json";

/**
 * What the executor's lenders can lend now, read with the pool state: the Balancer Vault lends what
 * it holds of a token, an Aave reserve what its aToken holds of the asset (the reserve's available
 * liquidity). The cost model's funding choice skips a lender that cannot lend the size.
 */

const coder = AbiCoder.defaultAbiCoder();
const GET_RESERVE_DATA = id("getReserveData(address)").slice(0, 10);
/** ReserveData's aTokenAddress is its 9th word (after configuration and seven scalars, Aave V3.0). */
const A_TOKEN_WORD = 8;

function word(address: Address): string {
  return address.slice(2).toLowerCase().padStart(64, "0");
}

/** Each asset's aToken in the Aave V3 Pool (zero address: not a reserve there). */
export async function aaveReserveTokens(
  rpc: ChainRpc,
  pool: Address,
  assets: readonly Address[],
): Promise<Map<Address, Address>> {
  const answers = await Promise.all(
    assets.map((a) => rpc.call({ to: pool, data: GET_RESERVE_DATA + word(a) })),
  );
  const out = new Map<Address, Address>();
  assets.forEach((asset, i) => {
    const body = answers[i].slice(2);
    const at = A_TOKEN_WORD * 64;
    if (body.length < at + 64) return;
    const aToken = ("0x" + body.slice(at + 24, at + 64)).toLowerCase();
    if (BigInt(aToken) !== 0n) out.set(asset.toLowerCase(), aToken);
  });
  return out;
}

/** One balance to read: `owner`'s balance of `token`. */
export interface BalanceQuery {
  readonly token: Address;
  readonly owner: Address;
}

/**
 * Many balances at `block` in one deployless `eth_call` (contracts/lens/BalanceReader.sol): a node
 * answers the calls of a JSON-RPC batch one after another, so twelve `balanceOf` calls cost it
 * twelve executions and the keeper waits for all of them before its first decision. A balance whose
 * `balanceOf` fails reads as 0: an unreadable inventory is never spent and an unreadable lender is
 * never asked to lend.
 */
export async function balancesAt(
  rpc: ChainRpc,
  queries: readonly BalanceQuery[],
  block: number,
): Promise<bigint[]> {
  if (queries.length === 0) return [];
  const data = concat([
    lensBytecode.BalanceReader,
    coder.encode(["address[]", "address[]"], [queries.map((q) => q.token), queries.map((q) => q.owner)]),
  ]);
  const answer = words(await lensCall((request) => rpc.call(request), data, block));
  if (answer.length !== queries.length) {
    throw new StateReadError(
      "STATE_READ_MALFORMED",
      "balance reader answered for the wrong number of balances",
      {
        details: { balances: queries.length, words: answer.length },
      },
    );
  }
  return answer.map((w) => (w === MAX_UINT256 ? 0n : w));
}

/** The executor's lenders, as the keeper reads their liquidity. */
export interface Lenders {
  readonly balancerVault?: Address;
  /** Asset -> its Aave aToken (the reserve's liquidity is the aToken's balance of the asset). */
  readonly aaveTokens: ReadonlyMap<Address, Address>;
}

/** What one block's reads found: the holder's balance of each token, and what each lender holds. */
export interface HolderAndLenders {
  readonly inventory: Map<Address, bigint>;
  readonly balancer: Map<Address, bigint>;
  readonly aave: Map<Address, bigint>;
}

/**
 * `holder`'s balance of each token and what its lenders hold of them at `block`, in one request.
 * A token with no lender of a kind is absent from that kind's map only when the lender itself is
 * absent; an asset that is not an Aave reserve has Aave liquidity 0.
 */
export async function holderAndLenders(
  rpc: ChainRpc,
  holder: Address,
  lenders: Lenders,
  tokens: readonly Address[],
  block: number,
): Promise<HolderAndLenders> {
  const vault = lenders.balancerVault;
  const queries: BalanceQuery[] = tokens.map((token) => ({ token, owner: holder }));
  if (vault !== undefined) for (const token of tokens) queries.push({ token, owner: vault });
  const aaveAt = new Map<Address, number>();
  for (const token of tokens) {
    const aToken = lenders.aaveTokens.get(token);
    if (aToken === undefined) continue;
    aaveAt.set(token, queries.length);
    queries.push({ token, owner: aToken });
  }
  const balances = await balancesAt(rpc, queries, block);
  const n = tokens.length;
  return {
    inventory: new Map(tokens.map((t, i) => [t, balances[i]])),
    balancer: vault === undefined ? new Map() : new Map(tokens.map((t, i) => [t, balances[n + i]])),
    aave: new Map(tokens.map((t) => [t, aaveAt.has(t) ? balances[aaveAt.get(t)!] : 0n])),
  };
}
