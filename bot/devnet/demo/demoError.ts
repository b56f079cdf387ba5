import { OmniArbError } from "../../core/errors";

/** Something in the demo market (seeding, the simulator, the naive searcher) failed. */
export class DemoError extends OmniArbError {
  override readonly name: string = "DemoError";
}
