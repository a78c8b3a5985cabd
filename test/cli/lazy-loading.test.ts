/**
 * Browsing the library from the CLI must not pay for what only fitting and image work need:
 * `nilut library list` starts without loading TensorFlow.js or sharp. Every module the process
 * resolves is logged by a module hook (node --import), so the check sees what really loads;
 * `nilut info` on a Hald image is the control that the hook does see sharp when it loads.
 * Learning compact looks (`nilut fit`'s default engine) needs no TensorFlow.js either.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const HEAVY = /node_modules\/(@tensorflow\/[^/]+|sharp)\//;

let dir: string;
let hook: string;

/** The packages matching HEAVY that a run of `nilut args` resolved, and how long it took. */
function heavyModulesLoadedBy(args: string[]): { packages: string[]; seconds: number } {
  const log = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const started = performance.now();
  const run = runNilut(args, { env: { NODE_OPTIONS: `--import=${hook}`, NILUT_MODULE_LOG: log } });
  const seconds = (performance.now() - started) / 1000;
  expect(run.code, run.stderr).toBe(0);
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  expect(urls.length).toBeGreaterThan(10);
  return { packages: [...new Set(urls.map((u) => HEAVY.exec(u)?.[1]).filter((p): p is string => !!p))].sort(), seconds };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nilut-lazy-'));
  // Registers a resolve hook that appends each resolved URL to $NILUT_MODULE_LOG.
  const resolver = path.join(dir, 'log-resolve.mjs');
  writeFileSync(
    resolver,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.NILUT_MODULE_LOG, result.url + '\\n');
  return result;
}
`,
  );
  hook = path.join(dir, 'register.mjs');
  writeFileSync(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${resolver}`).href)});\n`);
  expect(runNilut(['library', 'init', '--library', path.join(dir, 'library')]).code).toBe(0);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lazy loading', () => {
  it('lists the library without loading TensorFlow.js or sharp', () => {
    const { packages, seconds } = heavyModulesLoadedBy(['library', 'list', '--library', path.join(dir, 'library')]);
    console.log(`nilut library list: ${seconds.toFixed(2)} s`);
    expect(packages).toEqual([]);
  });

  it('learns a compact look without loading TensorFlow.js, on the main thread or its workers', () => {
    const { packages, seconds } = heavyModulesLoadedBy(['fit', fixture('nilut-paper/LUT01.cube'), '--out', path.join(dir, 'look.nilut')]);
    console.log(`nilut fit (compact, one look): ${seconds.toFixed(2)} s`);
    expect(packages.filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
  });

  it('does load sharp where an image is read (the hook sees it)', () => {
    const { packages, seconds } = heavyModulesLoadedBy(['info', fixture('luts/hald/pillowlut_hald4_identity.png')]);
    console.log(`nilut info on a Hald image: ${seconds.toFixed(2)} s`);
    expect(packages).toContain('sharp');
  });
});
