/**
 * Which files and folders the renderer may name. A renderer is untrusted (it shows web
 * content and takes dropped files), so every path it sends must lie inside something the
 * user chose: a folder or file from a dialog or a drop (Electron), or a root the bridge was
 * started with (`--allow DIR`). Paths are compared after resolving symbolic links, so a link
 * inside a granted folder cannot lead out of it.
 */
import path from 'node:path';
import { expected } from '../core/errors.js';
import { isInside, resolvedPath } from '../core/output-safety.js';
import { IpcFailure } from './errors.js';

// The bridge's asset server checks its files with the same lexical test.
export { isInside };

export class PathGrants {
  private readonly grants = new Set<string>();

  constructor(roots: readonly string[] = []) {
    this.grant(roots);
  }

  /** Grants files and folders (a folder grants everything below it). */
  grant(paths: readonly string[]): void {
    for (const p of paths) this.grants.add(resolvedPath(p));
  }

  roots(): string[] {
    return [...this.grants].sort();
  }

  allows(p: string): boolean {
    if (!path.isAbsolute(p)) return false;
    const real = resolvedPath(p);
    for (const grant of this.grants) if (isInside(real, grant)) return true;
    return false;
  }

  /** The path, absolute, if granted; else a forbidden-path failure naming it. */
  check(p: string, what = 'path'): string {
    if (!path.isAbsolute(p)) throw new IpcFailure('forbidden-path', expected(what, 'absolute path', p));
    if (!this.allows(p))
      throw new IpcFailure('forbidden-path', `${what} ${p} is outside the files and folders you chose; pick it in a dialog or drop it on the window first`);
    return path.resolve(p);
  }
}
