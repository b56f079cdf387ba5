/**
 * `omni-arb config check <file>`: validates a chain config without the run-time environment and
 * prints what it resolved to, then the variables the file will need at run time and whether each
 * is set now (never a value). An invalid file exits with status 2 and the loader's one-line message.
 */
import type { Command } from "commander";
import { checkConfig } from "../config/checkConfig";
import type { ConfigCheck } from "../config/checkConfig";
import { urlOrigin } from "../config/redact";
import type { ChainConfig } from "../config/types";

const NO_PLACEHOLDERS: ReadonlyMap<string, string> = new Map();

/** A URL as its origin only, or the variable it is waiting for. */
function endpoint(url: string, field: string, placeholders: ReadonlyMap<string, string>): string {
  const variable = placeholders.get(field);
  return variable === undefined ? urlOrigin(url) : `${variable} (not set)`;
}

export function describeConfig(
  config: ChainConfig,
  placeholders: ReadonlyMap<string, string> = NO_PLACEHOLDERS,
): string {
  const relays = config.submission.relays.map((r, i) => endpoint(r, `submission.relays[${i}]`, placeholders));
  const lines = [
    `${config.source}: ${config.name} (chain ${config.chainId}) is valid`,
    `  rpc: ${endpoint(config.rpc.http, "rpc.http", placeholders)}${
      config.rpc.ws === undefined ? "" : ` and ${endpoint(config.rpc.ws, "rpc.ws", placeholders)}`
    }`,
    `  venues: ${config.venues.map((v) => `${v.name} (${v.kind})`).join(", ")}`,
    `  base tokens: ${config.baseTokens.map((t) => t.symbol).join(", ")}`,
    `  flash sources: ${[
      config.flash.aavePool === undefined ? undefined : `aave (${config.flash.aaveFeeBps} bps)`,
      config.flash.balancerVault === undefined ? undefined : "balancer",
    ]
      .filter((s) => s !== undefined)
      .join(", ")}`,
    `  executor: ${config.executor ?? "not set"}`,
    `  submission: ${config.submission.kind}${relays.length === 0 ? "" : ` via ${relays.join(", ")}`}, builder payment ${
      config.submission.builderPayment.kind === "coinbase-share"
        ? `${config.submission.builderPayment.bps} bps coinbase share`
        : "priority fee"
    }`,
    `  journal: ${config.journalPath}`,
    `  kill switch file: ${config.limits.killSwitchFile}`,
  ];
  return lines.join("\n") + "\n";
}

/** The resolved config, then each run-time variable: what needs it and whether it is set now. */
export function describeCheck(check: ConfigCheck): string {
  const lines = check.variables.map(
    (v) => `    ${v.names} (${v.neededFor}${v.required ? "" : ", optional"}): ${v.set ? "set" : "not set"}`,
  );
  return `${describeConfig(check.config, check.placeholders)}  run-time environment (values are never shown):\n${lines.join("\n")}\n`;
}

export function registerConfigCommand(program: Command): void {
  const config = program.command("config").description("work with chain config files");
  config
    .command("check")
    .description(
      "validate a chain config file without the run-time environment; show what it resolves to and the variables it needs",
    )
    .argument("<file>", "config file, e.g. config/ethereum.json")
    .action((file: string) => {
      process.stdout.write(describeCheck(checkConfig(file)));
    });
}
