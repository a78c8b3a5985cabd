/** How presets and jobs read on a terminal. */
import type { Preset } from '../core/library/catalogue.js';
import type { Job } from '../core/library/jobs.js';
import type { LearnedLookRecord } from '../core/library/learned-looks.js';
import type { LibraryModelSummary } from '../core/library/library-model.js';

/** "812 B", "2.1 KB", "3.4 MB". */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A LUT preset's learned look, as `library show` prints it under the preset. */
export function learnedLookText(look: LearnedLookRecord & { readonly shareOfLibraryModel: number }): string {
  const { mean, p95, max, gridMean } = look.fidelity;
  return [
    `  look        ${look.size}³ lattice, ${bytesText(look.bytes)} (${(look.shareOfLibraryModel * 100).toFixed(1)}% of the library model)${look.current ? '' : ', learned from an older version of this LUT'}`,
    `  fidelity    ΔE2000 mean ${mean.toFixed(2)}, p95 ${p95.toFixed(2)}, max ${max.toFixed(2)} on photographic colours; grid mean ${gridMean.toFixed(2)}; ${look.metGoal ? 'met' : 'missed'} the goal`,
  ].join('\n');
}

/** "Library model  25 looks, 61.2 KB (the LUT files: 31.4 MB, 525× larger)". */
export function libraryModelText(model: LibraryModelSummary): string {
  if (model.looks === 0) return 'library model  no learned looks yet';
  const ratio = model.bytes > 0 ? `, ${(model.lutBytes / model.bytes).toFixed(0)}× larger` : '';
  return `library model  ${model.looks} look${model.looks === 1 ? '' : 's'}, ${bytesText(model.bytes)} (the LUT files: ${bytesText(model.lutBytes)}${ratio})`;
}

export function presetLine(p: Preset): string {
  const star = p.favourite ? '★' : ' ';
  const size = p.latticeSize ? `${p.latticeSize}³` : '';
  const kind =
    p.kind === 'lut'
      ? `${p.sourceFormat ?? 'lut'} ${size}`.trim()
      : p.kind === 'blend'
        ? `blend ${p.blendWeights?.map((w) => w.toFixed(2)).join('/')}`
        : p.kind === 'mix'
          ? `blend of ${p.mixSources?.map((s) => `${s.presetId}:${s.weight.toFixed(2)}`).join(',')}`
          : 'model';
  const model = p.kind === 'lut' ? (p.hasModel ? ' [learned]' : '') : '';
  const rating = p.rating > 0 ? ` ${'●'.repeat(p.rating)}` : '';
  const tags = p.tags.length > 0 ? `  #${p.tags.join(' #')}` : '';
  return `${String(p.id).padStart(5)} ${star} ${p.name}  (${kind})${model}${rating}${tags}`;
}

export function presetDetails(p: Preset): string {
  return [
    `${p.name} (preset ${p.id}, ${p.kind})`,
    p.originalName ? `  file        ${p.originalName} (${p.sourceFormat})` : undefined,
    p.latticeSize ? `  lattice     ${p.latticeSize}³` : undefined,
    p.blendWeights ? `  blend       ${p.blendWeights.map((w) => w.toFixed(3)).join(', ')} of model ${p.modelId}` : undefined,
    p.mixSources ? `  blend of    ${p.mixSources.map((s) => `preset ${s.presetId} at ${(s.weight * 100).toFixed(1)}%`).join(', ')}` : undefined,
    p.usedByMixes > 0 ? `  blended in  ${p.usedByMixes} saved blend${p.usedByMixes === 1 ? '' : 's'} (removed with it)` : undefined,
    p.kind === 'lut' ? `  network     ${p.hasModel ? 'a fitted model holds it' : 'none fitted'}` : undefined,
    `  favourite   ${p.favourite ? 'yes' : 'no'}   rating ${p.rating}/5`,
    `  tags        ${p.tags.join(', ') || '—'}`,
    `  collections ${p.collections.join(', ') || '—'}`,
    p.notes ? `  notes       ${p.notes}` : undefined,
    p.contentHash ? `  sha256      ${p.contentHash}` : undefined,
    `  created     ${p.createdAt}   modified ${p.modifiedAt}`,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

export function jobLine(j: Job): string {
  const progress = j.state === 'running' || j.state === 'queued' ? ` ${(j.progress * 100).toFixed(0)}%` : '';
  const detail = j.error ?? j.message;
  return `${String(j.id).padStart(5)} ${j.kind.padEnd(6)} ${j.state.padEnd(9)}${progress}  ${detail}`;
}
