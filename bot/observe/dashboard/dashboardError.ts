import { OmniArbError } from "../../core/errors";

/** The dashboard could not start or serve (a port in use, a missing asset). */
export class DashboardError extends OmniArbError {
  override readonly name: string = "DashboardError";
}
