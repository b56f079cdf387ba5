import { readFileSync } from "node:fs";
import { UsageError } from "../core/errors";
import { parseSnapshot, type Snapshot } from "./parseSnapshot";

/** Reads and validates a snapshot file; every failure is a one-line UsageError naming the file. */
export function readSnapshotFile(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError("SNAPSHOT_UNREADABLE", `${file}: cannot read the snapshot (${reason})`, {
      cause: e,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError("SNAPSHOT_NOT_JSON", `${file}: not JSON (${(e as Error).message})`, { cause: e });
  }
  return parseSnapshot(json, file);
}
