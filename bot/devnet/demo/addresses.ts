import fs from "node:fs";
import path from "node:path";
import { getAddress } from "ethers";
import { DemoError } from "./demoError";

/**
 * Where the devnet's contracts are, as the demo market needs them: no `hre`, so the market can
 * run against any node URL. Build it from hardhat-deploy's files (`readDevnetAddresses`), from a
 * name -> address record (`devnetAddressesFromDeployments`), or by hand.
 */
export interface DevnetAddresses {
  readonly weth: string;
  /** The devnet's other tokens by symbol (USDC, USDT, DAI, WBTC, LINK); may be empty. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly uniV2: V2VenueAddresses;
  readonly sushiV2: V2VenueAddresses;
  readonly uniV3: {
    readonly factory: string;
    readonly positionManager: string;
    readonly swapRouter: string;
  };
}

export interface V2VenueAddresses {
  readonly factory: string;
  readonly router: string;
}

/** The two V2 venues by the name the demo reports them under. */
export type V2VenueName = "uni" | "sushi";

export function v2Venue(addresses: DevnetAddresses, venue: V2VenueName): V2VenueAddresses {
  return venue === "uni" ? addresses.uniV2 : addresses.sushiV2;
}

const TOKEN_NAMES = ["USDC", "USDT", "DAI", "WBTC", "LINK"] as const;

/** Maps hardhat-deploy's deployment names (scripts/deploy) to the demo's input. */
export function devnetAddressesFromDeployments(byName: Readonly<Record<string, string>>): DevnetAddresses {
  const need = (name: string): string => {
    const address = byName[name];
    if (address === undefined) {
      throw new DemoError("DEMO_ADDRESSES", `the devnet deployments have no ${name}`, { details: { name } });
    }
    return getAddress(address);
  };
  const tokens: Record<string, string> = {};
  for (const symbol of TOKEN_NAMES) if (byName[symbol] !== undefined) tokens[symbol] = need(symbol);
  return {
    weth: need("WETH9"),
    tokens,
    uniV2: { factory: need("UniV2Factory"), router: need("UniV2Router02") },
    sushiV2: { factory: need("SushiV2Factory"), router: need("SushiV2Router02") },
    uniV3: {
      factory: need("UniV3Factory"),
      positionManager: need("NonfungiblePositionManager"),
      swapRouter: need("SwapRouter"),
    },
  };
}

/** Reads `<dir>/<network>/*.json` (hardhat-deploy's output) into DevnetAddresses. */
export function readDevnetAddresses(dir: string, network: string): DevnetAddresses {
  const folder = path.join(dir, network);
  let files: string[];
  try {
    files = fs.readdirSync(folder).filter((f) => f.endsWith(".json"));
  } catch (cause) {
    throw new DemoError("DEMO_ADDRESSES", `cannot list the deployments in ${folder}`, { cause });
  }
  const byName: Record<string, string> = {};
  for (const file of files) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as { address?: unknown };
      if (typeof parsed.address === "string") byName[file.slice(0, -".json".length)] = parsed.address;
    } catch (cause) {
      throw new DemoError("DEMO_ADDRESSES", `deployment file ${file} is not valid JSON`, { cause });
    }
  }
  return devnetAddressesFromDeployments(byName);
}
