/** The exactness runs' seeded PRNG is the project's one, so every run replays the same swaps. */
export { Prng as Rng } from "../../../bot/core/prng";
