/** How presets and jobs read on a terminal. */
import type { Preset } from '../core/library/catalogue.js';
import type { Job } from '../core/library/jobs.js';

export function presetLine(p: Preset): string {
  const star = p.favourite ? '★' : ' ';
  const size = p.latticeSize ? `${p.latticeSize}³` : '';
  const kind =
    p.kind === 'lut'
      ? `${p.sourceFormat ?? 'lut'} ${size}`.trim()
      : p.kind === 'blend'
        ? `blend ${p.blendWeights?.map((w) => w.toFixed(2)).join('/')}`
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
    p.kind === 'lut' ? `  learned     ${p.hasModel ? 'yes' : 'not yet'}` : undefined,
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
