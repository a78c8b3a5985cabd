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
  /**
   * The worst style's mean ΔE2000 on a 17³ grid a fitted model may have (fidelity-gate.ts).
   * Measured: default fits land at 0.5–1.6 per style and the short fits the doors and tests
   * ask for (40–300 steps, small networks) at 1.4–4.1; the six-look divergence of issue 15
   * left 8.9–14.1 (reproduced here: 14.3 on average, 26.6 for the worst style). Above 5 a model
   * is a different colour, not a near match, so 5 refuses the broken and keeps the merely
   * short. It does not catch a network a too-high rate killed on a mild look (LUT01 at a peak
   * of 0.3: 4.8, where the untouched colours are 5.0 from it); 3 would, but would refuse
   * every fit under about 300 steps.
   */
  fidelityLimit: 5,
} as const;

/** Steps when none are asked for: each extra style needs about as many again. */
export function defaultSteps(styleCount: number): number {
  return FIT_DEFAULTS.steps * Math.max(1, styleCount);
}

/** How TrainingGuard (training-guard.ts) tells a divergence from noise and how it recovers. */
export interface GuardSettings {
  /** A loss above this many times the baseline is a divergence. */
  readonly spikeFactor: number;
  /** The baseline is the lowest median of this many consecutive losses seen so far. */
  readonly baselineWindow: number;
  /** Losses seen before spikes are looked for (a loss that is not finite always counts). */
  readonly baselineMinimum: number;
  /** Steps between snapshots of the weights; one is restored only after this many clean steps. */
  readonly snapshotEvery: number;
  readonly maxRecoveries: number;
  /** The learning rate is multiplied by this at each recovery. */
  readonly backoff: number;
  /** Steps over which the learning rate ramps back up after a recovery. */
  readonly rewarmSteps: number;
  /** Gradients whose global norm exceeds this many times the median recent norm are scaled down to it; Infinity: never. */
  readonly clipFactor: number;
}

/**
 * Measured on the wasm backend (issue 15):
 * - spikeFactor: healthy training peaks at 6.3× its baseline (LUT01 with the defaults, as the
 *   warm-up ends), 3.1× (six looks over 5,900 steps), 2.4× (8×1, batch 32); the six-look
 *   divergence of the issue goes ×11, ×23, ×140 in three steps, so 20 catches it at the second.
 * - backoff and maxRecoveries: LUT01 on 32×1 recovers from peak rates of 0.1–1 in one to three
 *   recoveries (ΔE2000 0.8–1.2 at the end); from about 3 up it diverges even at 1/16 and fails.
 * - rewarmSteps: without the ramp the same fits of 0.1–1 end dead after their recoveries
 *   (ΔE2000 3.0–4.8, as if untrained), with 100 steps (the start's warm-up) at 0.8–1.2.
 * - clipFactor: clipping at 5× the median norm did not prevent the six-look divergence (it came
 *   two steps later) and costs about 0.5 ms of a 21 ms step on the default network, 0.1 ms of
 *   0.8 ms on an 8×1 one, so it is off; it stays for networks that need it. Reading the loss
 *   every step costs nothing measurable (20.5 against 20.3 ms).
 */
export const GUARD_DEFAULTS: GuardSettings = {
  spikeFactor: 20,
  baselineWindow: 50,
  baselineMinimum: 5,
  snapshotEvery: 100,
  maxRecoveries: 4,
  backoff: 0.5,
  rewarmSteps: 100,
  clipFactor: Infinity,
};
