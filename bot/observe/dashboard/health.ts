/**
 * /healthz: healthy while blocks keep arriving. Unhealthy (HTTP 503) when the last block (or, before
 * the first block, the start) is older than `staleAfterMs`: the keeper is stuck or its node is.
 */
export interface Health {
  readonly ok: boolean;
  readonly lastBlock: number | null;
  /** Seconds since the last block was received; null before the first block. */
  readonly secondsSinceLastBlock: number | null;
  readonly staleAfterSeconds: number;
  readonly uptimeSeconds: number;
  readonly breakerOpen: boolean;
  readonly killSwitch: boolean;
}

export function healthOf(input: {
  readonly nowMs: number;
  readonly startedAtMs: number;
  readonly staleAfterMs: number;
  readonly lastBlock: { readonly number: number; readonly atMs: number } | undefined;
  readonly gate: { readonly breakerOpen: boolean; readonly killSwitch: boolean };
}): Health {
  const since = input.lastBlock === undefined ? undefined : input.nowMs - input.lastBlock.atMs;
  const quietFor = since ?? input.nowMs - input.startedAtMs;
  return {
    ok: quietFor <= input.staleAfterMs,
    lastBlock: input.lastBlock?.number ?? null,
    secondsSinceLastBlock: since === undefined ? null : since / 1000,
    staleAfterSeconds: input.staleAfterMs / 1000,
    uptimeSeconds: (input.nowMs - input.startedAtMs) / 1000,
    breakerOpen: input.gate.breakerOpen,
    killSwitch: input.gate.killSwitch,
  };
}
