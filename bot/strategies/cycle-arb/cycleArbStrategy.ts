import type { Address } from "../../core/address";
import type { BlockEvent, Candidate, CandidateStream, Strategy, StrategyContext } from "../strategy";
import { OpportunityEngine } from "./engine";

/**
 * Today's strategy: every 2- and 3-hop cycle through the base tokens, sized exactly, best first
 * (docs/engine.md). It keeps the engine across blocks and re-evaluates only the changed pools'
 * cycles; a new pool set (discovery, a pool back from being left out) or a reorg (whose repair
 * replaces pool models with fresh reads) rebuilds it. Candidates are sized as they are pulled: the
 * best goes to the gates before the rest is sized, and `close` sizes the rest.
 */
export class CycleArbStrategy implements Strategy<BlockEvent> {
  readonly name = "cycle-arb";
  private engine: OpportunityEngine | undefined;

  constructor(
    private readonly options: {
      /** Base tokens in priority order: cycles start and end in them. */
      readonly bases: readonly Address[];
      /** Gas of a cycle's swaps (CostModel.swapGas). */
      readonly swapGas: (hopKinds: readonly string[]) => bigint;
    },
  ) {}

  /** The engine as of the last event (for tests and the scan). */
  get current(): OpportunityEngine | undefined {
    return this.engine;
  }

  /** Builds the engine over `pools` and evaluates every cycle (at start, before any event). */
  prime(event: Pick<BlockEvent, "pools">): void {
    this.engine = new OpportunityEngine([...event.pools()], {
      bases: this.options.bases,
      swapGas: this.options.swapGas,
    });
    this.engine.evaluateAll();
  }

  onEvent(event: BlockEvent, ctx: StrategyContext): CandidateStream {
    // Cycles of the changed pools are only screened here; the ranked stream sizes them exactly as
    // they can reach the top.
    if (this.engine === undefined || event.added.length > 0 || event.reorg) this.prime(event);
    else if (event.changed.size > 0) this.engine.markChanged(event.changed);
    const engine = this.engine!;
    const ranked = engine.ranked(ctx.pricing);
    const name = this.name;
    return {
      next(): Candidate | undefined {
        const opportunity = ranked.next();
        return opportunity === undefined ? undefined : { strategy: name, opportunity };
      },
      close() {
        // Everything not sized on the way to the hand-offs is sized now, before the next head.
        engine.settle();
        return { opportunities: engine.opportunityCount };
      },
    };
  }
}
