import { HDNodeWallet, Wallet } from "ethers";

/**
 * Hardhat's default accounts, derived from its public test mnemonic: funded on every local
 * Hardhat node and worthless anywhere else. The demo uses them for its roles (0 deployer, 1 keeper
 * operator, 2 competing searcher, 3-8 noise traders); a real deployment never does.
 */
const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export function hardhatTestWallet(index: number): Wallet {
  return new Wallet(
    HDNodeWallet.fromPhrase(HARDHAT_TEST_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).privateKey,
  );
}
