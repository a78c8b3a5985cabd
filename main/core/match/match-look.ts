/**
 * Match a look: the blends of up to N looks of the library that come closest to a target look
 * (a LUT, a preset, a before/after pair), with their ΔE2000 to it.
 *
 * A blend's output is the convex mix of its looks' outputs, Σ wᵢ·lookᵢ(x), so for every set of
 * looks the best weights are a least-squares problem on the simplex (simplex-least-squares.ts)
 * over the looks' outputs at sample colours (match-samples.ts), and the sets are searched by a
 * beam (support-search.ts). The weights are chosen on one set of colours; the ΔE2000 reported
 * is measured on another, through the blend's own clamped outputs, so it is the error a person
 * would see and never the fitted residual.
 */
import type { DeltaEStats } from '../color/metrics.js';
import { verdictOf, type LookVerdict } from '../../common/look-verdict.js';
import { isCancelled, throwIfCancelled } from '../errors.js';
import type { Lut3D } from '../lut/lut.js';
import { throughLut } from '../nilut/evaluation-samples.js';
import { deltaE2000Against, labOf } from './blend-delta-e.js';
import { MatchError } from './errors.js';
import type { MatchSamples, MatchTarget } from './match-samples.js';
import { matchSamples } from './match-samples.js';
import type { FitSpace } from './normal-equations.js';
import { fitSpaceFactors, inFitSpace, normalEquations } from './normal-equations.js';
import type { SimplexSolution } from './simplex-least-squares.js';
import { MIN_WEIGHT, searchBlends } from './support-search.js';
import type { FitRows } from './mean-error-refinement.js';
import { refineForMeanError } from './mean-error-refinement.js';

export type { MatchTarget };

/** A look of the library to blend: loaded only when the match needs its outputs, then let go (a 144³ Hald is 36 MB). */
export interface LookToMatch {
  readonly presetId: number;
  readonly name: string;
  load(): Promise<Lut3D>;
}

export interface MatchPart {
  readonly presetId: number;
  readonly name: string;
  readonly weight: number;
}

/**
 * How the best blend compares with the target, in ΔE2000 on the measuring colours: at most
 * 0.5 mean and 1 at the 95th percentile is below a just-noticeable difference on nearly every
 * colour (ΔE2000 ≈ 1, Sharma, Wu & Dalal 2005); within 2 mean, close; beyond, only the nearest.
 */
export type MatchVerdict = LookVerdict;

export interface MatchCandidate {
  /** Heaviest first; weights ≥ 0 summing to 1. */
  readonly parts: readonly MatchPart[];
  readonly deltaE2000: DeltaEStats;
  readonly verdict: MatchVerdict;
}

export type MatchProgress =
  { readonly stage: 'looks'; readonly done: number; readonly total: number; readonly name: string } | { readonly stage: 'search'; readonly looks: number };

export interface MatchOptions {
  /** At most this many looks in a blend (default 3). */
  readonly maxLooks?: number;
  /** Candidates to return (default 5): the best blend of each size up to maxLooks, then the nearest others. */
  readonly candidates?: number;
  /** Where the weights are fitted (normal-equations.ts); default 'lab'. */
  readonly fitSpace?: FitSpace;
  /** Refine each shortlisted blend to the smallest mean error, not mean squared error (mean-error-refinement.ts); default true. */
  readonly refine?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MatchProgress) => void;
}

export interface MatchResult {
  /** Best first, by ΔE2000 mean. */
  readonly candidates: readonly MatchCandidate[];
  /** The looks matched with; those that could not be loaded are in skipped. */
  readonly looks: number;
  readonly skipped: readonly { presetId: number; name: string; error: string }[];
  /** Colours the weights were fitted on and the errors measured on. */
  readonly samples: { readonly fit: number; readonly check: number };
}

/**
 * The fit space and refinement measured by bench:match on ten looks no blend of its 25 makes
 * exactly: Lab-weighted with mean-error refinement gave the lowest best-blend ΔE2000, 6.64 mean
 * and 12.78 p95 averaged over them, against 6.82 / 12.98 in plain RGB and 6.75 / 13.38 in
 * CIEDE2000's own local metric (right for small errors only; these are large). No space wins
 * every target, and on blends the library holds all three find the weights exactly.
 */
export const MATCH_DEFAULTS = { maxLooks: 3, candidates: 5, fitSpace: 'lab' as FitSpace, refine: true };

export { verdictOf };

interface MeasuredLook {
  readonly look: LookToMatch;
  /** Outputs at the fitting colours and at the measuring colours, clamped to [0, 1]. */
  readonly fit: Float32Array;
  readonly check: Float32Array;
}

async function measureLooks(looks: readonly LookToMatch[], samples: MatchSamples, options: MatchOptions) {
  const measured: MeasuredLook[] = [];
  const skipped: { presetId: number; name: string; error: string }[] = [];
  for (const [done, look] of looks.entries()) {
    throwIfCancelled(options.signal, `match cancelled after ${done} of ${looks.length} looks`, done);
    options.onProgress?.({ stage: 'looks', done, total: looks.length, name: look.name });
    try {
      const lut = await look.load();
      measured.push({ look, fit: throughLut(lut, samples.fit.inputs), check: throughLut(lut, samples.check.inputs) });
    } catch (error) {
      if (isCancelled(error)) throw error;
      skipped.push({ presetId: look.presetId, name: look.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { measured, skipped };
}

/** A refined blend without the looks it moved below MIN_WEIGHT, the rest scaled to sum 1. */
function withoutNegligibleLooks(solution: SimplexSolution): SimplexSolution {
  const kept = [...solution.looks.keys()].filter((i) => solution.weights[i] >= MIN_WEIGHT);
  if (kept.length === solution.looks.length) return solution;
  const total = kept.reduce((sum, i) => sum + solution.weights[i], 0);
  return { ...solution, looks: kept.map((i) => solution.looks[i]), weights: Float64Array.from(kept, (i) => solution.weights[i] / total) };
}

/** A candidate with the blend's outputs at the measuring colours, to tell two blends that are one look apart. */
interface Measured {
  readonly candidate: MatchCandidate;
  readonly outputs: Float32Array;
}

function measureBlend(solution: SimplexSolution, measured: readonly MeasuredLook[], targetLab: Float64Array): Measured {
  const outputs = new Float32Array(targetLab.length);
  solution.looks.forEach((look, i) => {
    const values = measured[look].check;
    const w = solution.weights[i];
    for (let v = 0; v < outputs.length; v++) outputs[v] += w * values[v];
  });
  const deltaE2000 = deltaE2000Against(targetLab, outputs);
  const parts = solution.looks
    .map((look, i) => ({ presetId: measured[look].look.presetId, name: measured[look].look.name, weight: solution.weights[i] }))
    .sort((a, b) => b.weight - a.weight);
  return { candidate: { parts, deltaE2000, verdict: verdictOf(deltaE2000) }, outputs };
}

/**
 * Two blends of the same looks, or that grade every measuring colour within half an 8-bit code
 * value of each other (an identity LUT imported twice, from a Hald and from a square image), are
 * one look: only the better is listed.
 */
const SAME_LOOK = 0.5 / 255;

function sameLook(a: Measured, b: Measured): boolean {
  const looksOf = (m: Measured) =>
    m.candidate.parts
      .map((p) => p.presetId)
      .sort((x, y) => x - y)
      .join(',');
  if (looksOf(a) === looksOf(b)) return true;
  for (let v = 0; v < a.outputs.length; v++) if (Math.abs(a.outputs[v] - b.outputs[v]) > SAME_LOOK) return false;
  return true;
}

/**
 * The candidates: the best blend of each size (by ΔE2000 among that size's best few by fitted
 * error), then the nearest of the rest, `wanted` in all, best first, no look listed twice.
 */
function chooseCandidates(blends: readonly SimplexSolution[], maxLooks: number, wanted: number, measure: (s: SimplexSolution) => Measured): MatchCandidate[] {
  const shortlist = new Set(blends.slice(0, 3 * wanted));
  for (let size = 1; size <= maxLooks; size++) for (const s of blends.filter((b) => b.looks.length === size).slice(0, wanted)) shortlist.add(s);
  const byMean = (a: Measured, b: Measured) => a.candidate.deltaE2000.mean - b.candidate.deltaE2000.mean;
  const distinct: Measured[] = [];
  for (const m of [...shortlist].map(measure).sort(byMean)) if (!distinct.some((d) => sameLook(d, m))) distinct.push(m);
  const sizes = Array.from({ length: maxLooks }, (_, i) => i + 1);
  const bestOfEachSize = sizes.map((size) => distinct.find((m) => m.candidate.parts.length === size)).filter((m): m is Measured => m !== undefined);
  const chosen = bestOfEachSize.sort(byMean).slice(0, wanted);
  for (const m of distinct) if (chosen.length < wanted && !chosen.includes(m)) chosen.push(m);
  return chosen.sort(byMean).map((m) => m.candidate);
}

export async function matchLook(target: MatchTarget, looks: readonly LookToMatch[], options: MatchOptions = {}): Promise<MatchResult> {
  const maxLooks = options.maxLooks ?? MATCH_DEFAULTS.maxLooks;
  const wanted = options.candidates ?? MATCH_DEFAULTS.candidates;
  const samples = matchSamples(target);
  const { measured, skipped } = await measureLooks(looks, samples, options);
  if (measured.length === 0)
    throw new MatchError(
      looks.length === 0 ? 'there are no looks to match with' : `none of the ${looks.length} looks could be loaded (${skipped[0].name}: ${skipped[0].error})`,
    );
  throwIfCancelled(options.signal, 'match cancelled');
  options.onProgress?.({ stage: 'search', looks: measured.length });
  const factors = fitSpaceFactors(options.fitSpace ?? MATCH_DEFAULTS.fitSpace, samples.fit.outputs);
  const rows: FitRows = { outputs: measured.map((m) => inFitSpace(m.fit, factors)), target: inFitSpace(samples.fit.outputs, factors) };
  const blends = searchBlends(normalEquations(rows.outputs, rows.target), maxLooks, options.signal);
  const refine = options.refine ?? MATCH_DEFAULTS.refine;
  const targetLab = labOf(samples.check.outputs);
  const candidates = chooseCandidates(blends, maxLooks, wanted, (solution) =>
    measureBlend(refine ? withoutNegligibleLooks(refineForMeanError(rows, solution)) : solution, measured, targetLab),
  );
  return { candidates, looks: measured.length, skipped, samples: { fit: samples.fit.count, check: samples.check.count } };
}
