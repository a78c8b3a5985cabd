/** Presets and jobs as main would list them, for component tests. */
import type { JobSummary, PresetSummary } from '../../main/contract/contract.js';

export function preset(id: number, name: string, kind: PresetSummary['kind'] = 'lut', extra: Partial<PresetSummary> = {}): PresetSummary {
  return {
    id,
    name,
    kind,
    sourceFormat: kind === 'lut' ? 'cube' : null,
    originalName: `${name}.cube`,
    latticeSize: 33,
    modelId: kind === 'lut' ? null : id,
    blendWeights: null,
    mixSources: null,
    usedByMixes: 0,
    favourite: false,
    rating: 0,
    notes: '',
    tags: [],
    collections: [],
    hasModel: kind !== 'lut',
    createdAt: '2026-11-25T00:00:00Z',
    modifiedAt: '2026-11-25T00:00:00Z',
    ...extra,
  };
}

export function jobSummary(id: number, extra: Partial<JobSummary> = {}): JobSummary {
  return {
    id,
    kind: 'fit',
    state: 'queued',
    title: `Fit ${id}`,
    progress: 0,
    message: '',
    error: null,
    createdAt: '2026-11-25T10:00:00Z',
    startedAt: null,
    finishedAt: null,
    resultPresetId: null,
    ...extra,
  };
}
