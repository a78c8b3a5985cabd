/**
 * What the two browser-side bundles carry, read from a fresh build's esbuild metafiles: the
 * preload (loaded into every window) holds only our own few modules, and neither it nor the
 * renderer carries zod or any Node-only library (the contract's schemas stay in main).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

interface Metafile {
  inputs: Record<string, unknown>;
}

let out: string;
const meta = (file: string): Metafile => JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Metafile;
const packagesIn = (m: Metafile): string[] =>
  [
    ...new Set(
      Object.keys(m.inputs)
        .filter((i) => i.includes('node_modules/'))
        .map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)![1]),
    ),
  ].sort();

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'nilut-bundles-'));
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.js'), `--out=${out}`], { cwd: REPO_ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('bundles', () => {
  it('builds the preload from our own modules only, a few KB', () => {
    const preload = meta('preload/preload.meta.json');
    expect(packagesIn(preload)).toEqual([]);
    const inputs = Object.keys(preload.inputs).sort();
    expect(inputs).toContain('preload/preload.ts');
    expect(inputs.some((i) => i.endsWith('contract.ts'))).toBe(false);
    const bytes = statSync(path.join(out, 'preload', 'preload.cjs')).size;
    console.log(`preload bundle: ${bytes} bytes from ${inputs.join(', ')}`);
  });

  it('keeps zod and Node-only libraries out of the renderer', () => {
    const packages = packagesIn(meta('renderer/app.meta.json'));
    expect(packages).toContain('svelte');
    for (const forbidden of ['zod', 'sharp', '@tensorflow/tfjs', 'better-sqlite3', 'electron', 'ws']) expect(packages).not.toContain(forbidden);
  });
});
