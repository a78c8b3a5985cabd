/**
 * The fitting defaults, apart from the fitting code so that what only shows them (the CLI's
 * option help, the library's job settings) does not load TensorFlow.js.
 */

/** Defaults chosen by the sweep in bench/fit-sweep.ts (see the closing note of the NILUT issue). */
export const FIT_DEFAULTS = {
  units: 128,
  layers: 2,
  steps: 4500,
  batchSize: 1024,
  learningRate: 1e-2,
  poolSize: 200_000,
  nearNeutralShare: 0.5,
  seed: 1,
  progressEvery: 100,
} as const;

/** Steps when none are asked for: each extra style needs about as many again. */
export function defaultSteps(styleCount: number): number {
  return FIT_DEFAULTS.steps * Math.max(1, styleCount);
}
