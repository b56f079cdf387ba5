import net from "node:net";

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, chosen by the OS (listen on 0, read, close).
 * For child processes (Hardhat nodes, the relay) that need a port number before they start;
 * another process may still take it in between, so starters retry on EADDRINUSE where it matters.
 */
export async function freeLoopbackPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
