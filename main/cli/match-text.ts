/** How a match reads on a terminal: each candidate as a `--blend-presets` value and its ΔE2000. */
import type { MatchCandidate, MatchPart, MatchResult } from '../core/match/match-look.js';

/**
 * Weights to two decimals that still sum to exactly 1.00 (largest remainder: the parts that
 * lost most to rounding down get the spare hundredths), so a printed blend is a whole blend.
 */
export function weightsInHundredths(weights: readonly number[]): number[] {
  const scaled = weights.map((w) => w * 100);
  const floors = scaled.map(Math.floor);
  let spare = 100 - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, remainder: v - floors[i] })).sort((a, b) => b.remainder - a.remainder);
  for (const { i } of order) {
    if (spare <= 0) break;
    floors[i] += 1;
    spare -= 1;
  }
  return floors;
}

/**
 * A part's name as `--blend-presets` reads it back (findPreset: an id if all digits, else a
 * name, trimmed, any case): the preset's name, or its id where the name would not lead back to
 * it (it holds the syntax's own `,` or `:`, is all digits, has spaces at an end, or another
 * preset shares it).
 */
function partKey(part: MatchPart, ambiguousNames: ReadonlySet<string>): string {
  const name = part.name;
  const readsBack = !/[,:]/.test(name) && !/^\d+$/.test(name) && name === name.trim() && !ambiguousNames.has(name.toLowerCase());
  return readsBack ? name : String(part.presetId);
}

/** "Velvia 50:0.60,Portra 400:0.40": the exact syntax `nilut grade --blend-presets` takes. */
export function blendPresetsText(parts: readonly MatchPart[], ambiguousNames: ReadonlySet<string> = new Set()): string {
  const hundredths = weightsInHundredths(parts.map((p) => p.weight));
  return parts.map((part, i) => `${partKey(part, ambiguousNames)}:${(hundredths[i] / 100).toFixed(2)}`).join(',');
}

/** Names (lower case, trimmed, as findPreset compares them) that more than one preset has. */
export function ambiguousNamesOf(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names.map((n) => n.trim().toLowerCase())) (seen.has(name) ? twice : seen).add(name);
  return twice;
}

function verdictLine(best: MatchCandidate): string {
  const figures = `ΔE2000 mean ${best.deltaE2000.mean.toFixed(2)}, p95 ${best.deltaE2000.p95.toFixed(2)}`;
  if (best.verdict === 'indistinguishable') return `best: indistinguishable from the target (${figures})`;
  if (best.verdict === 'close') return `best: close to the target, not the same look (${figures})`;
  return `no blend of the library reproduces this look; the nearest is ${figures}`;
}

/** The table: rank, ΔE2000 mean and p95, the blend; then what the best one amounts to. */
export function matchTable(result: MatchResult, blends: readonly string[], targetName: string): string {
  const header = `matched ${targetName} against ${result.looks} look${result.looks === 1 ? '' : 's'} (weights fitted on ${result.samples.fit} colours, ΔE2000 measured on ${result.samples.check} others)`;
  const rows = result.candidates.map(
    (c, i) => `${String(i + 1).padEnd(4)}  ${c.deltaE2000.mean.toFixed(2).padStart(6)}  ${c.deltaE2000.p95.toFixed(2).padStart(6)}  ${blends[i]}`,
  );
  return [header, `rank  ΔE2000  ${'p95'.padStart(6)}  looks`, ...rows, verdictLine(result.candidates[0])].join('\n');
}
