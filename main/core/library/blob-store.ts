/**
 * The content-addressed store beside the database: every original LUT file, model and
 * thumbnail is kept once, named by the sha256 of its bytes (blobs/ab/abcdef…). Writes go
 * through a temporary file, fsync and rename, so a blob is either whole or absent; a blob is
 * written before the row that names it is committed, so a row never names a missing blob.
 *
 * Owner of blobs/ (files, not a table); the rows that name blobs belong to their tables' owners.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HASH = /^[0-9a-f]{64}$/;

export class BlobStore {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new RangeError(`not a sha256 blob name: ${hash}`);
    return path.join(this.root, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  /** Stores `bytes` (synchronously: called inside database transactions) and returns its hash. */
  put(bytes: Uint8Array): string {
    const hash = sha256Hex(bytes);
    const destination = this.pathOf(hash);
    if (existsSync(destination)) return hash;
    mkdirSync(path.dirname(destination), { recursive: true });
    const temporary = `${destination}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, destination);
    return hash;
  }

  read(hash: string): Buffer {
    return readFileSync(this.pathOf(hash));
  }

  remove(hash: string): void {
    try {
      unlinkSync(this.pathOf(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** Every stored hash, and temporary files left by a process that died mid-write. */
  scan(): { hashes: string[]; leftovers: string[] } {
    const hashes: string[] = [];
    const leftovers: string[] = [];
    for (const shard of readdirSync(this.root)) {
      const folder = path.join(this.root, shard);
      for (const name of readdirSync(folder)) {
        if (HASH.test(name)) hashes.push(name);
        else if (name.endsWith('.tmp')) leftovers.push(path.join(folder, name));
      }
    }
    return { hashes, leftovers };
  }
}
