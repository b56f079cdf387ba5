import { OmniArbError } from "../core/errors";

/** Something went wrong while observing the keeper (metrics, dashboard); never the keeper's own work. */
export class TelemetryError extends OmniArbError {
  override readonly name: string = "TelemetryError";
}
