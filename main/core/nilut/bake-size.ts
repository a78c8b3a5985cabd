/** Lattice sizes a model is baked at (kept apart from bake.ts so callers need not load TensorFlow.js). */
export const DEFAULT_BAKE_SIZE = 33;
export const MAX_BAKE_SIZE = 65;
