/**
 * Lattice sizes, shared by every runtime (no imports, so the renderer offers the same sizes the
 * readers and the contract accept): the sizes a LUT file may have, and those of the lattices we
 * compute rather than read (a model baked to a LUT, a LUT fitted to an image pair).
 */
export const MIN_LATTICE_SIZE = 2;
export const MAX_LATTICE_SIZE = 256;
export const DEFAULT_BAKE_SIZE = 33;
/** 65³ is the finest lattice a bake or pair fit computes (about 275 000 points, each a network evaluation or an unknown of the fit). */
export const MAX_BAKE_SIZE = 65;
