/**
 * Keeps keys out of text that leaves the process (log lines, error messages, reports). Every secret
 * loaded by secrets.ts is registered here; `redactSecrets` replaces those and, as a safety net,
 * anything shaped like a private key (64 hex digits) and everything after a URL's origin (API keys
 * ride in RPC and relay URLs). Values of JSON fields whose name ends in
 * "hash" or "hashes" or is "idempotencyKey" (transaction, bundle and block hashes, alone or in an
 * array) are left alone, so logs stay useful; a registered secret is replaced wherever it appears.
 */

export const REDACTED = "[REDACTED]";

const registered = new Set<string>();

/** Remember a secret (a key, a password) so that every later redaction removes it. */
export function registerSecret(value: string): void {
  if (value.length < 6) return; // too short to search for without mangling ordinary text
  registered.add(value);
  const hex = /^0x([0-9a-fA-F]+)$/.exec(value);
  if (hex !== null && hex[1].length >= 32) registered.add(hex[1]);
}

/** Forget registered secrets (tests, and a process that reloads its keys). */
export function forgetSecrets(): void {
  registered.clear();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const KEY_SHAPED = /(0x)?(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
const JSON_KEY = /"([A-Za-z0-9_]+)"\s*:/g;
/** Field names whose 32-byte values are public hashes: txHash, bundleHash, txHashes, idempotencyKey... */
const HASH_FIELD = /(hash|hashes|idempotencyKey)$/i;
/** Between `"field":` and the value: a string, or an element of an array of strings. */
const VALUE_PREFIX = /^\s*(\[\s*("(0x)?[0-9a-fA-F]*"\s*,\s*)*)?"$/;

/** True when the 64-hex value at `offset` is the value of a JSON hash field. */
function isHashFieldValue(
  text: string,
  offset: number,
  keys: readonly { name: string; end: number }[],
): boolean {
  let field: { name: string; end: number } | undefined;
  for (const key of keys) {
    if (key.end > offset) break;
    field = key;
  }
  if (field === undefined || !HASH_FIELD.test(field.name)) return false;
  return VALUE_PREFIX.test(text.slice(field.end, offset));
}

/**
 * A URL as its origin only (scheme, host, port): relay, RPC and private-endpoint URLs often carry an
 * API key in their path, query or user info. Text that is not a URL is redacted as free text.
 */
export function urlOrigin(value: string): string {
  try {
    const url = new URL(value);
    return url.origin === "null" ? redactSecrets(value) : url.origin;
  } catch {
    return redactSecrets(value);
  }
}

/** A URL inside free text: scheme://... up to whitespace or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** A URL in free text keeps its origin; anything after it (path, query, user info) may be a key. */
function redactUrl(match: string): string {
  try {
    const url = new URL(match);
    if (url.origin === "null") return match;
    const bare = url.username === "" && url.password === "" && url.search === "" && url.hash === "";
    if (bare && (url.pathname === "/" || url.pathname === "")) return match;
    return `${url.origin}/${REDACTED}`;
  } catch {
    return match;
  }
}

export function redactSecrets(text: string): string {
  let out = text.replace(URL_IN_TEXT, redactUrl);
  // Longest first, so a 0x-prefixed key is replaced whole rather than leaving its "0x".
  for (const secret of [...registered].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(secret), "gi"), REDACTED);
  }
  const keys = [...out.matchAll(JSON_KEY)].map((m) => ({ name: m[1], end: (m.index ?? 0) + m[0].length }));
  return out.replace(KEY_SHAPED, (match: string, _prefix: string | undefined, offset: number) =>
    isHashFieldValue(out, offset, keys) ? match : REDACTED,
  );
}
