import { Interface, type Signer } from "ethers";
import { NaiveArb__factory } from "../../../typechain-types";
import { ERC20 } from "./abis";
import { DemoError } from "./demoError";
import { TxPipeline } from "./txPipeline";

const TRANSFER = new Interface(["function transfer(address to, uint256 amount) returns (bool)"]);

/**
 * Deploys the naive searcher's NaiveArb contract from its owner and gives it `wethFunding` WETH
 * (wrapped from the owner's ETH) to trade with. Waits for the receipts, so the node must be mining.
 */
export async function deployNaiveArb(options: {
  readonly owner: Signer;
  readonly weth: string;
  /** Share of each profit paid to block.coinbase, in basis points (default 5000). */
  readonly coinbaseShareBps?: bigint;
  readonly wethFunding: bigint;
  readonly timeoutMs?: number;
}): Promise<string> {
  const share = options.coinbaseShareBps ?? 5000n;
  if (share < 0n || share > 10_000n) {
    throw new DemoError("DEMO_OPTIONS", "coinbaseShareBps must be within 0..10000", { details: { share } });
  }
  const pipe = await TxPipeline.open(options.owner);
  const deployTx = await new NaiveArb__factory().getDeployTransaction(options.weth, share);
  const address = await pipe.deploy("deploy NaiveArb", deployTx.data, 1_500_000n);
  if (options.wethFunding > 0n) {
    await pipe.send(
      "wrap ETH",
      options.weth,
      ERC20.encodeFunctionData("deposit"),
      80_000n,
      options.wethFunding,
    );
    const data = TRANSFER.encodeFunctionData("transfer", [address, options.wethFunding]);
    await pipe.send("fund NaiveArb", options.weth, data, 80_000n);
  }
  await pipe.drain(options.timeoutMs);
  return address;
}
