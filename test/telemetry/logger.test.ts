import { expect } from "chai";
import { createLogger } from "../../bot/observe/logger";
import { forgetSecrets } from "../../bot/config/redact";
import { loadSecrets } from "../../bot/config/secrets";
import { OmniArbError } from "../../bot/core/errors";

const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

describe("telemetry: logger", () => {
  afterEach(() => forgetSecrets());

  function capture() {
    const lines: string[] = [];
    const logger = createLogger({
      level: "debug",
      destination: { write: (line: string) => lines.push(line) },
    });
    return { logger, lines };
  }

  it("writes JSON lines with bigint amounts as exact decimal strings", () => {
    const { logger, lines } = capture();
    logger.info({ profit: 10n ** 30n + 1n, nested: { gas: 21_000n } }, "opportunity");
    const line = JSON.parse(lines[0]) as { profit: string; nested: { gas: string }; msg: string };
    expect(line.profit).to.equal("1000000000000000000000000000001");
    expect(line.nested.gas).to.equal("21000");
    expect(line.msg).to.equal("opportunity");
  });

  it("never writes a loaded key, wherever it appears in the log call", async () => {
    await loadSecrets({ OMNI_ARB_OPERATOR_KEY: KEY });
    const { logger, lines } = capture();
    logger.info(`key is ${KEY}`);
    logger.info({ privateKey: KEY, wallet: { privateKey: KEY }, note: KEY.slice(2) }, "object");
    logger.error({ err: new OmniArbError("X", `failed with ${KEY}`, { cause: new Error(KEY) }) }, "error");
    expect(lines).to.have.length(3);
    for (const line of lines) {
      expect(line.toLowerCase()).not.to.include(KEY.slice(2).toLowerCase());
      expect(line).to.include("[REDACTED]");
    }
  });
});
