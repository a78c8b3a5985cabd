/**
 * Changing presets: rename, tag, favourite, rate, notes, collections, named blends and removal.
 * Every change is one transaction and touches modified_at; removal collects the blobs nothing
 * refers to any more. No SQL here: the rows are written through their owners (catalogue.ts for
 * presets, tags and collections; models.ts for models).
 */
import type { Preset } from './catalogue.js';
import {
  blendsOfModel,
  collectPreset,
  deletePresetRow,
  dropUnusedTags,
  getPreset,
  insertBlendPreset,
  insertMixPreset,
  modelHasPreset,
  restoreStoredPreset,
  storedPreset,
  tagPreset,
  touchPreset,
  uncollectPreset,
  untagPreset,
  updatePresetField,
} from './catalogue.js';
import { collectUnreferencedBlobs } from './garbage.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { MAX_BLEND_LOOKS } from '../../common/blend-limits.js';
import type { MixSource } from './mix-sources.js';
import { insertMixSources, mixesDependingOn, sourcesOfMix } from './mix-sources.js';
import { deleteModel, getModel, restoreModel } from './models.js';
import { restoreLearnedLook, storedLearnedLook } from './learned-looks.js';
import { putInTrash, takeFromTrash } from './trash.js';
import type { StoredPreset } from './catalogue.js';
import type { ModelRecord } from './models.js';
import type { StoredLearnedLook } from './learned-looks.js';

function touch(library: Library, id: number): void {
  if (!touchPreset(library, id, now())) throw new LibraryError(library.file, `has no preset ${id}`, 'not-found');
}

function edit(library: Library, id: number, change: () => void): Preset {
  library.db
    .transaction(() => {
      touch(library, id);
      change();
    })
    .immediate();
  return getPreset(library, id);
}

function cleanName(library: Library, name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200)
    throw new LibraryError(library.file, `${what} must be 1 to 200 characters, not ${JSON.stringify(name)}`, 'rejected');
  // eslint-disable-next-line no-control-regex -- names are shown and searched: no control characters
  if (/[\x00-\x1f]/.test(trimmed)) throw new LibraryError(library.file, `${what} must not hold control characters: ${JSON.stringify(name)}`, 'rejected');
  return trimmed;
}

export function renamePreset(library: Library, id: number, name: string): Preset {
  const clean = cleanName(library, name, 'a preset name');
  return edit(library, id, () => updatePresetField(library, id, 'name', clean));
}

export function setFavourite(library: Library, id: number, favourite: boolean): Preset {
  return edit(library, id, () => updatePresetField(library, id, 'favourite', favourite ? 1 : 0));
}

export function setRating(library: Library, id: number, rating: number): Preset {
  if (!Number.isInteger(rating) || rating < 0 || rating > 5)
    throw new LibraryError(library.file, `a rating is an integer from 0 to 5, not ${rating}`, 'rejected');
  return edit(library, id, () => updatePresetField(library, id, 'rating', rating));
}

export function setNotes(library: Library, id: number, notes: string): Preset {
  if (notes.length > 10_000) throw new LibraryError(library.file, `notes are at most 10,000 characters (got ${notes.length})`, 'rejected');
  return edit(library, id, () => updatePresetField(library, id, 'notes', notes));
}

export function addTags(library: Library, id: number, tags: readonly string[]): Preset {
  const clean = tags.map((t) => cleanName(library, t, 'a tag'));
  return edit(library, id, () => {
    for (const tag of clean) tagPreset(library, id, tag);
  });
}

export function removeTags(library: Library, id: number, tags: readonly string[]): Preset {
  return edit(library, id, () => {
    for (const tag of tags) untagPreset(library, id, tag);
    dropUnusedTags(library);
  });
}

export function addToCollection(library: Library, id: number, collection: string): Preset {
  const clean = cleanName(library, collection, 'a collection name');
  return edit(library, id, () => collectPreset(library, id, clean, now()));
}

export function removeFromCollection(library: Library, id: number, collection: string): Preset {
  return edit(library, id, () => uncollectPreset(library, id, collection));
}

/** What one edit of a preset may change; what is absent stays as it is. */
export interface PresetEdit {
  readonly id: number;
  readonly name?: string;
  readonly favourite?: boolean;
  readonly rating?: number;
  readonly notes?: string;
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
  readonly addToCollection?: string;
  readonly removeFromCollection?: string;
}

/** Applies every change of one edit in one transaction: all of them, or none when one is refused. */
export function editPreset(library: Library, edit: PresetEdit): Preset {
  return library.db
    .transaction(() => {
      if (edit.name !== undefined) renamePreset(library, edit.id, edit.name);
      if (edit.favourite !== undefined) setFavourite(library, edit.id, edit.favourite);
      if (edit.rating !== undefined) setRating(library, edit.id, edit.rating);
      if (edit.notes !== undefined) setNotes(library, edit.id, edit.notes);
      if (edit.addTags?.length) addTags(library, edit.id, edit.addTags);
      if (edit.removeTags?.length) removeTags(library, edit.id, edit.removeTags);
      if (edit.addToCollection !== undefined) addToCollection(library, edit.id, edit.addToCollection);
      if (edit.removeFromCollection !== undefined) removeFromCollection(library, edit.id, edit.removeFromCollection);
      return getPreset(library, edit.id);
    })
    .immediate();
}

/** Blend weights normalised to sum to 1, or the reason they cannot be. */
function normalisedWeights(library: Library, weights: readonly number[]): number[] {
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new LibraryError(library.file, `blend weights must be finite and ≥ 0: ${weights.join(', ')}`, 'rejected');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new LibraryError(library.file, 'blend weights must not all be 0', 'rejected');
  return weights.map((w) => w / sum);
}

/** Saves a named blend of a model's styles; weights are normalised to sum to 1. */
export function createBlend(library: Library, modelId: number, name: string, weights: readonly number[]): Preset {
  const model = getModel(library, modelId);
  const styles = Math.max(1, model.architecture.styles);
  if (model.architecture.styles === 0) throw new LibraryError(library.file, `model ${modelId} holds one style: there is nothing to blend`, 'rejected');
  if (weights.length !== styles)
    throw new LibraryError(library.file, `model ${modelId} has ${styles} styles, so a blend needs ${styles} weights, not ${weights.length}`, 'rejected');
  const normalised = normalisedWeights(library, weights);
  const clean = cleanName(library, name, 'a blend name');
  const id = library.db.transaction(() => insertBlendPreset(library, clean, modelId, normalised, now())).immediate();
  return getPreset(library, id);
}

/**
 * Saves a blend of any presets (LUTs, models, model blends, other mixes) as a preset of its
 * own: its sources and weights, normalised to sum to 1, not a copy of any pixels or lattice.
 */
export function createMix(library: Library, name: string, sources: readonly MixSource[]): Preset {
  const clean = cleanName(library, name, 'a blend name');
  const weights = normalisedWeights(
    library,
    sources.map((s) => s.weight),
  );
  const kept = sources.map((s, i) => ({ presetId: s.presetId, weight: weights[i] })).filter((s) => s.weight > 0);
  if (sources.length > MAX_BLEND_LOOKS)
    throw new LibraryError(library.file, `a blend holds at most ${MAX_BLEND_LOOKS} looks, not ${sources.length}`, 'rejected');
  const ids = kept.map((s) => s.presetId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new LibraryError(library.file, `preset ${repeated} is given twice: give each look once, with its whole weight`, 'rejected');
  const id = library.db
    .transaction(() => {
      // Each source must exist (getPreset says which does not); the table refuses dangling ids too.
      for (const source of kept) getPreset(library, source.presetId);
      const mixId = insertMixPreset(library, clean, now());
      insertMixSources(library, mixId, kept);
      return mixId;
    })
    .immediate();
  return getPreset(library, id);
}

export interface RemovalReport {
  readonly removed: number[];
  /** Blends removed with a preset they blend: a model's blends, and the mixes using the preset. */
  readonly blendsRemoved: number[];
  readonly blobsCollected: number;
  /** Where the removal is kept, for restoreRemoval (until the trash is emptied); null when not kept. */
  readonly trashId: number | null;
}

/** Everything one removal deleted, as the trash keeps it (JSON). */
interface Removal {
  /** Sources before the mixes that use them: the order to put them back in. */
  readonly presets: StoredPreset[];
  readonly mixSources: { readonly mixId: number; readonly sources: MixSource[] }[];
  readonly model: ModelRecord | null;
  readonly looks: StoredLearnedLook[];
}

function removalOf(library: Library, ids: readonly number[], modelId: number | null): { removal: Removal; blobs: string[] } {
  const presets = ids.map((id) => storedPreset(library, id));
  const model = modelId === null ? null : getModel(library, modelId);
  const removal: Removal = {
    presets,
    mixSources: ids.map((id) => ({ mixId: id, sources: sourcesOfMix(library, id) })).filter((m) => m.sources.length > 0),
    model,
    looks: ids.map((id) => storedLearnedLook(library, id)).filter((l) => l !== undefined),
  };
  const blobs = [...presets.map((p) => p.row.blob_hash), model?.blobHash].filter((h): h is string => typeof h === 'string');
  return { removal, blobs };
}

/**
 * Removes a preset. Removing a model preset removes the model and the blends made from it
 * (they cannot exist without it); any preset takes the mixes that blend it (directly or
 * through other mixes) with it. The report names them all. With `keep` (the app, whose Ctrl+Z
 * undoes it) everything removed is kept in the trash (trash.ts) for restoreRemoval, its stored
 * files with it until the trash is emptied; otherwise (the CLI) files nothing uses go at once.
 */
export function removePreset(library: Library, id: number, options: { readonly keep?: boolean } = {}): RemovalReport {
  const preset = getPreset(library, id);
  const blendsRemoved: number[] = [];
  const trashId = library.db
    .transaction(() => {
      // The mixes first, users before what they use: a source cannot go while a mix names it.
      // A model's blends can be mixed too, so theirs go as well.
      const blends = preset.kind === 'model' && preset.modelId !== null ? blendsOfModel(library, preset.modelId) : [];
      const mixes: number[] = [];
      for (const source of [id, ...blends]) for (const mix of mixesDependingOn(library, source)) if (!mixes.includes(mix)) mixes.push(mix);
      // Kept in the order to put back: what is used before what uses it. A model preset's model
      // is kept whole; restoring puts it back only if it went.
      let kept: number | null = null;
      if (options.keep) {
        const { removal, blobs } = removalOf(library, [id, ...blends, ...[...mixes].reverse()], preset.kind === 'model' ? preset.modelId : null);
        kept = putInTrash(library, removal, blobs);
      }
      for (const mix of mixes) {
        deletePresetRow(library, mix);
        blendsRemoved.push(mix);
      }
      if (preset.kind === 'model' && preset.modelId !== null) {
        blendsRemoved.push(...blends);
        deletePresetRow(library, id);
        // Cascades to the model's styles and blends.
        if (!modelHasPreset(library, preset.modelId)) deleteModel(library, preset.modelId);
      } else {
        deletePresetRow(library, id);
      }
      return kept;
    })
    .immediate();
  const blobsCollected = collectUnreferencedBlobs(library);
  return { removed: [id], blendsRemoved, blobsCollected, trashId };
}

/** Puts back what a removal took, under the same ids, with tags, collections, blends and looks; returns the ids. */
export function restoreRemoval(library: Library, trashId: number): number[] {
  return library.db
    .transaction(() => {
      const removal = takeFromTrash(library, trashId) as Removal;
      const time = now();
      if (removal.model) restoreModel(library, removal.model);
      for (const preset of removal.presets) restoreStoredPreset(library, preset, time);
      for (const { mixId, sources } of removal.mixSources) insertMixSources(library, mixId, sources);
      for (const look of removal.looks) restoreLearnedLook(library, look);
      return removal.presets.map((p) => Number(p.row.id));
    })
    .immediate();
}
