/**
 * Which files and folders the renderer may name. A renderer is untrusted (it shows web
 * content and takes dropped files), so every path it sends must lie inside something the
 * user chose: a folder or file from a dialog or a drop (Electron), or a root the bridge was
 * started with (`--allow DIR`). Paths are compared after resolving symbolic links, so a link
 * inside a granted folder cannot lead out of it.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { expected } from '../core/errors.js';
import { IpcFailure } from './errors.js';

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
function realPathOf(p: string): string {
  const absolute = path.resolve(p);
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(realpathSync(existing), ...rest);
}

/** Whether `child` is `root` or lies below it (both already resolved). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export class PathGrants {
  private readonly grants = new Set<string>();

  constructor(roots: readonly string[] = []) {
    this.grant(roots);
  }

  /** Grants files and folders (a folder grants everything below it). */
  grant(paths: readonly string[]): void {
    for (const p of paths) this.grants.add(realPathOf(p));
  }

  roots(): string[] {
    return [...this.grants].sort();
  }

  allows(p: string): boolean {
    if (!path.isAbsolute(p)) return false;
    const real = realPathOf(p);
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
