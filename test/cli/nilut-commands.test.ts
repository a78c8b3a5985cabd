import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCube } from '../../main/core/lut/cube-read.js';
import { decodeNilut } from '../../main/core/nilut/nilut-file.js';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'nilut-cli-model-'));
const LUT01 = fixture('nilut-paper/LUT01.cube');
const PAPER_PT = fixture('nilut-paper/nilutx3style.pt');

describe('nilut doctor', () => {
  it('says which backend runs and why a faster one did not', () => {
    const run = runNilut(['doctor', '--json']);
    expect(run.code).toBe(0);
    const [report] = jsonLines(run.stdout);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(report.backend);
    expect(report.cores).toBeGreaterThan(0);
    if (report.backend !== 'tensorflow') expect((report.fallbackReasons as string[]).join(' ')).toMatch(/tfjs-node/);
  });
});

describe('nilut fit --engine network, info, eval, bake and apply with a network model', () => {
  it('fits a small model, describes it, evaluates it and bakes it', () => {
    const dir = tmp();
    const model = path.join(dir, 'lut01.nilut');
    const fit = runNilut(['fit', LUT01, '--out', model, '--engine', 'network', '--units', '16', '--layers', '1', '--steps', '200', '--batch', '256', '--json']);
    expect(fit.code, fit.stderr).toBe(0);
    const events = jsonLines(fit.stdout);
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ event: 'done', architecture: { styles: 0, units: 16, layers: 1 } });
    const file = decodeNilut(readFileSync(model), 'lut01.nilut');
    expect(file.header.styles[0]).toMatchObject({ name: 'LUT01' });
    expect(file.header.styles[0].sourceHash).toMatch(/^[0-9a-f]{64}$/);

    const info = jsonLines(runNilut(['info', model, '--json']).stdout)[0];
    expect(info).toMatchObject({ kind: 'model', architecture: { units: 16, layers: 1, styles: 0 }, parameters: 3 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3 });

    const evaluation = runNilut(['eval', model, '--lut', LUT01, '--json']);
    expect(evaluation.code).toBe(0);
    const [report] = jsonLines(evaluation.stdout);
    expect((report.styles as unknown[]).length).toBe(1);

    const cube = path.join(dir, 'baked.cube');
    expect(runNilut(['bake', model, '--size', '9', '--out', cube]).code).toBe(0);
    expect(parseCube(readFileSync(cube, 'utf8'), 'baked.cube').lut.size).toBe(9);
  }, 120_000);

  it('applies a blend of the paper model to a photo and refuses a blend of the wrong length', () => {
    const dir = tmp();
    const out = path.join(dir, 'blend.jpeg');
    expect(runNilut(['apply', PAPER_PT, fixture('photos/pineapple.jpeg'), '--blend', '0.2,0.3,0.5', '--out', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const wrong = runNilut(['apply', PAPER_PT, fixture('photos/pineapple.jpeg'), '--blend', '1,0', '--out', path.join(dir, 'x.jpeg')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/3 styles but 2 blend weights/);
  }, 60_000);

  it('refuses a LUT file in place of a model for eval and a model for --lut count mismatch', () => {
    const run = runNilut(['eval', PAPER_PT, '--lut', LUT01]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/3 styles but 1 LUT/);
  });
});
