/**
 * Refuses a config file that carries a secret. Keys come only from the environment or an encrypted
 * keystore (bot/config/secrets.ts); a key in a JSON file ends up in backups, diffs and tickets.
 * The error names the field, never the value.
 */
import type { FieldPath } from "./configError";
import { configError } from "./configError";

const SECRET_FIELD = /(private[-_ ]?key|mnemonic|seed[-_ ]?phrase|passphrase|password|secret|keystore)/i;
const PRIVATE_KEY_VALUE = /^(0x)?[0-9a-fA-F]{64}$/;
/** Fields whose 32-byte hex value is a public hash, not a key. */
const HASH_FIELDS = new Set(["initCodeHash"]);

const ADVICE = "use OMNI_ARB_OPERATOR_KEY / OMNI_ARB_SIGNER_KEY or an encrypted keystore (OMNI_ARB_KEYSTORE)";

function walk(node: unknown, path: PropertyKey[], source: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, [...path, i], source));
    return;
  }
  if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      const here: FieldPath = [...path, key];
      if (SECRET_FIELD.test(key)) {
        throw configError(source, here, `secrets are not allowed in a config file; ${ADVICE}`);
      }
      walk(value, [...path, key], source);
    }
    return;
  }
  const field = path[path.length - 1];
  if (typeof node === "string" && PRIVATE_KEY_VALUE.test(node) && !HASH_FIELDS.has(String(field))) {
    throw configError(
      source,
      path,
      `looks like a private key; secrets are not allowed in a config file; ${ADVICE}`,
    );
  }
}

/** Throws a UsageError naming the first field that holds or looks like a secret. */
export function assertNoSecrets(raw: unknown, source: string): void {
  walk(raw, [], source);
}
