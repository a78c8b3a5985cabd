/** Model rows: a learned NILUT's architecture, styles (in input order) and its .nilut blob. */
import type { NilutArchitecture } from '../nilut/architecture.js';
import type { StyleInfo } from '../nilut/nilut-file.js';
import { LibraryError } from './errors.js';
import type { Library } from './library.js';
import { now } from './clock.js';

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
export function insertModel(library: Library, model: NewModel): number {
  const blob = library.blobs.put(model.nilutBytes);
  const { units, layers, styles } = model.architecture;
  const info = library.db
    .prepare('INSERT INTO models (blob_hash, units, layers, styles, parameters, training, metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(blob, units, layers, styles, model.parameters, model.training ? JSON.stringify(model.training) : null, model.metrics ? JSON.stringify(model.metrics) : null, now());
  const modelId = Number(info.lastInsertRowid);
  const insertStyle = library.db.prepare('INSERT INTO model_styles (model_id, position, name, source_hash) VALUES (?, ?, ?, ?)');
  model.styles.forEach((style, position) => insertStyle.run(modelId, position, style.name, style.sourceHash ?? null));
  return modelId;
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
  const row = library.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  if (!row) throw new LibraryError(library.file, `has no model ${id}`, 'not-found');
  const styles = library.db.prepare('SELECT name, source_hash AS sourceHash FROM model_styles WHERE model_id = ? ORDER BY position').all(id) as { name: string; sourceHash: string | null }[];
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
  const row = library.db
    .prepare('SELECT m.id FROM model_styles s JOIN models m ON m.id = s.model_id WHERE s.source_hash = ? ORDER BY m.styles ASC, m.id DESC LIMIT 1')
    .get(contentHash) as { id: number } | undefined;
  return row && getModel(library, row.id);
}
