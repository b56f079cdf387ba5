/**
 * `omni-arb config check <file>`: loads and validates a chain config and prints what it resolved
 * to. An invalid file exits with status 2 and the loader's one-line message.
 */
import type { Command } from "commander";
import { loadConfig } from "../config/loadConfig";
import { urlOrigin } from "../config/redact";
import type { ChainConfig } from "../config/types";

export function describeConfig(config: ChainConfig): string {
  const lines = [
    `${config.source}: ${config.name} (chain ${config.chainId}) is valid`,
    `  rpc: ${urlOrigin(config.rpc.http)}${config.rpc.ws === undefined ? "" : ` and ${urlOrigin(config.rpc.ws)}`}`,
    `  venues: ${config.venues.map((v) => `${v.name} (${v.kind})`).join(", ")}`,
    `  base tokens: ${config.baseTokens.map((t) => t.symbol).join(", ")}`,
    `  flash sources: ${[
      config.flash.aavePool === undefined ? undefined : `aave (${config.flash.aaveFeeBps} bps)`,
      config.flash.balancerVault === undefined ? undefined : "balancer",
    ]
      .filter((s) => s !== undefined)
      .join(", ")}`,
    `  executor: ${config.executor ?? "not set"}`,
    `  submission: ${config.submission.kind}${
      config.submission.relays.length === 0
        ? ""
        : ` via ${config.submission.relays.map(urlOrigin).join(", ")}`
    }, builder payment ${
      config.submission.builderPayment.kind === "coinbase-share"
        ? `${config.submission.builderPayment.bps} bps coinbase share`
        : "priority fee"
    }`,
    `  journal: ${config.journalPath}`,
    `  kill switch file: ${config.limits.killSwitchFile}`,
  ];
  return lines.join("\n") + "\n";
}

export function registerConfigCommand(program: Command): void {
  const config = program.command("config").description("work with chain config files");
  config
    .command("check")
    .description("validate a chain config file and show what it resolves to")
    .argument("<file>", "config file, e.g. config/ethereum.json")
    .action((file: string) => {
      process.stdout.write(describeConfig(loadConfig(file)));
    });
}
