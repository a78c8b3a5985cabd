import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from anywhere). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared reference data beside the repository (see its READMEs). */
export const REFERENCE = path.resolve(REPO_ROOT, '../shared/reference');

export function reference(...parts: string[]): string {
  return path.join(REFERENCE, ...parts);
}
