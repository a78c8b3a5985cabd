/**
 * Changing presets: rename, tag, favourite, rate, notes, collections, named blends and removal.
 * Every change is one transaction and touches modified_at; removal collects the blobs nothing
 * refers to any more.
 */
import type { Preset } from './catalogue.js';
import { getPreset } from './catalogue.js';
import { collectUnreferencedBlobs } from './garbage.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { getModel } from './models.js';

function touch(library: Library, id: number): void {
  const info = library.db.prepare('UPDATE presets SET modified_at = ? WHERE id = ?').run(now(), id);
  if (info.changes === 0) throw new LibraryError(library.file, `has no preset ${id}`, 'not-found');
}

function edit(library: Library, id: number, change: () => void): Preset {
  library.db.transaction(() => {
    touch(library, id);
    change();
  }).immediate();
  return getPreset(library, id);
}

function cleanName(library: Library, name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new LibraryError(library.file, `${what} must be 1 to 200 characters, not ${JSON.stringify(name)}`, 'rejected');
  // eslint-disable-next-line no-control-regex -- names are shown and searched: no control characters
  if (/[\x00-\x1f]/.test(trimmed)) throw new LibraryError(library.file, `${what} must not hold control characters: ${JSON.stringify(name)}`, 'rejected');
  return trimmed;
}

export function renamePreset(library: Library, id: number, name: string): Preset {
  const clean = cleanName(library, name, 'a preset name');
  return edit(library, id, () => library.db.prepare('UPDATE presets SET name = ? WHERE id = ?').run(clean, id));
}

export function setFavourite(library: Library, id: number, favourite: boolean): Preset {
  return edit(library, id, () => library.db.prepare('UPDATE presets SET favourite = ? WHERE id = ?').run(favourite ? 1 : 0, id));
}

export function setRating(library: Library, id: number, rating: number): Preset {
  if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new LibraryError(library.file, `a rating is an integer from 0 to 5, not ${rating}`, 'rejected');
  return edit(library, id, () => library.db.prepare('UPDATE presets SET rating = ? WHERE id = ?').run(rating, id));
}

export function setNotes(library: Library, id: number, notes: string): Preset {
  if (notes.length > 10_000) throw new LibraryError(library.file, `notes are at most 10,000 characters (got ${notes.length})`, 'rejected');
  return edit(library, id, () => library.db.prepare('UPDATE presets SET notes = ? WHERE id = ?').run(notes, id));
}

export function addTags(library: Library, id: number, tags: readonly string[]): Preset {
  const clean = tags.map((t) => cleanName(library, t, 'a tag'));
  return edit(library, id, () => {
    for (const tag of clean) {
      library.db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(tag);
      library.db.prepare('INSERT OR IGNORE INTO preset_tags (preset_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(id, tag);
    }
  });
}

export function removeTags(library: Library, id: number, tags: readonly string[]): Preset {
  return edit(library, id, () => {
    for (const tag of tags) library.db.prepare('DELETE FROM preset_tags WHERE preset_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)').run(id, tag);
    library.db.prepare('DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM preset_tags)').run();
  });
}

export function addToCollection(library: Library, id: number, collection: string): Preset {
  const clean = cleanName(library, collection, 'a collection name');
  return edit(library, id, () => {
    library.db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(clean, now());
    library.db.prepare('INSERT OR IGNORE INTO collection_presets (collection_id, preset_id, added_at) SELECT id, ?, ? FROM collections WHERE name = ?').run(id, now(), clean);
  });
}

export function removeFromCollection(library: Library, id: number, collection: string): Preset {
  return edit(library, id, () => {
    library.db.prepare('DELETE FROM collection_presets WHERE preset_id = ? AND collection_id = (SELECT id FROM collections WHERE name = ?)').run(id, collection);
  });
}

export function listCollections(library: Library): { name: string; count: number }[] {
  return library.db
    .prepare('SELECT c.name, count(cp.preset_id) AS count FROM collections c LEFT JOIN collection_presets cp ON cp.collection_id = c.id GROUP BY c.id ORDER BY c.name COLLATE NOCASE')
    .all() as { name: string; count: number }[];
}

export function listTags(library: Library): { name: string; count: number }[] {
  return library.db
    .prepare('SELECT t.name, count(pt.preset_id) AS count FROM tags t JOIN preset_tags pt ON pt.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE')
    .all() as { name: string; count: number }[];
}

/** Saves a named blend of a model's styles; weights are normalised to sum to 1. */
export function createBlend(library: Library, modelId: number, name: string, weights: readonly number[]): Preset {
  const model = getModel(library, modelId);
  const styles = Math.max(1, model.architecture.styles);
  if (model.architecture.styles === 0) throw new LibraryError(library.file, `model ${modelId} holds one style: there is nothing to blend`, 'rejected');
  if (weights.length !== styles) throw new LibraryError(library.file, `model ${modelId} has ${styles} styles, so a blend needs ${styles} weights, not ${weights.length}`, 'rejected');
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new LibraryError(library.file, `blend weights must be finite and ≥ 0: ${weights.join(', ')}`, 'rejected');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new LibraryError(library.file, 'blend weights must not all be 0', 'rejected');
  const clean = cleanName(library, name, 'a blend name');
  const normalised = weights.map((w) => w / sum);
  const id = library.db.transaction(() => {
    const time = now();
    const info = library.db
      .prepare("INSERT INTO presets (name, kind, model_id, blend_weights, created_at, modified_at) VALUES (?, 'blend', ?, ?, ?, ?)")
      .run(clean, modelId, JSON.stringify(normalised), time, time);
    return Number(info.lastInsertRowid);
  }).immediate();
  return getPreset(library, id);
}

export interface RemovalReport {
  readonly removed: number[];
  /** Blends removed with a model they blend. */
  readonly blendsRemoved: number[];
  readonly blobsCollected: number;
}

/**
 * Removes a preset. Removing a model preset removes the model and the blends made from it
 * (they cannot exist without it); the report names them.
 */
export function removePreset(library: Library, id: number): RemovalReport {
  const preset = getPreset(library, id);
  const blendsRemoved: number[] = [];
  library.db.transaction(() => {
    if (preset.kind === 'model' && preset.modelId !== null) {
      for (const row of library.db.prepare("SELECT id FROM presets WHERE kind = 'blend' AND model_id = ?").all(preset.modelId) as { id: number }[]) blendsRemoved.push(row.id);
      library.db.prepare('DELETE FROM presets WHERE id = ?').run(id);
      // Cascades to the model's styles and blends.
      library.db.prepare('DELETE FROM models WHERE id = ? AND NOT EXISTS (SELECT 1 FROM presets WHERE kind = \'model\' AND model_id = ?)').run(preset.modelId, preset.modelId);
    } else {
      library.db.prepare('DELETE FROM presets WHERE id = ?').run(id);
    }
  }).immediate();
  const blobsCollected = collectUnreferencedBlobs(library);
  return { removed: [id], blendsRemoved, blobsCollected };
}
