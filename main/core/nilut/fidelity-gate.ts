/**
 * The last check of a fit before anything keeps it: the model against each of its LUTs on a 17³
 * colour grid (the grid its stored metrics use, fitted-model.ts). A style whose mean ΔE2000 is
 * over the limit means the model does not reproduce that look, whatever the training loss
 * said, so the fit fails, naming the worst style, and no door saves or replaces a model.
 */
import { NilutError } from '../errors.js';
import type { Lut3D } from '../lut/lut.js';
import type { StyleEvaluation } from './evaluate.js';
import { colourGrid, evaluateStyles } from './evaluate.js';
import { FIT_DEFAULTS } from './fit-defaults.js';
import type { NilutModel } from './model.js';

/** A fitted model too far from one of its LUTs to be kept. */
export class FidelityError extends NilutError {
  override name = 'FidelityError';
  constructor(
    readonly style: string,
    readonly deltaE2000: number,
    readonly limit: number,
  ) {
    super(
      'rejected',
      `the fitted model does not reproduce ${style}: ΔE2000 mean ${deltaE2000.toFixed(2)} on a 17³ grid, over the limit of ${limit}; ` +
        'nothing was kept: try more steps or a lower learning rate',
    );
  }
}

/** The name a style goes by in the error: the caller's, else the LUT's title, else its place. */
function styleName(luts: readonly Lut3D[], names: readonly string[] | undefined, style: number): string {
  return names?.[style] ?? luts[style].title ?? (luts.length === 1 ? 'its LUT' : `style ${style + 1}`);
}

/**
 * The gate itself, for any model evaluated per style (a NILUT here; a network of another shape
 * brings its own evaluation): throws FidelityError when the worst style's mean ΔE2000 is over
 * `limit` or not a number. `names[i]` names style i.
 */
export function assertFaithful(evaluation: readonly StyleEvaluation[], names: readonly string[], limit: number): void {
  const worst = evaluation.reduce((a, b) => (Number.isNaN(b.metrics.deltaE2000.mean) || b.metrics.deltaE2000.mean > a.metrics.deltaE2000.mean ? b : a));
  const deltaE2000 = worst.metrics.deltaE2000.mean;
  if (Number.isNaN(deltaE2000) || deltaE2000 > limit) throw new FidelityError(names[worst.style], deltaE2000, limit);
}

/** Every style's fidelity on the 17³ grid, through the gate. */
export async function checkFidelity(
  model: NilutModel,
  luts: readonly Lut3D[],
  limit: number = FIT_DEFAULTS.fidelityLimit,
  names?: readonly string[],
): Promise<StyleEvaluation[]> {
  const evaluation = await evaluateStyles(model, luts, colourGrid(17));
  assertFaithful(
    evaluation,
    luts.map((_, i) => styleName(luts, names, i)),
    limit,
  );
  return evaluation;
}
