import { expect } from "chai";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatSse, SseClients } from "../../bot/observe/dashboard/sse";

describe("dashboard: SSE clients", () => {
  it("formats one event and one JSON data line per message", () => {
    const text = formatSse({ event: "ready", data: { replayed: 3 } }, 7);
    expect(text).to.equal('id: 7\nevent: ready\ndata: {"replayed":3}\n\n');
  });

  it("drops a client that stops reading once too much is waiting for it, and keeps the others", async () => {
    const clients = new SseClients(64 * 1024);
    const server = http.createServer((_request, response) => clients.add(response, []));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const open = (onResponse: (response: http.IncomingMessage) => void) =>
      new Promise<http.ClientRequest>((resolve) => {
        const request = http.get({ host: "127.0.0.1", port, path: "/" }, (response) => {
          onResponse(response);
          resolve(request);
        });
      });
    let readBytes = 0;
    const stuck = await open((response) => response.pause()); // never reads
    const reading = await open((response) =>
      response.on("data", (chunk: Buffer) => (readBytes += chunk.length)),
    );
    try {
      expect(clients.size).to.equal(2);
      const big = { event: "stage" as const, data: { stage: "x".repeat(10_000), ms: 1 } };
      let sent = 0;
      while (clients.size === 2 && sent < 5_000) {
        clients.broadcast(big);
        sent += 1;
        await new Promise((resolve) => setImmediate(resolve)); // let the reading client drain
      }
      expect(clients.size, `still 2 clients after ${sent} messages`).to.equal(1);
      // the one still served is the reader: it keeps receiving
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = readBytes;
      clients.broadcast(big);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(readBytes).to.be.greaterThan(before);
    } finally {
      stuck.destroy();
      reading.destroy();
      clients.closeAll();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
