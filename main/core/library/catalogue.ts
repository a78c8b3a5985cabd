/**
 * The catalogue: presets with their tags, collections and model, listed with filters and
 * sorting or found by full-text search (FTS5 over names, tags and notes); and the row writes
 * that preset-edits.ts, import.ts and job-runner.ts compose into their transactions.
 *
 * Owner of the presets, tags, preset_tags, collections and collection_presets tables and of
 * preset_search and preset_search_infix (the FTS5 tables, word and trigram: search-query.ts
 * says which a query uses; migrations 003's and 006's triggers keep them in step with presets
 * and preset_tags, so nothing here writes them): every statement on them is here, prepared once per
 * connection (the filtered list once per distinct filter shape). A mix's sources are
 * mix-sources.ts's, read here through the SQL it gives.
 */
import type { Library } from './library.js';
import type { PresetKind, SortKey } from '../../common/vocabulary.js';
import { LibraryError } from './errors.js';
import type { MixSource } from './mix-sources.js';
import { mixesUsingSql, mixSourcesJsonSql } from './mix-sources.js';
import { learnedLutSql } from './models.js';
import { searchQuery } from './search-query.js';
import { ownStatements, statementFor } from './statements.js';

export type { PresetKind, SortKey };

export interface Preset {
  readonly id: number;
  readonly name: string;
  readonly kind: PresetKind;
  readonly sourceFormat: string | null;
  readonly originalName: string | null;
  readonly latticeSize: number | null;
  readonly contentHash: string | null;
  readonly blobHash: string | null;
  readonly modelId: number | null;
  readonly blendWeights: number[] | null;
  /** A mix's sources and their weights (summing to 1), in order; null for other kinds. */
  readonly mixSources: MixSource[] | null;
  /** How many mixes blend this preset (they are removed with it). */
  readonly usedByMixes: number;
  readonly favourite: boolean;
  readonly rating: number;
  readonly notes: string;
  readonly tags: string[];
  readonly collections: string[];
  /** For a LUT: a learned model holds this look (fitted here or imported). */
  readonly hasModel: boolean;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

export interface PresetFilter {
  readonly kind?: PresetKind;
  readonly tag?: string;
  readonly collection?: string;
  readonly favourite?: boolean;
  readonly hasModel?: boolean;
  readonly minRating?: number;
  /** Full-text query over names, tags and notes: every word must match, inside words too (search-query.ts). */
  readonly text?: string;
  /** The format the preset was imported from ('cube', 'hald', 'nilut'...: the format registries' ids). */
  readonly sourceFormat?: string;
  readonly sort?: SortKey;
  readonly descending?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

interface PresetRow {
  id: number;
  name: string;
  kind: PresetKind;
  source_format: string | null;
  original_name: string | null;
  lattice_size: number | null;
  content_hash: string | null;
  blob_hash: string | null;
  model_id: number | null;
  blend_weights: string | null;
  favourite: number;
  rating: number;
  notes: string;
  created_at: string;
  modified_at: string;
  tag_list: string | null;
  collection_list: string | null;
  has_model: number;
  mix_sources: string | null;
  mixes_using: number;
}

// Tags and collections come back as one string each; \x1f (unit separator) cannot be typed
// into a name, so splitting on it is safe.
const SELECT_PRESET = `
  SELECT p.*,
    (SELECT group_concat(t.name, char(31)) FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = p.id) AS tag_list,
    (SELECT group_concat(c.name, char(31)) FROM collection_presets cp JOIN collections c ON c.id = cp.collection_id WHERE cp.preset_id = p.id) AS collection_list,
    (p.kind != 'lut' OR ${learnedLutSql('p.content_hash')}) AS has_model,
    CASE WHEN p.kind = 'mix' THEN ${mixSourcesJsonSql('p.id')} END AS mix_sources,
    ${mixesUsingSql('p.id')} AS mixes_using
  FROM presets p`;

const statements = ownStatements({
  byId: `${SELECT_PRESET} WHERE p.id = ?`,
  storedRow: 'SELECT * FROM presets WHERE id = ?',
  restoreRow: `INSERT INTO presets (id, name, kind, source_format, original_name, lattice_size, content_hash, blob_hash, model_id, blend_weights, favourite, rating, notes, created_at, modified_at)
    VALUES (@id, @name, @kind, @source_format, @original_name, @lattice_size, @content_hash, @blob_hash, @model_id, @blend_weights, @favourite, @rating, @notes, @created_at, @modified_at)`,
  byContent: `${SELECT_PRESET} WHERE p.content_hash = ?`,
  count: { pluck: 'SELECT count(*) FROM presets' },
  insertLut: `INSERT INTO presets (name, kind, source_format, original_name, lattice_size, content_hash, blob_hash, created_at, modified_at)
    VALUES (?, 'lut', ?, ?, ?, ?, ?, ?, ?)`,
  insertModel: `INSERT INTO presets (name, kind, source_format, original_name, content_hash, blob_hash, model_id, created_at, modified_at)
    VALUES (?, 'model', ?, ?, ?, ?, ?, ?, ?)`,
  insertBlend: "INSERT INTO presets (name, kind, model_id, blend_weights, created_at, modified_at) VALUES (?, 'blend', ?, ?, ?, ?)",
  insertMix: "INSERT INTO presets (name, kind, created_at, modified_at) VALUES (?, 'mix', ?, ?)",
  touch: 'UPDATE presets SET modified_at = ? WHERE id = ?',
  setName: 'UPDATE presets SET name = ? WHERE id = ?',
  setFavourite: 'UPDATE presets SET favourite = ? WHERE id = ?',
  setRating: 'UPDATE presets SET rating = ? WHERE id = ?',
  setNotes: 'UPDATE presets SET notes = ? WHERE id = ?',
  remove: 'DELETE FROM presets WHERE id = ?',
  blendsOf: { pluck: "SELECT id FROM presets WHERE kind = 'blend' AND model_id = ?" },
  modelPresetOf: "SELECT 1 FROM presets WHERE kind = 'model' AND model_id = ?",
  blobHashes: { pluck: 'SELECT blob_hash FROM presets WHERE blob_hash IS NOT NULL' },
  insertTag: 'INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING',
  tag: 'INSERT OR IGNORE INTO preset_tags (preset_id, tag_id) SELECT ?, id FROM tags WHERE name = ?',
  untag: 'DELETE FROM preset_tags WHERE preset_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  dropUnusedTags: 'DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM preset_tags)',
  insertCollection: 'INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
  collect: 'INSERT OR IGNORE INTO collection_presets (collection_id, preset_id, added_at) SELECT id, ?, ? FROM collections WHERE name = ?',
  uncollect: 'DELETE FROM collection_presets WHERE preset_id = ? AND collection_id = (SELECT id FROM collections WHERE name = ?)',
  collections:
    'SELECT c.name, count(cp.preset_id) AS count FROM collections c LEFT JOIN collection_presets cp ON cp.collection_id = c.id GROUP BY c.id ORDER BY c.name COLLATE NOCASE',
  tags: 'SELECT t.name, count(pt.preset_id) AS count FROM tags t JOIN preset_tags pt ON pt.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE',
});

function toPreset(row: PresetRow): Preset {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    sourceFormat: row.source_format,
    originalName: row.original_name,
    latticeSize: row.lattice_size,
    contentHash: row.content_hash,
    blobHash: row.blob_hash,
    modelId: row.model_id,
    blendWeights: row.blend_weights === null ? null : (JSON.parse(row.blend_weights) as number[]),
    mixSources: row.mix_sources === null ? null : (JSON.parse(row.mix_sources) as [number, number][]).map(([presetId, weight]) => ({ presetId, weight })),
    usedByMixes: row.mixes_using,
    favourite: row.favourite === 1,
    rating: row.rating,
    notes: row.notes,
    tags: row.tag_list ? row.tag_list.split('\x1f').sort() : [],
    collections: row.collection_list ? row.collection_list.split('\x1f').sort() : [],
    hasModel: row.has_model === 1,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

export function getPreset(library: Library, id: number): Preset {
  const row = statements(library).byId.get(id) as PresetRow | undefined;
  if (!row) throw new LibraryError(library.file, `has no preset ${id}`, 'not-found');
  return toPreset(row);
}

export function findPresetByContent(library: Library, contentHash: string): Preset | undefined {
  const row = statements(library).byContent.get(contentHash) as PresetRow | undefined;
  return row && toPreset(row);
}

const SORT_COLUMNS: Record<SortKey, string> = {
  name: 'p.name COLLATE NOCASE',
  created: 'p.created_at',
  modified: 'p.modified_at',
  rating: 'p.rating',
};

export function listPresets(library: Library, filter: PresetFilter = {}): Preset[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const condition = (sql: string, value: unknown): void => {
    where.push(sql);
    params.push(value);
  };
  if (filter.kind) condition('p.kind = ?', filter.kind);
  if (filter.sourceFormat) condition('p.source_format = ?', filter.sourceFormat);
  if (filter.favourite !== undefined) condition('p.favourite = ?', filter.favourite ? 1 : 0);
  if (filter.minRating !== undefined) condition('p.rating >= ?', filter.minRating);
  if (filter.tag) {
    where.push('EXISTS (SELECT 1 FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = p.id AND t.name = ?)');
    params.push(filter.tag);
  }
  if (filter.collection) {
    where.push('EXISTS (SELECT 1 FROM collection_presets cp JOIN collections c ON c.id = cp.collection_id WHERE cp.preset_id = p.id AND c.name = ?)');
    params.push(filter.collection);
  }
  if (filter.hasModel !== undefined) {
    where.push(`(p.kind != 'lut' OR ${learnedLutSql('p.content_hash')}) = ?`);
    params.push(filter.hasModel ? 1 : 0);
  }
  let order = `${SORT_COLUMNS[filter.sort ?? 'name']} ${filter.descending ? 'DESC' : 'ASC'}, p.id`;
  let join = '';
  if (filter.text !== undefined) {
    const query = searchQuery(filter.text);
    if (!query) return [];
    const indexes: [string, string | undefined][] = [
      ['preset_search_infix', query.infix],
      ['preset_search', query.prefix],
    ];
    const matches = indexes.filter((m): m is [string, string] => m[1] !== undefined);
    join = matches.map(([table]) => `JOIN ${table} ON ${table}.rowid = p.id`).join(' ');
    where.unshift(...matches.map(([table]) => `${table} MATCH ?`));
    params.unshift(...matches.map(([, match]) => match));
    // With a search and no explicit sort, the best matches come first.
    if (!filter.sort) order = `${matches[0][0]}.rank, p.id`;
  }
  const sql = `${SELECT_PRESET} ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`;
  params.push(filter.limit ?? -1, filter.offset ?? 0);
  return (statementFor(library, sql).all(...params) as PresetRow[]).map(toPreset);
}

export function countPresets(library: Library): number {
  return statements(library).count.get() as number;
}

export function listCollections(library: Library): { name: string; count: number }[] {
  return statements(library).collections.all() as { name: string; count: number }[];
}

export function listTags(library: Library): { name: string; count: number }[] {
  return statements(library).tags.all() as { name: string; count: number }[];
}

/** A preset row as an importer or a fit writes it; the blob is stored already. */
export interface NewPresetRow {
  readonly name: string;
  readonly sourceFormat: string;
  readonly originalName: string;
  readonly contentHash: string;
  readonly blobHash: string;
}

export function insertLutPreset(library: Library, row: NewPresetRow & { readonly latticeSize: number }, time: string): number {
  const info = statements(library).insertLut.run(row.name, row.sourceFormat, row.originalName, row.latticeSize, row.contentHash, row.blobHash, time, time);
  return Number(info.lastInsertRowid);
}

/** A model preset names its model's blob (the .nilut) and the model. */
export function insertModelPreset(library: Library, row: NewPresetRow & { readonly modelId: number }, time: string): number {
  const info = statements(library).insertModel.run(row.name, row.sourceFormat, row.originalName, row.contentHash, row.blobHash, row.modelId, time, time);
  return Number(info.lastInsertRowid);
}

export function insertBlendPreset(library: Library, name: string, modelId: number, weights: readonly number[], time: string): number {
  return Number(statements(library).insertBlend.run(name, modelId, JSON.stringify(weights), time, time).lastInsertRowid);
}

/** A mix preset's row; its sources are written by mix-sources.ts in the same transaction. */
export function insertMixPreset(library: Library, name: string, time: string): number {
  return Number(statements(library).insertMix.run(name, time, time).lastInsertRowid);
}

/** Sets modified_at; false when there is no such preset. */
export function touchPreset(library: Library, id: number, time: string): boolean {
  return statements(library).touch.run(time, id).changes > 0;
}

const FIELDS = { name: 'setName', favourite: 'setFavourite', rating: 'setRating', notes: 'setNotes' } as const;

/** Writes one of a preset's own fields (validated by the caller). */
export function updatePresetField(library: Library, id: number, field: keyof typeof FIELDS, value: string | number): void {
  statements(library)[FIELDS[field]].run(value, id);
}

export function tagPreset(library: Library, id: number, tag: string): void {
  statements(library).insertTag.run(tag);
  statements(library).tag.run(id, tag);
}

export function untagPreset(library: Library, id: number, tag: string): void {
  statements(library).untag.run(id, tag);
}

/** Deletes the tags no preset carries any more. */
export function dropUnusedTags(library: Library): void {
  statements(library).dropUnusedTags.run();
}

export function collectPreset(library: Library, id: number, collection: string, time: string): void {
  statements(library).insertCollection.run(collection, time);
  statements(library).collect.run(id, time, collection);
}

export function uncollectPreset(library: Library, id: number, collection: string): void {
  statements(library).uncollect.run(id, collection);
}

/** Deletes a preset row; its tags, collection entries, thumbnails and search row go with it. */
export function deletePresetRow(library: Library, id: number): void {
  statements(library).remove.run(id);
}

/** The blend presets made from a model. */
export function blendsOfModel(library: Library, modelId: number): number[] {
  return statements(library).blendsOf.all(modelId) as number[];
}

/** Whether a model preset still names this model. */
export function modelHasPreset(library: Library, modelId: number): boolean {
  return statements(library).modelPresetOf.get(modelId) !== undefined;
}

/** The blobs the presets name (for collecting the unreferenced ones). */
export function presetBlobHashes(library: Library): string[] {
  return statements(library).blobHashes.all() as string[];
}

/** A preset's row as stored, with its tags and collections by name: what the trash keeps of it. */
export interface StoredPreset {
  readonly row: Record<string, unknown>;
  readonly tags: string[];
  readonly collections: string[];
}

export function storedPreset(library: Library, id: number): StoredPreset {
  const { tags, collections } = getPreset(library, id);
  return { row: statements(library).storedRow.get(id) as Record<string, unknown>, tags, collections };
}

/** Puts a preset back as storedPreset gave it, under its own id; call inside a transaction. */
export function restoreStoredPreset(library: Library, stored: StoredPreset, time: string): void {
  const id = Number(stored.row.id);
  if (statements(library).storedRow.get(id))
    throw new LibraryError(library.file, `cannot put back preset ${id} (${String(stored.row.name)}): another preset has its id now`, 'rejected');
  statements(library).restoreRow.run(stored.row);
  for (const tag of stored.tags) tagPreset(library, id, tag);
  for (const collection of stored.collections) collectPreset(library, id, collection, time);
}
