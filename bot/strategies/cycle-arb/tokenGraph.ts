import { OmniArbError } from "../../core/errors";
import type { Address } from "../../core/address";
import type { PoolModel } from "../../venues/common/poolModel";

/**
 * Integer ids for tokens and pools and a compact adjacency (CSR: offsets + flat array), so the
 * cycle index and the evaluation loops work on typed arrays instead of strings and objects.
 * Pool ids are the positions in the `pools` array given; token ids are assigned in order of
 * first appearance.
 */
export class TokenGraph {
  readonly pools: readonly PoolModel[];
  readonly tokens: readonly Address[];
  readonly poolToken0: Int32Array;
  readonly poolToken1: Int32Array;
  /** Pools touching token t are adjPools[adjOffsets[t] .. adjOffsets[t + 1]). */
  readonly adjOffsets: Int32Array;
  readonly adjPools: Int32Array;
  private readonly tokenIds = new Map<Address, number>();
  private readonly poolIds = new Map<Address, number>();

  constructor(pools: readonly PoolModel[]) {
    this.pools = pools;
    const tokens: Address[] = [];
    this.poolToken0 = new Int32Array(pools.length);
    this.poolToken1 = new Int32Array(pools.length);
    pools.forEach((pool, i) => {
      if (this.poolIds.has(pool.address)) {
        throw new OmniArbError("DUPLICATE_POOL", `pool ${pool.address} appears twice`, {
          details: { address: pool.address },
        });
      }
      if (pool.token0 === pool.token1) {
        throw new OmniArbError("SELF_PAIR", `pool ${pool.address} has token0 == token1`, {
          details: { address: pool.address },
        });
      }
      this.poolIds.set(pool.address, i);
      this.poolToken0[i] = this.intern(pool.token0, tokens);
      this.poolToken1[i] = this.intern(pool.token1, tokens);
    });
    this.tokens = tokens;

    const degree = new Int32Array(tokens.length + 1);
    for (let p = 0; p < pools.length; p++) {
      degree[this.poolToken0[p] + 1]++;
      degree[this.poolToken1[p] + 1]++;
    }
    for (let t = 0; t < tokens.length; t++) degree[t + 1] += degree[t];
    this.adjOffsets = degree;
    this.adjPools = new Int32Array(2 * pools.length);
    const fill = degree.slice(0, tokens.length);
    for (let p = 0; p < pools.length; p++) {
      this.adjPools[fill[this.poolToken0[p]]++] = p;
      this.adjPools[fill[this.poolToken1[p]]++] = p;
    }
  }

  private intern(token: Address, tokens: Address[]): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(token);
      this.tokenIds.set(token, id);
    }
    return id;
  }

  tokenId(token: Address): number | undefined {
    return this.tokenIds.get(token.toLowerCase());
  }

  poolId(pool: Address): number | undefined {
    return this.poolIds.get(pool.toLowerCase());
  }

  /** The token on the other side of pool p from token t. */
  otherToken(p: number, t: number): number {
    return this.poolToken0[p] === t ? this.poolToken1[p] : this.poolToken0[p];
  }
}
