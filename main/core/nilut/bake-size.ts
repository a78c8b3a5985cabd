/**
 * Sizes of the lattices we compute rather than read: a model baked to a LUT, a LUT fitted to an
 * image pair (kept apart from bake.ts so callers need not load TensorFlow.js; no imports, so the
 * renderer offers the same sizes).
 */
export const DEFAULT_BAKE_SIZE = 33;
/** 65³ is the finest lattice a bake or pair fit computes (about 275 000 points, each a network evaluation or an unknown of the fit). */
export const MAX_BAKE_SIZE = 65;
