/**
 * Resolves `"deployment:<Name>"` strings in a config file to the address hardhat-deploy recorded in
 * `<dir>/<network>/<Name>.json` (dir defaults to ./deployments; network comes from the file's
 * `deployments.network`). Used by config/devnet.json, whose addresses change with every deploy.
 */
import fs from "node:fs";
import path from "node:path";
import { configError } from "./configError";

const PREFIX = "deployment:";

interface Where {
  readonly source: string;
  readonly network: string | undefined;
  readonly dir: string;
}

function resolveOne(name: string, fieldPath: PropertyKey[], where: Where): string {
  if (where.network === undefined) {
    throw configError(
      where.source,
      fieldPath,
      `"${PREFIX}${name}" needs a "deployments": { "network": ... } section to say where to look`,
    );
  }
  const file = path.join(where.dir, where.network, `${name}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (cause) {
    throw configError(where.source, fieldPath, `deployment "${name}" not found (${file})`, { cause });
  }
  let address: unknown;
  try {
    address = (JSON.parse(text) as { address?: unknown }).address;
  } catch (cause) {
    throw configError(where.source, fieldPath, `deployment file ${file} is not valid JSON`, { cause });
  }
  if (typeof address !== "string") {
    throw configError(where.source, fieldPath, `deployment file ${file} has no "address"`);
  }
  return address;
}

function walk(node: unknown, fieldPath: PropertyKey[], where: Where): unknown {
  if (typeof node === "string" && node.startsWith(PREFIX)) {
    return resolveOne(node.slice(PREFIX.length), fieldPath, where);
  }
  if (Array.isArray(node)) return node.map((item, i) => walk(item, [...fieldPath, i], where));
  if (node !== null && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, walk(value, [...fieldPath, key], where)]),
    );
  }
  return node;
}

/** A copy of `raw` with every deployment reference replaced by its address. */
export function resolveDeploymentRefs(raw: unknown, source: string, deploymentsDir?: string): unknown {
  const section = (raw as { deployments?: { network?: unknown; dir?: unknown } } | null)?.deployments;
  const network = typeof section?.network === "string" ? section.network : undefined;
  const dir = deploymentsDir ?? (typeof section?.dir === "string" ? section.dir : "deployments");
  return walk(raw, [], { source, network, dir });
}
