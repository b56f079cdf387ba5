/**
 * The keeper's keys, read only from the environment: the operator key (sends transactions, signs
 * bundle transactions) and the bundle-signing "reputation" key (signs relay requests). Each comes
 * from a raw hex variable or an encrypted JSON keystore, never from the config file. Every key and
 * password is registered for redaction; errors name the variable, never the value.
 */
import fs from "node:fs";
import { Wallet } from "ethers";
import { UsageError } from "../core/errors";
import type { Env } from "./envRefs";
import { registerSecret } from "./redact";

export interface KeeperSecrets {
  readonly operator: Wallet;
  /** Absent when neither OMNI_ARB_SIGNER_KEY nor OMNI_ARB_SIGNER_KEYSTORE is set. */
  readonly signer: Wallet | undefined;
}

interface KeyVariables {
  readonly role: string;
  readonly key: string;
  readonly keystore: string;
  readonly passwords: readonly string[];
}

export const OPERATOR_VARIABLES: KeyVariables = {
  role: "operator",
  key: "OMNI_ARB_OPERATOR_KEY",
  keystore: "OMNI_ARB_KEYSTORE",
  passwords: ["OMNI_ARB_KEYSTORE_PASSWORD"],
};

export const SIGNER_VARIABLES: KeyVariables = {
  role: "bundle signer",
  key: "OMNI_ARB_SIGNER_KEY",
  keystore: "OMNI_ARB_SIGNER_KEYSTORE",
  passwords: ["OMNI_ARB_SIGNER_KEYSTORE_PASSWORD", "OMNI_ARB_KEYSTORE_PASSWORD"],
};

const HEX_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

function secretError(message: string, details: Record<string, unknown> = {}): UsageError {
  return new UsageError("SECRET_INVALID", message, { details });
}

function fromHex(variable: string, value: string): Wallet {
  const trimmed = value.trim();
  if (HEX_KEY.test(trimmed)) {
    const key = trimmed.startsWith("0x") ? trimmed : `0x${trimmed}`;
    registerSecret(key);
    try {
      return new Wallet(key);
    } catch {
      // zero or beyond the curve order; ethers' message is not needed and is not passed on
    }
  }
  throw secretError(`${variable}: not a valid private key (expected 32 bytes as hex)`, { variable });
}

async function fromKeystore(vars: KeyVariables, file: string, env: Env): Promise<Wallet> {
  const passwordVariable = vars.passwords.find((name) => env[name] !== undefined);
  const password = passwordVariable === undefined ? undefined : env[passwordVariable];
  if (password === undefined) {
    throw secretError(`${vars.passwords[0]} is not set (needed to decrypt ${vars.keystore} ${file})`);
  }
  registerSecret(password);
  let json: string;
  try {
    json = fs.readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UsageError("SECRET_INVALID", `${vars.keystore}: cannot read keystore ${file} (${code})`, {
      cause,
    });
  }
  let wallet: Awaited<ReturnType<typeof Wallet.fromEncryptedJson>>;
  try {
    wallet = await Wallet.fromEncryptedJson(json, password);
  } catch {
    throw secretError(`${vars.keystore}: cannot decrypt ${file}: wrong password or damaged keystore`, {
      variable: vars.keystore,
    });
  }
  registerSecret(wallet.privateKey);
  return new Wallet(wallet.privateKey);
}

async function loadKey(vars: KeyVariables, env: Env): Promise<Wallet | undefined> {
  const raw = env[vars.key];
  const keystore = env[vars.keystore];
  if (raw !== undefined && raw !== "" && keystore !== undefined && keystore !== "") {
    throw secretError(
      `both ${vars.key} and ${vars.keystore} are set; choose one source for the ${vars.role} key`,
    );
  }
  if (raw !== undefined && raw !== "") return fromHex(vars.key, raw);
  if (keystore !== undefined && keystore !== "") return await fromKeystore(vars, keystore, env);
  return undefined;
}

export interface LoadSecretsOptions {
  /** Fail when no bundle-signing key is configured (flashbots submission). */
  readonly requireSigner?: boolean;
}

/** Loads the keeper's keys from `env` (process.env by default). */
export async function loadSecrets(
  env: Env = process.env,
  options: LoadSecretsOptions = {},
): Promise<KeeperSecrets> {
  const operator = await loadKey(OPERATOR_VARIABLES, env);
  if (operator === undefined) {
    throw secretError(
      `no operator key: set ${OPERATOR_VARIABLES.key}, or ${OPERATOR_VARIABLES.keystore} and ${OPERATOR_VARIABLES.passwords[0]}`,
    );
  }
  const signer = await loadKey(SIGNER_VARIABLES, env);
  if (signer === undefined && options.requireSigner === true) {
    throw secretError(
      `no bundle-signing key: set ${SIGNER_VARIABLES.key}, or ${SIGNER_VARIABLES.keystore} and a keystore password`,
    );
  }
  return { operator, signer };
}
