import { expect } from "chai";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KillSwitch } from "../../bot/app/killSwitch";

describe("risk: kill switch watcher", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "omni-arb-kill-"));
    file = path.join(dir, "data", "KILL");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is released while the kill file is absent and engaged while it exists", () => {
    const kill = new KillSwitch(file);
    expect(kill.state()).to.deep.equal({ engaged: false });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
    expect(kill.state()).to.deep.equal({ engaged: true, reason: `kill file ${file} present` });
    fs.rmSync(file);
    expect(kill.state().engaged).to.equal(false);
  });

  it("engage() writes the file with its reason, so the stop survives a restart; release() resumes", () => {
    new KillSwitch(file).engage("drained pool\nsecond line");
    const restarted = new KillSwitch(file);
    expect(restarted.state()).to.deep.equal({ engaged: true, reason: "drained pool second line" });
    restarted.release();
    expect(fs.existsSync(file)).to.equal(false);
    expect(restarted.state().engaged).to.equal(false);
  });

  it("SIGUSR2 engages it; the signal cannot release it", () => {
    const kill = new KillSwitch(file);
    const proc = new EventEmitter();
    const stop = kill.listenForSignal(proc);
    proc.emit("SIGUSR2");
    expect(kill.state()).to.deep.equal({ engaged: true, reason: "SIGUSR2 received" });
    proc.emit("SIGUSR2");
    expect(kill.state().engaged).to.equal(true);
    stop();
    expect(proc.listenerCount("SIGUSR2")).to.equal(0);
    kill.release();
    expect(kill.state().engaged).to.equal(false);
  });

  it("fails closed when the kill path exists but cannot be read", () => {
    fs.mkdirSync(file, { recursive: true }); // a directory where the file should be
    expect(new KillSwitch(file).state().engaged).to.equal(true);
  });
});
