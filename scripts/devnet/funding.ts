import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { deployed, send } from "./chain";
import type { TokenSymbol } from "../../bot/devnet/universe";

/**
 * Gives the deployer `amount` more of a devnet token: test tokens are minted (open mint), WETH is
 * wrapped from ETH. Liquidity scripts fund exactly what they deposit.
 */
export async function fundDeployer(
  hre: HardhatRuntimeEnvironment,
  symbol: TokenSymbol,
  amount: bigint,
): Promise<void> {
  const token = await deployed(hre, symbol === "WETH" ? "WETH9" : symbol);
  if (symbol === "WETH") {
    await send(`wrap ${amount} wei of ETH`, token.getFunction("deposit")({ value: amount }));
  } else {
    const { deployer } = await hre.getNamedAccounts();
    await send(`mint ${amount} ${symbol}`, token.getFunction("mint")(deployer, amount));
  }
}

/** The deployment name of a token symbol (WETH is deployed as WETH9). */
export function tokenDeploymentName(symbol: TokenSymbol): string {
  return symbol === "WETH" ? "WETH9" : symbol;
}

/** Approves `spender` for the deployer's whole balance of each token, once. */
export async function approveAll(
  hre: HardhatRuntimeEnvironment,
  symbols: ReadonlyArray<TokenSymbol>,
  spender: string,
): Promise<void> {
  const { deployer } = await hre.getNamedAccounts();
  for (const symbol of symbols) {
    const token = await deployed(hre, tokenDeploymentName(symbol));
    const allowance = (await token.getFunction("allowance")(deployer, spender)) as bigint;
    if (allowance < 2n ** 255n) {
      await send(`approve ${symbol} to ${spender}`, token.getFunction("approve")(spender, 2n ** 256n - 1n));
    }
  }
}
