/**
 * `nilut fit` and issue 15, run in this process: a divergence rolled back is reported as a
 * warning and in the result; a model that fails the fidelity gate fails the command and leaves
 * the --out file as it was.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main/cli/main.js';
import { fixture } from '../support/paths.js';

let dir: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-fit-'));
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function events(): Array<Record<string, unknown>> {
  return stdout
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('nilut fit', () => {
  it('warns of a divergence it rolled back and lists it in the result', async () => {
    const out = path.join(dir, 'model.nilut');
    const args = [
      'fit',
      fixture('nilut-paper/LUT01.cube'),
      '--out',
      out,
      '--engine',
      'network',
      '--units',
      '32',
      '--layers',
      '1',
      '--batch',
      '512',
      '--steps',
      '1000',
    ];
    expect(await runCli([...args, '--lr', '0.2', '--json'])).toBe(0);
    const warnings = events().filter((e) => e.event === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0].message).toMatch(/^training diverged at step \d+ \(loss .* → .*\); went back to .* learning rate/);
    const done = events().find((e) => e.event === 'done')!;
    expect(done.recoveries).toHaveLength(warnings.length);
  }, 60_000);

  it('fails, naming the style, and leaves the file it would have replaced when the model is far from its LUT', async () => {
    const out = path.join(dir, 'model.nilut');
    writeFileSync(out, 'the previous model');
    const code = await runCli([
      'fit',
      fixture('luts/cube/generated_grayscale_32.cube'),
      '--out',
      out,
      '--engine',
      'network',
      '--units',
      '16',
      '--layers',
      '1',
      '--steps',
      '5',
    ]);
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/^nilut: the fitted model does not reproduce generated_grayscale_32: ΔE2000 mean \d+\.\d\d .* nothing was kept/m);
    expect(readFileSync(out, 'utf8')).toBe('the previous model');
    expect(readdirSync(dir)).toEqual(['model.nilut']);
  }, 60_000);
});
