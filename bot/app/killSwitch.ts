/**
 * The kill switch's I/O (the check in checks/operational.ts is pure). Submission stops while the
 * kill file exists, after SIGUSR2, or after `engage()` (what an `omni-arb kill` command calls);
 * `engage` writes the file, so the stop survives a restart. Only removing the file (or `release()`)
 * resumes: a signal can stop the keeper, never start it.
 */
import fs from "node:fs";
import path from "node:path";

export interface KillSwitchState {
  readonly engaged: boolean;
  readonly reason?: string;
}

export class KillSwitch {
  private signalled: string | undefined;

  constructor(readonly file: string) {}

  /** Read on every call: a stat per decision is cheap and cannot miss a change. */
  state(): KillSwitchState {
    if (this.signalled !== undefined) return { engaged: true, reason: this.signalled };
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { engaged: false };
      // unreadable but present (a directory, no permission): fail closed
      return { engaged: true, reason: `kill file ${this.file} present but unreadable` };
    }
    const reason = text.split("\n")[0].trim().slice(0, 200);
    return { engaged: true, reason: reason === "" ? `kill file ${this.file} present` : reason };
  }

  /** Stops submission now and across restarts by writing the kill file. */
  engage(reason: string): void {
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    fs.writeFileSync(this.file, `${reason.replace(/\n/g, " ")}\n${new Date().toISOString()}\n`);
  }

  /** Resumes: removes the kill file and forgets a signal. */
  release(): void {
    this.signalled = undefined;
    fs.rmSync(this.file, { force: true });
  }

  /** Engages on SIGUSR2 (from `kill -USR2 <pid>`); returns a function that removes the handler. */
  listenForSignal(target: NodeJS.EventEmitter = process): () => void {
    const handler = () => {
      this.signalled = "SIGUSR2 received";
    };
    target.on("SIGUSR2", handler);
    return () => target.off("SIGUSR2", handler);
  }
}
