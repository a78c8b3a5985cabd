/**
 * Model rows: a learned NILUT's architecture, styles (in input order) and its .nilut blob.
 *
 * Owner of the models and model_styles tables: every statement on them is here, prepared once
 * per connection; the catalogue asks whether a LUT is learned through learnedLutSql().
 */
import type { NilutArchitecture } from '../nilut/architecture.js';
import type { StyleInfo } from '../nilut/nilut-file.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { ownStatements } from './statements.js';

const statements = ownStatements({
  insert: 'INSERT INTO models (blob_hash, units, layers, styles, parameters, training, metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  restore: 'INSERT INTO models (id, blob_hash, units, layers, styles, parameters, training, metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  insertStyle: 'INSERT INTO model_styles (model_id, position, name, source_hash) VALUES (?, ?, ?, ?)',
  byId: 'SELECT * FROM models WHERE id = ?',
  styles: 'SELECT name, source_hash AS sourceHash FROM model_styles WHERE model_id = ? ORDER BY position',
  forLut: { pluck: 'SELECT m.id FROM model_styles s JOIN models m ON m.id = s.model_id WHERE s.source_hash = ? ORDER BY m.styles ASC, m.id DESC LIMIT 1' },
  remove: 'DELETE FROM models WHERE id = ?',
  blobHashes: { pluck: 'SELECT blob_hash FROM models' },
});

/**
 * The condition "a model learned the LUT whose content hash is `contentHash`" as an SQL
 * expression, for the catalogue's queries to embed (its filters and sort run in one query).
 */
export function learnedLutSql(contentHash: string): string {
  return `EXISTS (SELECT 1 FROM model_styles s WHERE s.source_hash = ${contentHash})`;
}

export interface NewModel {
  readonly nilutBytes: Uint8Array;
  readonly architecture: NilutArchitecture;
  readonly parameters: number;
  readonly styles: readonly StyleInfo[];
  readonly training?: Record<string, unknown>;
  readonly metrics?: Record<string, unknown>;
}

export interface ModelRecord {
  readonly id: number;
  readonly blobHash: string;
  readonly architecture: NilutArchitecture;
  readonly parameters: number;
  readonly styles: { name: string; sourceHash: string | null }[];
  readonly training: Record<string, unknown> | null;
  readonly metrics: Record<string, unknown> | null;
  readonly createdAt: string;
}

/** Stores the blob and inserts the model and its styles; call inside a transaction. */
export function insertModel(library: Library, model: NewModel): { modelId: number; blobHash: string } {
  const blob = library.blobs.put(model.nilutBytes);
  const { units, layers, styles } = model.architecture;
  const info = statements(library).insert.run(
    blob,
    units,
    layers,
    styles,
    model.parameters,
    model.training ? JSON.stringify(model.training) : null,
    model.metrics ? JSON.stringify(model.metrics) : null,
    now(),
  );
  const modelId = Number(info.lastInsertRowid);
  const { insertStyle } = statements(library);
  model.styles.forEach((style, position) => insertStyle.run(modelId, position, style.name, style.sourceHash ?? null));
  return { modelId, blobHash: blob };
}

interface ModelRow {
  id: number;
  blob_hash: string;
  units: number;
  layers: number;
  styles: number;
  parameters: number;
  training: string | null;
  metrics: string | null;
  created_at: string;
}

export function getModel(library: Library, id: number): ModelRecord {
  const row = statements(library).byId.get(id) as ModelRow | undefined;
  if (!row) throw new LibraryError(library.file, `has no model ${id}`, 'not-found');
  const styles = statements(library).styles.all(id) as { name: string; sourceHash: string | null }[];
  return {
    id: row.id,
    blobHash: row.blob_hash,
    architecture: { units: row.units, layers: row.layers, styles: row.styles },
    parameters: row.parameters,
    styles,
    training: row.training ? (JSON.parse(row.training) as Record<string, unknown>) : null,
    metrics: row.metrics ? (JSON.parse(row.metrics) as Record<string, unknown>) : null,
    createdAt: row.created_at,
  };
}

/** The newest model that learned the LUT with this content hash (single-style models first). */
export function modelForLut(library: Library, contentHash: string): ModelRecord | undefined {
  const id = statements(library).forLut.get(contentHash) as number | undefined;
  return id === undefined ? undefined : getModel(library, id);
}

/** Puts back a model as getModel gave it, under its own id, unless it is still there (undoing a removal); call inside a transaction. */
export function restoreModel(library: Library, model: ModelRecord): void {
  if (statements(library).byId.get(model.id)) return;
  const { units, layers, styles } = model.architecture;
  const json = (v: Record<string, unknown> | null) => (v ? JSON.stringify(v) : null);
  statements(library).restore.run(
    model.id,
    model.blobHash,
    units,
    layers,
    styles,
    model.parameters,
    json(model.training),
    json(model.metrics),
    model.createdAt,
  );
  model.styles.forEach((style, position) => statements(library).insertStyle.run(model.id, position, style.name, style.sourceHash));
}

/** Deletes a model; its styles and the presets made from it (its blends) go with it (ON DELETE CASCADE). */
export function deleteModel(library: Library, id: number): void {
  statements(library).remove.run(id);
}

/** The blobs the models name (for collecting the unreferenced ones). */
export function modelBlobHashes(library: Library): string[] {
  return statements(library).blobHashes.all() as string[];
}
