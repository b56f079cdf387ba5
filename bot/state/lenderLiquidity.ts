import { id } from "ethers";
import type { ChainRpc } from "../chain/chainRpc";
import type { Address } from "../core/address";

/**
 * What the executor's lenders can lend now, read with the pool state: the Balancer Vault lends what
 * it holds of a token, an Aave reserve what its aToken holds of the asset (the reserve's available
 * liquidity). The cost model's funding choice skips a lender that cannot lend the size.
 */

const BALANCE_OF = "0x70a08231";
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

/** `owner`'s balance of `token` at `block` (0 when the call returns nothing). */
export async function balanceAt(
  rpc: ChainRpc,
  token: Address,
  owner: Address,
  block: number,
): Promise<bigint> {
  const ret = await rpc.call({ to: token, data: BALANCE_OF + word(owner), blockTag: block });
  return ret.length >= 66 ? BigInt(ret.slice(0, 66)) : 0n;
}

/** The executor's lenders, as the keeper reads their liquidity. */
export interface Lenders {
  readonly balancerVault?: Address;
  /** Asset -> its Aave aToken (the reserve's liquidity is the aToken's balance of the asset). */
  readonly aaveTokens: ReadonlyMap<Address, Address>;
}

/** What each lender holds of each token at `block`: balancer and aave maps (absent: no such lender). */
export async function lenderLiquidity(
  rpc: ChainRpc,
  lenders: Lenders,
  tokens: readonly Address[],
  block: number,
): Promise<{ balancer: Map<Address, bigint>; aave: Map<Address, bigint> }> {
  const vault = lenders.balancerVault;
  const [balancer, aave] = await Promise.all([
    vault === undefined
      ? []
      : Promise.all(tokens.map(async (t) => [t, await balanceAt(rpc, t, vault, block)] as const)),
    Promise.all(
      tokens.map(async (t) => {
        const aToken = lenders.aaveTokens.get(t);
        return [t, aToken === undefined ? 0n : await balanceAt(rpc, t, aToken, block)] as const;
      }),
    ),
  ]);
  return { balancer: new Map(balancer), aave: new Map(aave) };
}
