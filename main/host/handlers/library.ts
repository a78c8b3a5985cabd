/** Library channels: browse, import, edit, remove, export and save blends (of a model's styles, or of any presets). */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Preset } from '../../core/library/catalogue.js';
import { findPresetByContent, getPreset, listCollections, listPresets, listTags } from '../../core/library/catalogue.js';
import { exportMix, exportPreset } from '../../core/library/export.js';
import type { ImportReport } from '../../core/library/import.js';
import { learnedLookInModel, libraryModelSummary } from '../../core/library/library-model.js';
import type { ModelRecord } from '../../core/library/models.js';
import { getModel, modelForLut } from '../../core/library/models.js';
import type { MixSource } from '../../core/library/mix-sources.js';
import { collectUnreferencedBlobs } from '../../core/library/garbage.js';
import { createBlend, createMix, editPreset, removePreset, restoreRemoval } from '../../core/library/preset-edits.js';
import { emptyTrash } from '../../core/library/trash.js';
import type { ImportResult, LearnedLookSummary, Look, ModelSummary, PresetDetail, PresetSummary } from '../../contract/contract.js';
import type { HandlerMap } from '../dispatch.js';
import { IpcFailure } from '../errors.js';
import { importOnThread } from '../import-thread.js';
import { stageUploads } from '../upload-staging.js';
import type { HostContext } from '../context.js';

type LibraryChannels =
  | 'library.list'
  | 'library.get'
  | 'library.tags'
  | 'library.import'
  | 'library.importFiles'
  | 'library.edit'
  | 'library.remove'
  | 'library.restore'
  | 'library.export'
  | 'library.saveBlend'
  | 'library.saveMix';

/** The renderer sees no storage internals (blob and content hashes). */
export function presetSummary(preset: Preset): PresetSummary {
  const { contentHash: _content, blobHash: _blob, ...summary } = preset;
  return summary;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Size of a stored file, or null when it is missing. */
function blobBytes(ctx: HostContext, hash: string): number | null {
  return statSync(ctx.library.blobs.pathOf(hash), { throwIfNoEntry: false })?.size ?? null;
}

function modelSummary(ctx: HostContext, record: ModelRecord): ModelSummary {
  const { library } = ctx;
  const metrics = record.metrics;
  return {
    id: record.id,
    units: record.architecture.units,
    layers: record.architecture.layers,
    parameters: record.parameters,
    bytes: blobBytes(ctx, record.blobHash) ?? 0,
    styles: record.styles.map((s) => ({ name: s.name, presetId: s.sourceHash ? (findPresetByContent(library, s.sourceHash)?.id ?? null) : null })),
    metrics: metrics
      ? { psnr: number(metrics.psnr), deltaE76: number(metrics.deltaE76), deltaE2000: number(metrics.deltaE2000), deltaE2000Max: number(metrics.deltaE2000Max) }
      : null,
  };
}

function learnedLookSummary(ctx: HostContext, presetId: number): LearnedLookSummary | null {
  const look = learnedLookInModel(ctx.library, presetId);
  if (!look) return null;
  const { size, bytes, fidelity, metGoal, current, shareOfLibraryModel } = look;
  return { size, bytes, deltaE2000: { ...fidelity }, metGoal, current, shareOfLibraryModel };
}

function presetDetail(ctx: HostContext, id: number): PresetDetail {
  const { library } = ctx;
  const preset = getPreset(library, id);
  const record = preset.modelId !== null ? getModel(library, preset.modelId) : preset.contentHash ? modelForLut(library, preset.contentHash) : undefined;
  const fileBytes = preset.blobHash ? blobBytes(ctx, preset.blobHash) : null;
  const learnedLook = preset.kind === 'lut' ? learnedLookSummary(ctx, id) : null;
  return { preset: presetSummary(preset), model: record ? modelSummary(ctx, record) : null, fileBytes, learnedLook };
}

/** What a Look grades with: a preset (a model's blend at its weights), or a mix of presets. */
export type LookTarget =
  | { readonly kind: 'preset'; readonly preset: Preset; readonly blend?: number[] }
  | { readonly kind: 'mix'; readonly sources: MixSource[]; readonly name: string };

/** The presets and weights a Look names, checked against the library (weights only for a blend of a model). */
export function lookTarget(ctx: HostContext, look: Look): LookTarget {
  if (look.kind === 'mix') {
    // getPreset names a source that is not (or no longer) in the library.
    const names = look.sources.map((s) => getPreset(ctx.library, s.presetId).name);
    return { kind: 'mix', sources: look.sources, name: names.join(' + ') };
  }
  const preset = getPreset(ctx.library, look.presetId);
  if (look.kind === 'preset') return { kind: 'preset', preset };
  if (preset.modelId === null)
    throw new IpcFailure('unavailable', `preset ${preset.id} (${preset.name}) is a ${preset.kind} without a model: only a model or a blend can be blended`);
  const styles = getModel(ctx.library, preset.modelId).architecture.styles;
  if (styles === 0) throw new IpcFailure('unavailable', `${preset.name} holds one style: there is nothing to blend`);
  if (look.weights.length !== styles)
    throw new IpcFailure('invalid-request', `${preset.name} has ${styles} styles, so a blend needs ${styles} weights, not ${look.weights.length}`);
  if (!look.weights.some((w) => w > 0)) throw new IpcFailure('invalid-request', 'blend weights must not all be 0');
  return { kind: 'preset', preset, blend: look.weights };
}

function toImportResult(report: ImportReport, rename: (file: string) => string = (f) => f): ImportResult {
  return {
    imported: report.imported.map((i) => ({ ...i, file: rename(i.file) })),
    duplicates: report.duplicates.map((d) => ({ ...d, file: rename(d.file) })),
    failed: report.failed.map((f) => ({ file: rename(f.file), error: f.error })),
    skipped: report.skipped.map(rename),
    learnJob: report.learnJob ?? null,
  };
}

export function libraryHandlers(ctx: HostContext, onJobQueued: () => void): Pick<HandlerMap, LibraryChannels> {
  const { library, grants, emit } = ctx;
  // A removal is undoable within the session that made it: a new host starts with an empty trash.
  if (emptyTrash(library) > 0) collectUnreferencedBlobs(library);
  const runImport = async (paths: string[], queueFits: boolean) => {
    // On a thread of its own: an import reads and parses files of hundreds of MB.
    const report = await importOnThread({ libraryDir: library.dir, paths, queueFits }, (p) =>
      emit('import.progress', { done: p.done, total: p.total, file: path.basename(p.file) }),
    );
    if (report.imported.length > 0) emit('library.changed', { reason: 'import' });
    if (report.learnJob !== undefined) onJobQueued();
    return report;
  };
  return {
    'library.list': ({ filter }) => listPresets(library, filter).map(presetSummary),
    'library.get': ({ id }) => presetDetail(ctx, id),
    'library.tags': () => ({ tags: listTags(library), collections: listCollections(library), model: libraryModelSummary(library) }),
    'library.import': async ({ paths, queueFits }) =>
      toImportResult(
        await runImport(
          paths.map((p) => grants.check(p, 'import path')),
          queueFits,
        ),
      ),
    'library.importFiles': async ({ files, queueFits }) => {
      // The browser has the bytes but no paths: stage them under their own names, import, clean up.
      const staged = await stageUploads(files);
      try {
        const report = await runImport([...staged.names.keys()], queueFits);
        return toImportResult(report, (file) => staged.names.get(file) ?? path.basename(file));
      } finally {
        await staged.dispose();
      }
    },
    'library.edit': (edit) => {
      const preset = editPreset(library, edit);
      emit('library.changed', { reason: 'edit' });
      return presetSummary(preset);
    },
    'library.remove': ({ ids }) => {
      const removed: number[] = [];
      const blendsRemoved: number[] = [];
      const trashIds: number[] = [];
      const handled = new Set<number>();
      for (const id of ids) {
        if (handled.has(id)) continue;
        // Kept in the trash: the window's Ctrl+Z puts it back ('library.restore').
        const report = removePreset(library, id, { keep: true });
        removed.push(...report.removed);
        blendsRemoved.push(...report.blendsRemoved);
        if (report.trashId !== null) trashIds.push(report.trashId);
        for (const gone of [...report.removed, ...report.blendsRemoved]) handled.add(gone);
      }
      emit('library.changed', { reason: 'remove' });
      return { removed, blendsRemoved, trashIds };
    },
    'library.restore': ({ trashIds }) => {
      // The last removal first: each was made with the ones before it already gone.
      const restored = [...trashIds].reverse().flatMap((trashId) => restoreRemoval(library, trashId));
      emit('library.changed', { reason: 'edit' });
      return { restored };
    },
    'library.export': async ({ look, path: destination, size, colourStrength, toneStrength, overwrite, title }) => {
      const file = grants.check(destination, 'export destination');
      const target = lookTarget(ctx, look);
      const strengths = { colour: colourStrength, tone: toneStrength };
      const result =
        target.kind === 'mix'
          ? await exportMix(library, target.sources, target.name, file, { size, strengths, overwrite, title })
          : await exportPreset(library, target.preset.id, file, { size, blend: target.blend, strengths, overwrite, title });
      return { file: result.file, format: result.format };
    },
    'library.saveBlend': ({ presetId, name, weights }) => {
      const target = lookTarget(ctx, { kind: 'blend', presetId, weights });
      if (target.kind !== 'preset') throw new IpcFailure('invalid-request', 'a blend of a model names its model preset');
      const blend = createBlend(library, target.preset.modelId!, name, weights);
      emit('library.changed', { reason: 'blend' });
      return presetSummary(blend);
    },
    'library.saveMix': ({ name, sources }) => {
      const mix = createMix(library, name, sources);
      emit('library.changed', { reason: 'blend' });
      return presetSummary(mix);
    },
  };
}
