/**
 * Reading the catalogue: presets with their tags, collections and model, listed with filters
 * and sorting or found by full-text search (FTS5 over names, tags and notes).
 */
import type { Library } from './library.js';
import type { PresetKind, SortKey } from '../../common/vocabulary.js';
import { LibraryError } from './errors.js';

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
  /** Full-text query over names, tags and notes (word prefixes, all must match). */
  readonly text?: string;
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
}

// Tags and collections come back as one string each; \x1f (unit separator) cannot be typed
// into a name, so splitting on it is safe.
const SELECT_PRESET = `
  SELECT p.*,
    (SELECT group_concat(t.name, char(31)) FROM preset_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.preset_id = p.id) AS tag_list,
    (SELECT group_concat(c.name, char(31)) FROM collection_presets cp JOIN collections c ON c.id = cp.collection_id WHERE cp.preset_id = p.id) AS collection_list,
    (p.kind != 'lut' OR EXISTS (SELECT 1 FROM model_styles s WHERE s.source_hash = p.content_hash)) AS has_model
  FROM presets p`;

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
  const row = library.db.prepare(`${SELECT_PRESET} WHERE p.id = ?`).get(id) as PresetRow | undefined;
  if (!row) throw new LibraryError(library.file, `has no preset ${id}`, 'not-found');
  return toPreset(row);
}

export function findPresetByContent(library: Library, contentHash: string): Preset | undefined {
  const row = library.db.prepare(`${SELECT_PRESET} WHERE p.content_hash = ?`).get(contentHash) as PresetRow | undefined;
  return row && toPreset(row);
}

/**
 * Turns what a person types into an FTS5 query: each word a quoted prefix term, all required,
 * so punctuation in the input can never be read as FTS5 syntax.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  return words.map((w) => `"${w}"*`).join(' AND ');
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
    where.push(`(p.kind != 'lut' OR EXISTS (SELECT 1 FROM model_styles s WHERE s.source_hash = p.content_hash)) = ?`);
    params.push(filter.hasModel ? 1 : 0);
  }
  let order = `${SORT_COLUMNS[filter.sort ?? 'name']} ${filter.descending ? 'DESC' : 'ASC'}, p.id`;
  let join = '';
  if (filter.text !== undefined) {
    const query = ftsQuery(filter.text);
    if (!query) return [];
    join = 'JOIN preset_search ON preset_search.rowid = p.id';
    where.unshift('preset_search MATCH ?');
    params.unshift(query);
    // With a search and no explicit sort, the best matches come first.
    if (!filter.sort) order = 'preset_search.rank, p.id';
  }
  const sql = `${SELECT_PRESET} ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`;
  params.push(filter.limit ?? -1, filter.offset ?? 0);
  return (library.db.prepare(sql).all(...params) as PresetRow[]).map(toPreset);
}

export function countPresets(library: Library): number {
  return (library.db.prepare('SELECT count(*) AS n FROM presets').get() as { n: number }).n;
}
