/**
 * Files a browser page uploads for import have bytes but no paths: they are staged under their
 * own names in a temporary folder, imported from there, and the folder removed. The folder's name
 * carries the staging process's pid, so a folder a crash left behind is recognised by the next
 * host (its process is gone) and swept, and a live process's staging is never touched.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'nilut-upload-';

export interface StagedUploads {
  /** Staged path → the name the page gave. */
  readonly names: ReadonlyMap<string, string>;
  dispose(): Promise<void>;
}

/** A dropped file's name, made safe to use as one path component. */
function safeName(name: string, index: number): string {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a file name
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\0<>:"|?*\x00-\x1f]/g, '_');
  return base && base !== '.' && base !== '..' ? base : `upload-${index}`;
}

/** Writes the files (asynchronously: uploads can be hundreds of MB) under a fresh staging folder. */
export async function stageUploads(files: readonly { name: string; bytes: Uint8Array }[], tmp = os.tmpdir()): Promise<StagedUploads> {
  const staging = await mkdtemp(path.join(tmp, `${PREFIX}${process.pid}-`));
  const dispose = () => rm(staging, { recursive: true, force: true });
  try {
    const names = new Map<string, string>();
    for (const [i, file] of files.entries()) {
      // One folder per file, so two dropped files with one name do not collide.
      const dir = path.join(staging, String(i));
      const target = path.join(dir, safeName(file.name, i));
      await mkdir(dir);
      await writeFile(target, file.bytes);
      names.set(target, file.name);
    }
    return { names, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders whose process is gone; returns the folders removed. */
export async function sweepAbandonedUploads(tmp = os.tmpdir()): Promise<string[]> {
  const swept: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(tmp);
  } catch {
    return swept;
  }
  for (const name of entries) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    const folder = path.join(tmp, name);
    await rm(folder, { recursive: true, force: true });
    swept.push(folder);
  }
  return swept;
}
