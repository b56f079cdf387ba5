import Fastify, { type FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { verifyFlashbotsSignature, SIGNATURE_HEADER } from "./auth";
import { BlockBuilder, type BuiltBlock } from "./blockBuilder";
import { bundleHashOf, decodeSignedTx, type Bundle } from "./bundle";
import { BundlePool } from "./bundlePool";
import { callBundle } from "./callBundle";
import { ensureFifoNode } from "./ensureFifoNode";
import {
  RPC_INTERNAL_ERROR,
  RPC_INVALID_PARAMS,
  RPC_INVALID_REQUEST,
  RPC_METHOD_NOT_FOUND,
  RPC_PARSE_ERROR,
  RelayRequestError,
} from "./errors";
import { NodeClient } from "./nodeClient";
import { SerialQueue } from "./serialQueue";
import { SimulationNode } from "./simulationNode";
import {
  formatBundleStats,
  formatCallBundle,
  parseBundleStats,
  parseCallBundle,
  parseCancelBundle,
  parseSendBundle,
} from "./wire";

export interface DevnetRelayOptions {
  /** JSON-RPC URL of a Hardhat node started with bot/devnet/relay/devnetNode.config.ts. */
  readonly rpcUrl: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** Milliseconds between blocks; 0 builds only on mineNow(). */
  readonly intervalMs?: number;
  readonly logger?: Logger;
  /**
   * JSON-RPC URL of a second node (same config) to run simulations on, forked from the main node
   * for each build; without it simulations run on the main node in snapshots (see docs/relay.md).
   */
  readonly simRpcUrl?: string;
  /** Reported as the builder in flashbots_getBundleStatsV2. */
  readonly builderPubkey?: string;
}

export interface DevnetRelay {
  readonly url: string;
  readonly node: NodeClient;
  /** Builds and mines the next block now (queued behind any build already running). */
  mineNow(): Promise<BuiltBlock>;
  close(): Promise<void>;
}

/** A made-up BLS-looking key: there is no real builder identity on a devnet. */
const DEVNET_BUILDER_PUBKEY = `0x${"de".repeat(48)}`;

type Handler = (params: unknown, signer: string) => Promise<unknown> | unknown;

/**
 * Starts the devnet relay: a Flashbots-protocol JSON-RPC server in front of a block builder that
 * drives a Hardhat node with mining off. See docs/relay.md.
 */
export async function startDevnetRelay(opts: DevnetRelayOptions): Promise<DevnetRelay> {
  const log = opts.logger ?? pino({ level: "silent" });
  const node = new NodeClient(opts.rpcUrl);
  await node.stopSelfMining();
  await ensureFifoNode(node);
  const coinbase = await node.coinbase();
  const simClient = opts.simRpcUrl === undefined ? undefined : new NodeClient(opts.simRpcUrl);
  if (simClient) {
    await simClient.stopSelfMining();
    await ensureFifoNode(simClient);
  }
  const sims = new SimulationNode(node, simClient, coinbase);
  const pool = new BundlePool(opts.builderPubkey ?? DEVNET_BUILDER_PUBKEY);
  const builder = new BlockBuilder(node, pool, coinbase, sims);
  const queue = new SerialQueue();

  const build = () =>
    queue.run(async () => {
      const built = await builder.buildNext();
      log.info(
        {
          block: Number(built.blockNumber),
          bundles: built.included,
          excluded: Object.fromEntries(built.excluded),
          publicTxs: built.publicTxs,
        },
        "block built",
      );
      return built;
    });

  const handlers: Record<string, Handler> = {
    eth_sendBundle: (params, signer) => {
      const p = parseSendBundle(params);
      const txs = p.txs.map((raw, i) => decodeSignedTx(raw, i));
      const bundle: Bundle = {
        bundleHash: bundleHashOf(txs.map((t) => t.hash)),
        txs,
        blockNumber: p.blockNumber,
        minTimestamp: p.minTimestamp,
        maxTimestamp: p.maxTimestamp,
        revertingTxHashes: new Set(p.revertingTxHashes),
        replacementUuid: p.replacementUuid,
        signer,
        receivedAt: new Date(),
      };
      const { replaced } = pool.add(bundle);
      log.info({ bundleHash: bundle.bundleHash, block: Number(p.blockNumber), replaced }, "bundle received");
      return { bundleHash: bundle.bundleHash };
    },
    eth_callBundle: async (params) => {
      const p = parseCallBundle(params);
      const result = await queue.run(async () => {
        // A separate simulation node can be forked at any past block; the main node only at its head.
        const head = await node.blockNumber();
        const state =
          p.stateBlockNumber === "latest" || p.stateBlockNumber > head ? head : p.stateBlockNumber;
        return await callBundle(await sims.at(state), coinbase, p);
      });
      return formatCallBundle(result);
    },
    eth_cancelBundle: (params, signer) => pool.cancel(signer, parseCancelBundle(params).replacementUuid),
    flashbots_getBundleStatsV2: (params) => {
      const p = parseBundleStats(params);
      return formatBundleStats(pool.stats(p.bundleHash, p.blockNumber));
    },
  };

  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  // The signature covers the exact bytes sent, so the body is kept as a string, parsed by us;
  // any other content type is read the same way (a curl without -H content-type still works).
  for (const type of ["application/json", "*"]) {
    app.addContentTypeParser(type, { parseAs: "string" }, (_req, body, done) => done(null, body));
  }
  app.post("/", async (req, reply) => {
    const body = typeof req.body === "string" ? req.body : "";
    const answer = await handle(body, req.headers[SIGNATURE_HEADER], handlers, log);
    return reply.code(200).header("content-type", "application/json").send(JSON.stringify(answer));
  });
  const address = await app.listen({ port: opts.port ?? 0, host: opts.host ?? "127.0.0.1" });

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const intervalMs = opts.intervalMs ?? 1000;
  const tick = () => {
    timer = setTimeout(() => {
      build()
        .catch((err: unknown) => log.error({ err }, "block building failed"))
        .finally(() => {
          if (!closed) tick();
        });
    }, intervalMs);
  };
  if (intervalMs > 0) tick();

  return {
    url: address,
    node,
    mineNow: build,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await app.close();
      // Let a build already under way finish, so the node is not left inside a snapshot.
      await queue.run(async () => undefined);
    },
  };
}

interface RpcAnswer {
  jsonrpc: "2.0";
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

async function handle(
  body: string,
  header: string | string[] | undefined,
  handlers: Record<string, Handler>,
  log: Logger,
): Promise<RpcAnswer> {
  let id: unknown = null;
  try {
    let request: { id?: unknown; method?: unknown; params?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch (cause) {
      throw new RelayRequestError(RPC_PARSE_ERROR, "parse error: body is not JSON", { cause });
    }
    if (request === null || typeof request !== "object" || Array.isArray(request)) {
      throw new RelayRequestError(RPC_INVALID_REQUEST, "expected one JSON-RPC request object");
    }
    id = request.id ?? null;
    const signer = verifyFlashbotsSignature(Array.isArray(header) ? header[0] : header, body);
    const method = request.method;
    // Own properties only: "constructor" or "__proto__" must not reach Object's prototype.
    const handler =
      typeof method === "string" && Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (handler === undefined) {
      throw new RelayRequestError(RPC_METHOD_NOT_FOUND, `method ${String(request.method)} not supported`);
    }
    if (request.params !== undefined && !Array.isArray(request.params)) {
      throw new RelayRequestError(RPC_INVALID_PARAMS, "params must be an array");
    }
    return { jsonrpc: "2.0", id, result: await handler(request.params, signer) };
  } catch (err) {
    if (err instanceof RelayRequestError) {
      return { jsonrpc: "2.0", id, error: { code: err.rpcCode, message: err.message } };
    }
    log.error({ err }, "relay request failed");
    const message = err instanceof Error ? err.message : String(err);
    return { jsonrpc: "2.0", id, error: { code: RPC_INTERNAL_ERROR, message } };
  }
}
