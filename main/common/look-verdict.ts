/**
 * How close one look is to another in a photographer's words, from the ΔE2000 between them:
 * shared by every runtime (match-look.ts judges blends with it, the renderer a model's fidelity).
 * A mean ≤ 0.5 with a p95 ≤ 1 sits under the just-noticeable difference (ΔE2000 ≈ 1) almost
 * everywhere; a mean ≤ 2 is seen only side by side.
 */
export type LookVerdict = 'indistinguishable' | 'close' | 'approximate';

const VERDICT_LIMITS = { indistinguishable: { mean: 0.5, p95: 1 }, close: { mean: 2 } };

export function verdictOf(deltaE: { readonly mean: number; readonly p95: number }): LookVerdict {
  if (deltaE.mean <= VERDICT_LIMITS.indistinguishable.mean && deltaE.p95 <= VERDICT_LIMITS.indistinguishable.p95) return 'indistinguishable';
  return deltaE.mean <= VERDICT_LIMITS.close.mean ? 'close' : 'approximate';
}

/** Each verdict as the app says it. */
export const VERDICT_WORDS: Record<LookVerdict, string> = {
  indistinguishable: 'indistinguishable',
  close: 'close',
  approximate: 'visible differences',
};
