import { expect } from "chai";
import { AbiCoder, getAddress, getCreate2Address, keccak256 } from "ethers";
import checks from "../../bot/config/registry/create2-checks.json";
import { registryChain } from "../../bot/config/registryDefaults";

/** Uniswap V3 PoolAddress.computeAddress: salt = keccak256(abi.encode(token0, token1, fee)). */
function v3Pool(factory: string, initCodeHash: string, a: string, b: string, fee: number): string {
  const [token0, token1] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
  const salt = keccak256(
    AbiCoder.defaultAbiCoder().encode(["address", "address", "uint24"], [token0, token1, fee]),
  );
  return getCreate2Address(factory, salt, initCodeHash);
}

describe("config: registry CREATE2 checks (bot/config/registry/create2-checks.json)", () => {
  for (const check of checks.checks) {
    it(`chain ${check.chainId}: ${check.venue} ${check.tokens.join("/")} ${check.fee} recomputes to the cited pool`, () => {
      const chain = registryChain(check.chainId);
      const venue = chain?.venues.find((v) => v.name === check.venue);
      expect(venue, check.venue).not.to.equal(undefined);
      const [a, b] = check.tokens.map((symbol) => {
        const token = chain?.tokens.find((t) => t.symbol === symbol);
        expect(token, symbol).not.to.equal(undefined);
        return token?.address ?? "";
      });
      const computed = v3Pool(venue?.factory ?? "", venue?.initCodeHash ?? "", a, b, check.fee);
      expect(computed).to.equal(getAddress(check.cited));
    });
  }
});
