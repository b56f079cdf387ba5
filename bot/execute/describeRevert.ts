import { AbiCoder, type Interface } from "ethers";

/** Describes a revert by the executor's custom errors, or the raw data when unknown. */
export function describeRevert(data: string | undefined, errors: Interface | undefined): string {
  if (!data || data === "0x") return "reverted without data";
  try {
    const parsed = errors?.parseError(data);
    if (parsed) return `${parsed.name}(${parsed.args.map((a) => String(a)).join(", ")})`;
  } catch {
    // not one of ours: fall through to the raw selector
  }
  if (data.startsWith("0x08c379a0")) {
    try {
      return `Error(${AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10))[0]})`;
    } catch {
      return `Error(<undecodable>)`;
    }
  }
  return `reverted with ${data.slice(0, 10)}`;
}
