/**
 * The defaults of compact learned looks, apart from the code that learns them so that what only
 * shows them (CLI help, job settings) loads nothing heavy. Chosen by bench/compact.ts's sweep
 * (see the closing note of issue 15).
 */
export const COMPACT_DEFAULTS = {
  /** Lattice points per axis tried, smallest first: a look keeps the first that meets the goal. */
  sizes: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
  /** The fidelity goal on held-out photographic colours, ΔE2000 (G'MIC's own rule is mean ≤ 0.45). */
  goalMean: 0.4,
  goalP95: 1.2,
  /**
   * A look whose best lattice is still this far off (ΔE2000 mean) is not saved: the job fails and
   * names it, rather than keep a look that grades visibly differently from its LUT.
   */
  failAboveMean: 3,
  /**
   * Quantisation step of the stored corrections: one 8-bit code value. Measured on Portra 400 and
   * amatorka: halving the step costs 16–20% more bytes for 0.01 ΔE2000, less than the next
   * lattice size gives for the same bytes.
   */
  quantisation: 255,
  /** Laplacian smoothness relative to the mean data weight per lattice point. */
  smoothness: 1e-4,
  /** Training colours drawn per look (plus a 17³ lattice) and their share near neutrals. */
  poolSize: 200_000,
  nearNeutralShare: 0.5,
  seed: 1,
} as const;
