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
import { insertMixSources, mixesDependingOn } from './mix-sources.js';
import { deleteModel, getModel } from './models.js';

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

/** Saves a named blend of a model's styles; weights are normalised to sum to 1. */
export function createBlend(library: Library, modelId: number, name: string, weights: readonly number[]): Preset {
  const model = getModel(library, modelId);
  const styles = Math.max(1, model.architecture.styles);
  if (model.architecture.styles === 0) throw new LibraryError(library.file, `model ${modelId} holds one style: there is nothing to blend`, 'rejected');
  if (weights.length !== styles)
    throw new LibraryError(library.file, `model ${modelId} has ${styles} styles, so a blend needs ${styles} weights, not ${weights.length}`, 'rejected');
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new LibraryError(library.file, `blend weights must be finite and ≥ 0: ${weights.join(', ')}`, 'rejected');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new LibraryError(library.file, 'blend weights must not all be 0', 'rejected');
  const clean = cleanName(library, name, 'a blend name');
  const normalised = weights.map((w) => w / sum);
  const id = library.db.transaction(() => insertBlendPreset(library, clean, modelId, normalised, now())).immediate();
  return getPreset(library, id);
}

/**
 * Saves a blend of any presets (LUTs, models, model blends, other mixes) as a preset of its
 * own: its sources and weights, normalised to sum to 1, not a copy of any pixels or lattice.
 */
export function createMix(library: Library, name: string, sources: readonly MixSource[]): Preset {
  const clean = cleanName(library, name, 'a blend name');
  const kept = sources.filter((s) => s.weight > 0);
  if (sources.some((s) => !Number.isFinite(s.weight) || s.weight < 0))
    throw new LibraryError(library.file, `blend weights must be finite and ≥ 0: ${sources.map((s) => s.weight).join(', ')}`, 'rejected');
  if (kept.length === 0) throw new LibraryError(library.file, 'blend weights must not all be 0', 'rejected');
  if (sources.length > MAX_BLEND_LOOKS)
    throw new LibraryError(library.file, `a blend holds at most ${MAX_BLEND_LOOKS} looks, not ${sources.length}`, 'rejected');
  const ids = kept.map((s) => s.presetId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new LibraryError(library.file, `preset ${repeated} is given twice: give each look once, with its whole weight`, 'rejected');
  const sum = kept.reduce((a, s) => a + s.weight, 0);
  const id = library.db
    .transaction(() => {
      // Each source must exist (getPreset says which does not); the table refuses dangling ids too.
      for (const source of kept) getPreset(library, source.presetId);
      const mixId = insertMixPreset(library, clean, now());
      insertMixSources(
        library,
        mixId,
        kept.map((s) => ({ presetId: s.presetId, weight: s.weight / sum })),
      );
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
}

/**
 * Removes a preset. Removing a model preset removes the model and the blends made from it
 * (they cannot exist without it); any preset takes the mixes that blend it (directly or
 * through other mixes) with it. The report names them all.
 */
export function removePreset(library: Library, id: number): RemovalReport {
  const preset = getPreset(library, id);
  const blendsRemoved: number[] = [];
  library.db
    .transaction(() => {
      // The mixes first, users before what they use: a source cannot go while a mix names it.
      // A model's blends can be mixed too, so theirs go as well.
      const blends = preset.kind === 'model' && preset.modelId !== null ? blendsOfModel(library, preset.modelId) : [];
      for (const source of [id, ...blends])
        for (const mix of mixesDependingOn(library, source)) {
          if (blendsRemoved.includes(mix)) continue;
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
    })
    .immediate();
  const blobsCollected = collectUnreferencedBlobs(library);
  return { removed: [id], blendsRemoved, blobsCollected };
}
