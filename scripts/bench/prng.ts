/** The benchmarks' seeded PRNG is the project's one (bot/core/prng.ts). */
export { Prng, prefixSums } from "../../bot/core/prng";
