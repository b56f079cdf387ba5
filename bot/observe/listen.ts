/**
 * Subscribes observers to the keeper's events so that an observer can never break the keeper:
 * EventEmitter runs listeners inside the keeper's `emit` call, so a throwing listener would
 * otherwise throw into the keeper loop. Errors go to `onError` instead.
 */
import type { KeeperEventMap, KeeperEvents } from "../events/keeperEvents";
import { TelemetryError } from "./telemetryError";

export type KeeperHandlers = {
  readonly [K in keyof KeeperEventMap]?: (...args: KeeperEventMap[K]) => void;
};

export type TelemetryErrorHandler = (error: TelemetryError) => void;

/** The default: a process warning, so a broken observer is visible but harmless. */
export const warnOnError: TelemetryErrorHandler = (error) => process.emitWarning(error.message, error.name);

/** Attaches the handlers; returns a function that detaches exactly them. */
export function listenSafely(
  events: KeeperEvents,
  handlers: KeeperHandlers,
  onError: TelemetryErrorHandler = warnOnError,
): () => void {
  const attached: [keyof KeeperEventMap, (...args: unknown[]) => void][] = [];
  for (const name of Object.keys(handlers) as (keyof KeeperEventMap)[]) {
    const handler = handlers[name] as ((...args: unknown[]) => void) | undefined;
    if (handler === undefined) continue;
    const safe = (...args: unknown[]) => {
      try {
        handler(...args);
      } catch (cause) {
        onError(
          new TelemetryError("OBSERVER_FAILED", `telemetry failed on a "${name}" event: ${String(cause)}`, {
            cause,
            details: { event: name },
          }),
        );
      }
    };
    (events as unknown as NodeJS.EventEmitter).on(name, safe);
    attached.push([name, safe]);
  }
  return () => {
    for (const [name, safe] of attached) (events as unknown as NodeJS.EventEmitter).off(name, safe);
  };
}
