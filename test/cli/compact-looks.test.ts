/**
 * Issue 15 through the built `nilut`: `nilut fit` learns each LUT as a compact look by default
 * and writes one looks file (.nilut format 2), which grades through the LUT engine as its LUTs
 * do (alone and blended), is described by `info`, evaluated by `eval` and baked by `bake`; the
 * network engine is still there behind `--engine network`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareColours } from '../../main/core/color/metrics.js';
import type { ColourMetrics } from '../../main/core/color/metrics.js';
import { isLooksFile } from '../../main/core/compact/looks-file.js';
import { readImage } from '../../main/core/grading/image-io.js';
import { parseCube } from '../../main/core/lut/cube-read.js';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { seededRandom } from '../../main/core/lut/image-pair.js';
import { throughLut } from '../../main/core/nilut/evaluation-samples.js';
import { nilutFormatVersionOf } from '../../main/core/nilut/nilut-file.js';
import { HANDLES_SIGNALS, jsonLines, runNilut } from '../support/cli.js';
import { fixture, REPO_ROOT } from '../support/paths.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
const HEFE = fixture('luts/hald/pillowlut_hald6_hefe.png');
const PHOTO = fixture('photos/kodim23.png');
const DIR = mkdtempSync(path.join(os.tmpdir(), 'nilut-compact-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const at = (name: string) => path.join(DIR, name);

/** A graded photo's pixels as sRGB-encoded colours in [0, 1]. */
async function colours(file: string): Promise<Float32Array> {
  const image = await readImage(file);
  const max = image.bits === 16 ? 65535 : 255;
  const out = new Float32Array(image.width * image.height * 3);
  for (let p = 0; p < image.width * image.height; p++) for (let c = 0; c < 3; c++) out[p * 3 + c] = image.pixels[p * image.channels + c] / max;
  return out;
}

/** How far a graded photo is from the photo through `expected` (each output pixel rounded to 8 bits as the file holds it). */
async function distance(graded: string, expected: (photo: Float32Array) => Float32Array): Promise<ColourMetrics> {
  const target = expected(await colours(PHOTO)).map((v) => Math.round(v * 255) / 255);
  return compareColours(target, await colours(graded));
}

function apply(look: string, out: string, ...extra: string[]) {
  const run = runNilut(['apply', look, PHOTO, '--out', out, ...extra]);
  expect(run.code, run.stderr).toBe(0);
}

describe('nilut fit learns compact looks by default', () => {
  let one: string;
  let two: string;
  beforeAll(() => {
    one = at('lut01.nilut');
    const fit = runNilut(['fit', LUT01, '--out', one, '--json']);
    expect(fit.code, fit.stderr).toBe(0);
    two = at('two.nilut');
    const both = runNilut(['fit', LUT01, HEFE, '--out', two]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toMatch(/^wrote .*two\.nilut: 2 looks, \d+ bytes \(\d+ per look\)/);
    expect(both.stdout).toMatch(/^ {2}pillowlut_hald6_hefe: \d+³, \d+ bytes, ΔE2000 mean \d\.\d{3} p95 \d\.\d{3} on held-out colours, goal (met|not met)/m);
  }, 120_000);

  it('writes one look of LUT01 as a looks file under 4 KB, reporting each look as it is learned', () => {
    const bytes = readFileSync(one);
    expect(isLooksFile(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
    const events = jsonLines(runNilut(['fit', LUT01, '--out', at('again.nilut'), '--json']).stdout);
    expect(events.filter((e) => e.event === 'progress' && e.type === 'look')).toEqual([
      expect.objectContaining({ done: 1, total: 1, name: 'LUT01', metGoal: true, size: expect.any(Number) }),
    ]);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', engine: 'compact', bytes: bytes.length, bytesPerLook: bytes.length });
    const [look] = done.looks as Array<{ size: number; bytes: number; deltaE2000: { mean: number; p95: number }; seconds: number }>;
    expect(look.deltaE2000.mean).toBeLessThanOrEqual(0.4);
    expect(look.bytes).toBeLessThan(bytes.length);
    expect(look.seconds).toBeGreaterThan(0);
  }, 60_000);

  it('grades a photo through the look as the LUT itself does, to within a small ΔE2000', async () => {
    apply(one, at('look.png'));
    apply(LUT01, at('lut.png'));
    const { lut } = await readLutFile(LUT01);
    const againstLut = await distance(at('look.png'), (photo) => throughLut(lut, photo));
    const againstApply = compareColours(await colours(at('lut.png')), await colours(at('look.png')));
    expect(againstLut.deltaE2000.mean).toBeLessThan(0.6);
    expect(againstApply.deltaE2000.mean).toBeLessThan(0.6);
    expect(againstApply.deltaE2000.p95).toBeLessThan(1.5);
  }, 60_000);

  it('blends two looks of one file: --blend 1,1 grades the mix of the two LUTs, and grade --model gives the same pixels', async () => {
    apply(two, at('mix.png'), '--blend', '1,1');
    const [a, b] = await Promise.all([LUT01, HEFE].map(async (f) => (await readLutFile(f)).lut));
    const mix = await distance(at('mix.png'), (photo) => {
      const [throughA, throughB] = [throughLut(a, photo), throughLut(b, photo)];
      return throughA.map((v, i) => (v + throughB[i]) / 2);
    });
    expect(mix.deltaE2000.mean).toBeLessThan(0.8);
    const graded = runNilut(['grade', PHOTO, '--model', two, '--blend', '1,1', '--out', at('graded'), '--format', 'png']);
    expect(graded.code, graded.stderr).toBe(0);
    expect(compareColours(await colours(at('mix.png')), await colours(path.join(at('graded'), 'kodim23.png'))).deltaE2000.max).toBe(0);
    const wrong = runNilut(['apply', two, PHOTO, '--blend', '1,1,1', '--out', at('wrong.png')]);
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('holds 2 looks but 3 blend weights')]);
  }, 120_000);

  it('info lists each look with its lattice, bytes and fidelity, and the bytes per look', () => {
    const info = jsonLines(runNilut(['info', two, '--json']).stdout)[0];
    expect(info).toMatchObject({ kind: 'looks', formatVersion: 2, bytes: statSync(two).size, bytesPerLook: Math.round(statSync(two).size / 2) });
    expect(info.looks).toEqual([
      expect.objectContaining({ name: 'LUT01', size: expect.any(Number), sourceHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({
        name: 'pillowlut_hald6_hefe',
        deltaE2000: expect.objectContaining({ mean: expect.any(Number), gridMean: expect.any(Number) }),
      }),
    ]);
    const text = runNilut(['info', two]).stdout;
    expect(text).toMatch(/2 looks, \d+ bytes, \d+ per look/);
    expect(text).toMatch(
      /^look 1: +LUT01: \d+³, \d+ bytes; ΔE2000 mean \d\.\d{3} p95 \d\.\d{3} max \d+\.\d{3} on held-out colours, mean \d\.\d{3} on a 33³ grid$/m,
    );
  });

  it('eval measures each look and blends against the LUTs, and bake writes a blend at the size asked', () => {
    const evaluation = runNilut(['eval', two, '--lut', LUT01, HEFE, '--blends', '3', '--json']);
    expect(evaluation.code, evaluation.stderr).toBe(0);
    const [report] = jsonLines(evaluation.stdout);
    expect(report).toMatchObject({ kind: 'looks', baking: null });
    expect((report.styles as Array<{ metrics: ColourMetrics }>).map((s) => s.metrics.deltaE2000.mean)).toEqual([expect.any(Number), expect.any(Number)]);
    for (const s of report.styles as Array<{ metrics: ColourMetrics }>) expect(s.metrics.deltaE2000.mean).toBeLessThan(1);
    expect(report.blends).toHaveLength(3);
    const cube = at('blend.cube');
    expect(runNilut(['bake', two, '--blend', '0,1', '--size', '17', '--out', cube]).code).toBe(0);
    expect(parseCube(readFileSync(cube, 'utf8'), 'blend.cube').lut.size).toBe(17);
  }, 60_000);

  it('refuses a truncated or corrupt looks file, naming it', () => {
    const bytes = readFileSync(two);
    writeFileSync(at('cut.nilut'), bytes.subarray(0, bytes.length - 40));
    const flipped = Buffer.from(bytes);
    flipped[30] ^= 0xff;
    writeFileSync(at('flipped.nilut'), flipped);
    for (const args of [
      ['info', at('cut.nilut')],
      ['apply', at('flipped.nilut'), PHOTO, '--out', at('never.png')],
    ]) {
      const run = runNilut(args);
      expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/^nilut: (cut|flipped)\.nilut: is corrupt or truncated \(checksum mismatch\)/)]);
    }
    expect(existsSync(at('never.png'))).toBe(false);
  });
});

describe('nilut fit refuses what the compact engine cannot do well', () => {
  it('refuses network-only options without --engine network, and compact-only ones with it', () => {
    const out = at('refused.nilut');
    const network = runNilut(['fit', LUT01, '--out', out, '--units', '16', '--half']);
    expect([network.code, network.stderr]).toEqual([2, expect.stringContaining('--units, --half apply to --engine network only')]);
    const compact = runNilut(['fit', LUT01, '--out', out, '--engine', 'network', '--max-size', '9']);
    expect([compact.code, compact.stderr]).toEqual([2, expect.stringContaining('--max-size applies to the compact engine only')]);
    expect(existsSync(out)).toBe(false);
  });

  it('fails loudly, naming the look, and leaves --out as it was when a look is too far from its LUT', () => {
    // Colour noise: no 4³ lattice comes near it.
    const random = seededRandom(3);
    const n = 17;
    const rows = Array.from({ length: n ** 3 }, () => [random(), random(), random()].map((v) => v.toFixed(6)).join(' '));
    const noise = at('noise.cube');
    writeFileSync(noise, `LUT_3D_SIZE ${n}\n${rows.join('\n')}\n`);
    const out = at('kept.nilut');
    writeFileSync(out, 'the previous file');
    const run = runNilut(['fit', LUT01, noise, '--out', out, '--max-size', '4']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^nilut: nothing was written to kept\.nilut: noise is too far from its LUT: ΔE2000 mean \d+\.\d\d on held-out colours, over the limit of 3/m,
    );
    expect(run.stderr).not.toMatch(/LUT01 is too far/);
    expect(readFileSync(out, 'utf8')).toBe('the previous file');
  }, 60_000);

  it.skipIf(!HANDLES_SIGNALS)(
    'stops at Ctrl-C (1) and writes nothing',
    async () => {
      const out = at('cancelled.nilut');
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nilut.js'), 'fit', LUT01, HEFE, LUT01, HEFE, '--out', out, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const first = stdout === '';
        stdout += chunk.toString();
        if (first) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ event: 'error', code: 1, error: expect.stringMatching(/^learning cancelled/) });
      expect(existsSync(out)).toBe(false);
    },
    60_000,
  );
});

describe('nilut fit --engine network', () => {
  it('still writes a network model (.nilut format 1)', () => {
    const out = at('network.nilut');
    const run = runNilut(['fit', LUT01, '--out', out, '--engine', 'network', '--steps', '50', '--units', '16', '--layers', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ event: 'done', architecture: { units: 16, layers: 1 } });
    expect(nilutFormatVersionOf(readFileSync(out))).toBe(1);
    expect(jsonLines(runNilut(['info', out, '--json']).stdout)[0]).toMatchObject({ kind: 'model', format: 'nilut' });
  }, 60_000);
});
