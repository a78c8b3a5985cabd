/**
 * The app's own package.json, found by walking up from this module. The compiled code
 * lives at dist/main/core/ and the sources at main/core/ (under vitest), so a fixed
 * relative path would be right for one and wrong for the other.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'nilut-studio';

let cached: { name: string; version: string } | undefined;

export function appPackage(): { name: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === PACKAGE_NAME && typeof parsed.version === 'string') {
        cached = { name: parsed.name, version: parsed.version };
        return cached;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
