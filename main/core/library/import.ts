/**
 * Importing files and folders into the library. Each file is read once, hashed, parsed with
 * the same readers the CLI uses, and stored in one transaction (blob, preset row, model rows,
 * the queued learn job), so a crash or kill leaves either the whole preset or nothing. A bad
 * file is reported with its reader's error and skipped; the same content twice is one preset.
 * New LUTs share one queued learn job (learn-job.ts), not a job each; a compact looks file
 * brings its looks learned already (import-looks.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { throwIfCancelled } from '../errors.js';
import { FileError } from '../file-error.js';
import { isHiddenName, isPresetName, presetKindOfName } from '../../common/formats/preset-files.js';
import { LutParseError } from '../lut/errors.js';
import { lutFileBudget, parseLutBytes } from '../lut/lut-file.js';
import { ModelFileError, modelFileError } from '../nilut/model-errors.js';
import { readRegularFile } from '../regular-file.js';
import { parameterCount } from '../nilut/architecture.js';
import type { LoadedModel } from '../nilut/model-file.js';
import { decodeModelBytes, modelFileBudget } from '../nilut/model-file.js';
import type { StyleInfo } from '../nilut/nilut-file.js';
import { encodeNilut } from '../nilut/nilut-file.js';
import { sha256Hex } from './blob-store.js';
import { findPresetByContent, insertLutPreset, insertModelPreset } from './catalogue.js';
import { isLooksFile } from '../compact/looks-file.js';
import { importLooksFile } from './import-looks.js';
import { ensureLearnJob } from './jobs.js';
import type { Library } from './library.js';
import { now } from './clock.js';
import { insertModel } from './models.js';

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly file: string;
}

export interface ImportOptions {
  /** Have every new LUT learned in the background: one queued learn job for them all (default true). */
  readonly queueFits?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  readonly imported: { file: string; presetId: number; kind: 'lut' | 'model' }[];
  readonly duplicates: { file: string; presetId: number }[];
  readonly failed: { file: string; error: string }[];
  /** Files in imported folders that are not LUTs or models (photos, readmes). */
  readonly skipped: string[];
  /** The queued learn job the new LUTs were given (one, reused), if any. */
  learnJob?: number;
}

/** Files to import: named files as given; folders walked recursively in name order. */
export function expandImportPaths(paths: readonly string[]): { files: string[]; skipped: string[]; missing: { file: string; error: string }[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const missing: { file: string; error: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (isHiddenName(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) (isPresetName(full) ? files : skipped).push(full);
    }
  };
  for (const given of paths) {
    const full = path.resolve(given);
    try {
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    } catch (error) {
      missing.push({ file: full, error: `${path.basename(full)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    }
  }
  return { files, skipped, missing };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function importLut(library: Library, file: string, bytes: Buffer, hash: string, queueLearn: boolean): Promise<{ presetId: number; job?: number }> {
  const name = path.basename(file);
  const parsed = await parseLutBytes(bytes, name);
  const store = library.db.transaction(() => {
    const blobHash = library.blobs.put(bytes);
    const row = {
      name: path.basename(name, path.extname(name)),
      sourceFormat: parsed.format,
      originalName: name,
      latticeSize: parsed.lut.size,
      contentHash: hash,
      blobHash,
    };
    const presetId = insertLutPreset(library, row, now());
    const job = queueLearn ? ensureLearnJob(library) : undefined;
    return { presetId, job };
  });
  return store.immediate();
}

function importModel(library: Library, file: string, bytes: Buffer, hash: string): { presetId: number } {
  const name = path.basename(file);
  const loaded = decodeModelBytes(bytes, name);
  const styles = loaded.header?.styles ?? loaded.styleNames.map((styleName) => ({ name: styleName }));
  return storeModel(library, {
    loaded,
    styles,
    originalBytes: bytes,
    originalName: name,
    contentHash: hash,
    presetName: path.basename(name, path.extname(name)),
  });
}

export interface ModelToStore {
  readonly loaded: LoadedModel;
  /** Names (and source LUT hashes) of the styles, in input order. */
  readonly styles: readonly StyleInfo[];
  readonly originalName: string;
  /** The file's bytes: a .nilut whose styles are kept is stored exactly as it came. */
  readonly originalBytes?: Uint8Array;
  /** sha256 of the file as given (so importing it again is a duplicate). */
  readonly contentHash: string;
  readonly presetName: string;
}

/**
 * Stores a model and its preset in one transaction. A PyTorch checkpoint is stored converted
 * to .nilut (with the given style names): the library keeps one model format.
 */
export function storeModel(library: Library, model: ModelToStore): { presetId: number } {
  const { loaded } = model;
  const nilutBytes =
    loaded.format === 'nilut' && model.originalBytes && model.styles === loaded.header?.styles
      ? model.originalBytes
      : encodeNilut(loaded.weights, {
          dtype: loaded.header?.dtype ?? 'float32',
          styles: [...model.styles],
          training: loaded.header?.training ?? { importedFrom: model.originalName },
          metrics: loaded.header?.metrics,
          created: loaded.header?.created ?? now(),
          software: loaded.header?.software ?? 'NILUT Studio',
        });
  const store = library.db.transaction(() => {
    const { modelId, blobHash } = insertModel(library, {
      nilutBytes,
      architecture: loaded.weights.architecture,
      parameters: parameterCount(loaded.weights.architecture),
      styles: model.styles,
      training: loaded.header?.training ?? { importedFrom: model.originalName },
      metrics: loaded.header?.metrics,
    });
    const row = { name: model.presetName, sourceFormat: loaded.format, originalName: model.originalName, contentHash: model.contentHash, blobHash, modelId };
    return { presetId: insertModelPreset(library, row, now()) };
  });
  return store.immediate();
}

/**
 * A file's bytes through the opener: a regular file only, within its format's budget, read
 * asynchronously (so an import can be stopped while a large file is read).
 */
async function readBytes(file: string): Promise<Buffer> {
  const name = path.basename(file);
  if (presetKindOfName(file) === 'model') {
    const budget = modelFileBudget(name);
    if (!budget) throw new ModelFileError(name, 'is not a model format the library imports (.nilut or .pt)', 'unsupported');
    return readRegularFile(file, budget, modelFileError);
  }
  return readRegularFile(file, lutFileBudget(name), (file, problem, reason) => new LutParseError(file, problem, undefined, reason));
}

function describe(file: string, error: unknown): string {
  if (error instanceof FileError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `${path.basename(file)}: cannot be read (${code})`;
  return error instanceof Error ? error.message : String(error);
}

export async function importPaths(library: Library, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  const { files, skipped, missing } = expandImportPaths(paths);
  const report: ImportReport = { imported: [], duplicates: [], failed: [...missing], skipped };
  for (let i = 0; i < files.length; i++) {
    throwIfCancelled(options.signal, `import cancelled after ${i} of ${files.length} files`, i);
    const file = files[i];
    options.onProgress?.({ done: i, total: files.length, file });
    try {
      const bytes = await readBytes(file);
      const hash = sha256Hex(bytes);
      const existing = findPresetByContent(library, hash);
      if (existing) {
        report.duplicates.push({ file, presetId: existing.id });
        continue;
      }
      if (presetKindOfName(file) === 'model' && isLooksFile(bytes)) {
        // Before the model reader: decodeModelBytes reads network models only.
        const looks = importLooksFile(library, file, bytes);
        for (const presetId of looks.imported) report.imported.push({ file, presetId, kind: 'lut' });
        for (const presetId of looks.duplicates) report.duplicates.push({ file, presetId });
      } else if (presetKindOfName(file) === 'model') {
        report.imported.push({ file, presetId: importModel(library, file, bytes, hash).presetId, kind: 'model' });
      } else {
        const { presetId, job } = await importLut(library, file, bytes, hash, options.queueFits ?? true);
        report.imported.push({ file, presetId, kind: 'lut' });
        if (job !== undefined) report.learnJob = job;
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        // Another process imported the same content between our check and our insert.
        const bytes = await readBytes(file);
        const existing = findPresetByContent(library, sha256Hex(bytes));
        if (existing) {
          report.duplicates.push({ file, presetId: existing.id });
          continue;
        }
      }
      report.failed.push({ file, error: describe(file, error) });
    }
  }
  options.onProgress?.({ done: files.length, total: files.length, file: '' });
  return report;
}
