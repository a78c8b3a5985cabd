import { photoFormatOfName, ungradedPhotoReason } from '../../main/common/formats/photo-formats.js';
import { isHiddenName, isPresetName } from '../../main/common/formats/preset-files.js';
import { LIMITS } from '../../main/contract/limits.js';

/** Where a dropped file goes: opened as the current photo, refused as a photo with a reason, or imported. */
export type PhotoDrop = { readonly open: true } | { readonly open: false; readonly reason: string } | null;

/**
 * A dropped file taken for a photo: one grading reads opens as the current photo; a raw, PSD
 * or HEIC file is refused with the batch planner's reason; anything else is not a photo (null).
 */
export function photoDrop(name: string): PhotoDrop {
  if (photoFormatOfName(name)) return { open: true };
  const reason = ungradedPhotoReason(name);
  return reason ? { open: false, reason } : null;
}

/** Whether a file found in a dropped folder is imported: the importer's own test (expandImportPaths). */
export function importsFromFolder(name: string): boolean {
  return !isHiddenName(name) && isPresetName(name);
}

/**
 * The files of a browser drop to import, folders walked recursively (a browser gives a dropped
 * folder as an entry tree, not as a path). As when the importer walks a folder by path, files
 * dropped by name are all taken, and files found in a folder only when they are presets
 * (importsFromFolder); the others are `skipped` (their paths in the drop) and never uploaded.
 * Electron does not need this: its drops arrive as granted paths through 'files.dropped'.
 */
export async function droppedFiles(data: DataTransfer): Promise<{ files: File[]; skipped: string[] }> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  const found = { files: [] as File[], skipped: [] as string[] };
  if (entries.length === 0) return { ...found, files: [...data.files] };
  for (const entry of entries) await walk(entry, found, false);
  return found;
}

async function walk(entry: FileSystemEntry, into: { files: File[]; skipped: string[] }, inFolder: boolean): Promise<void> {
  if (entry.isFile) {
    if (inFolder && !importsFromFolder(entry.name)) {
      if (!isHiddenName(entry.name)) into.skipped.push(entry.fullPath.replace(/^\//, ''));
      return;
    }
    into.files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    return;
  }
  if (!entry.isDirectory || (inFolder && isHiddenName(entry.name))) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in chunks (100 in Chromium) until it returns an empty one.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return;
    for (const child of chunk) await walk(child, into, true);
  }
}

/** Bytes for 'library.importFiles' / 'photos.openBytes'. */
export async function withBytes(files: readonly File[]): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Why a file cannot be uploaded at all, or null: the contract's per-file limit, said before reading it. */
export function uploadRefusal(file: { readonly name: string; readonly size: number }): string | null {
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  return file.size > LIMITS.maxUploadBytes
    ? `is ${mib(file.size)}, more than the ${mib(LIMITS.maxUploadBytes)} a browser page may send (open or import it by its path)`
    : null;
}

/**
 * The calls a drop's upload takes: files in their order, each call within the contract's
 * files and bytes per call (so no frame exceeds what the bridge accepts, and only one call's
 * bytes are read into memory at a time); files over the per-file limit are left out as `refused`.
 */
export function uploadBatches<F extends { readonly name: string; readonly size: number }>(
  files: readonly F[],
): { batches: F[][]; refused: { file: string; error: string }[] } {
  const batches: F[][] = [];
  const refused: { file: string; error: string }[] = [];
  let batch: F[] = [];
  let bytes = 0;
  for (const file of files) {
    const why = uploadRefusal(file);
    if (why) {
      refused.push({ file: file.name, error: `${file.name}: ${why}` });
      continue;
    }
    if (batch.length > 0 && (batch.length === LIMITS.maxUploadFiles || bytes + file.size > LIMITS.maxUploadBytesPerCall)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += file.size;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, refused };
}

export function hasFiles(e: DragEvent): boolean {
  return Boolean(e.dataTransfer?.types.includes('Files'));
}
