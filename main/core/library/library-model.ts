/**
 * The library model: every current learned look of the library as one compact looks file
 * (.nilut format 2, looks-file.ts). Its size is the exact length of the file exporting them
 * all writes, because it is that file, encoded; each look's share is the bytes its entry adds.
 * The LUT files it stands for are counted from the blob store, for the comparison people ask
 * for ("25 LUTs, 31 MB → 60 KB").
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { StoredLook } from '../compact/looks-file.js';
import { encodeLooksFile } from '../compact/looks-file.js';
import { getPreset } from './catalogue.js';
import { LibraryError } from './errors.js';
import type { LearnedLookRecord } from './learned-looks.js';
import { currentLearnedLooks, learnedLookOf } from './learned-looks.js';
import type { Library } from './library.js';
import { refuseLibraryFiles } from './library-files.js';

export interface LibraryModelSummary {
  /** Current learned looks in it. */
  readonly looks: number;
  /** The looks file's exact length. */
  readonly bytes: number;
  /** The stored LUT files those looks were learned from (or, for looks imported from a looks file, decoded to). */
  readonly lutBytes: number;
}

/** A learned look as a looks file holds it. */
function storedLook(record: LearnedLookRecord): StoredLook {
  return { name: record.name, sourceHash: record.sourceHash, fidelity: record.fidelity, code: record.code };
}

/** The bytes one look adds to a looks file: its entry, measured by the file's own encoder. */
export function lookEntryBytes(record: LearnedLookRecord): number {
  return encodeLooksFile([storedLook(record)]).length - encodeLooksFile([]).length;
}

/** These presets' current looks (each must have one), or (no ids) every current look. */
export function libraryModelLooks(library: Library, presetIds?: readonly number[]): LearnedLookRecord[] {
  const looks = currentLearnedLooks(library);
  if (!presetIds) return looks;
  const byPreset = new Map(looks.map((look) => [look.presetId, look]));
  const missing = presetIds.filter((id) => !byPreset.has(id));
  if (missing.length > 0) {
    const names = missing.map((id) => `${id} (${getPreset(library, id).name})`).join(', ');
    throw new LibraryError(
      library.file,
      `has no current learned look for preset ${names}: learn it first (nilut library learn ${missing.join(' ')})`,
      'rejected',
    );
  }
  return [...new Set(presetIds)].map((id) => byPreset.get(id)!);
}

/** The looks file of these looks. */
export function encodeLibraryModel(looks: readonly LearnedLookRecord[]): Buffer {
  return encodeLooksFile(looks.map(storedLook));
}

function storedFileBytes(library: Library, presetId: number): number {
  const { blobHash } = getPreset(library, presetId);
  return blobHash ? (statSync(library.blobs.pathOf(blobHash), { throwIfNoEntry: false })?.size ?? 0) : 0;
}

export function libraryModelSummary(library: Library): LibraryModelSummary {
  const looks = libraryModelLooks(library);
  return {
    looks: looks.length,
    bytes: encodeLibraryModel(looks).length,
    lutBytes: looks.reduce((sum, look) => sum + storedFileBytes(library, look.presetId), 0),
  };
}

/** A preset's learned look with the share (0 to 1) of the library model's bytes that is its own (0 when not current: not in the model). */
export function learnedLookInModel(library: Library, presetId: number): (LearnedLookRecord & { readonly shareOfLibraryModel: number }) | undefined {
  const record = learnedLookOf(library, presetId);
  if (!record) return undefined;
  const share = record.current ? lookEntryBytes(record) / encodeLibraryModel(libraryModelLooks(library)).length : 0;
  return { ...record, shareOfLibraryModel: share };
}

export interface LooksExport {
  readonly file: string;
  readonly looks: number;
  readonly bytes: number;
  readonly presetIds: number[];
}

/** Writes these presets' looks (default: every current look) as one compact looks file. */
export async function exportLibraryModel(
  library: Library,
  destination: string,
  options: { readonly presetIds?: readonly number[]; readonly overwrite?: boolean } = {},
): Promise<LooksExport> {
  const file = path.resolve(destination);
  refuseLibraryFiles(library, file);
  if (existsSync(file) && !options.overwrite) throw new LibraryError(file, 'already exists; choose another name or allow overwriting', 'exists');
  const looks = libraryModelLooks(library, options.presetIds);
  if (looks.length === 0) throw new LibraryError(library.file, 'has no learned looks to export yet: learn them first (nilut library learn)', 'rejected');
  const bytes = encodeLibraryModel(looks);
  await writeFileAtomic(file, bytes);
  return { file, looks: looks.length, bytes: bytes.length, presetIds: looks.map((look) => look.presetId) };
}
