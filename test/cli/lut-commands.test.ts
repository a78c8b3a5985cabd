import { mkdtempSync, readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runNilut } from '../support/cli.js';
import { fixture } from '../support/paths.js';

const LUT01 = fixture('nilut-paper/LUT01.cube');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'nilut-cli-'));

describe('nilut usage', () => {
  it.each([[[]], [['info', '--help']], [['convert', '--help']], [['apply', '--help']], [['--help']]])('prints help for %j', (args) => {
    const run = runNilut(args);
    expect(run.stdout + run.stderr).toMatch(/Usage: nilut/);
    expect(run.code).toBe(args.length === 0 ? 2 : 0);
  });

  it('exits 2 with a message naming the option for an out-of-range value', () => {
    const run = runNilut(['apply', LUT01, 'x.jpg', '--out', 'y.jpg', '--strength', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--strength');
    expect(run.stderr).toContain('"2"');
  });

  it('exits 2 for an unknown command and a missing argument', () => {
    expect(runNilut(['frobnicate']).code).toBe(2);
    expect(runNilut(['info']).code).toBe(2);
  });
});

describe('nilut info', () => {
  it('describes the paper LUT as a 33³ .cube on the unit domain', () => {
    const run = runNilut(['info', LUT01, '--json']);
    expect(run.code).toBe(0);
    const [info] = jsonLines(run.stdout);
    expect(info).toMatchObject({ format: 'cube', size: 33, domainMin: [0, 0, 0], domainMax: [1, 1, 1], shaper: null });
    expect(info.title).toBe(/TITLE "(.*)"/.exec(readFileSync(LUT01, 'utf8'))?.[1] ?? null);
  });

  it('reports a shaper and its input range', () => {
    const run = runNilut(['info', fixture('luts/cube/ocio_resolve_1d3d.cube'), '--json']);
    expect(run.code).toBe(0);
    const [info] = jsonLines(run.stdout);
    expect(info).toMatchObject({ size: 3, shaper: { size: 6, domainMin: [-1, -1, -1], domainMax: [3, 3, 3] } });
  });

  it('fails with exit 1 and names the file and line of a malformed .cube', () => {
    const dir = tmp();
    const file = path.join(dir, 'broken.cube');
    writeFileSync(file, 'LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n');
    const run = runNilut(['info', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.cube:4/);
    const json = runNilut(['info', file, '--json']);
    expect(json.code).toBe(1);
    expect(jsonLines(json.stdout)[0]).toMatchObject({ ok: false });
  });
});

describe('nilut convert', () => {
  it('converts .cube → .3dl → .cube keeping the look within 12-bit quantisation', () => {
    const dir = tmp();
    const threeDl = path.join(dir, 'look.3dl');
    const back = path.join(dir, 'back.cube');
    expect(runNilut(['convert', LUT01, threeDl]).code).toBe(0);
    expect(runNilut(['convert', threeDl, back]).code).toBe(0);
    const [a] = jsonLines(runNilut(['info', LUT01, '--json']).stdout);
    const [b] = jsonLines(runNilut(['info', back, '--json']).stdout);
    expect(b.size).toBe(a.size);
    const rangeA = a.outputRange as number[],
      rangeB = b.outputRange as number[];
    expect(Math.abs(rangeA[0] - rangeB[0])).toBeLessThanOrEqual(0.5 / 4095 + 1e-6);
    expect(Math.abs(rangeA[1] - rangeB[1])).toBeLessThanOrEqual(0.5 / 4095 + 1e-6);
  });

  it('resamples to the requested lattice size', () => {
    const dir = tmp();
    const out = path.join(dir, 'small.cube');
    expect(runNilut(['convert', LUT01, out, '--size', '17']).code).toBe(0);
    const [info] = jsonLines(runNilut(['info', out, '--json']).stdout);
    expect(info.size).toBe(17);
  });

  it('writes a Hald image that reads back at the requested level', () => {
    const dir = tmp();
    const out = path.join(dir, 'look.png');
    expect(runNilut(['convert', LUT01, out, '--size', '64']).code).toBe(0);
    const [info] = jsonLines(runNilut(['info', out, '--json']).stdout);
    expect(info).toMatchObject({ format: 'hald', size: 64 });
  });

  it('refuses a Hald size that is not a square and leaves no file behind', () => {
    const dir = tmp();
    const out = path.join(dir, 'look.png');
    const run = runNilut(['convert', LUT01, out, '--size', '33']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('level');
    expect(existsSync(out)).toBe(false);
  });
});

describe('nilut apply', () => {
  it('never overwrites the original photo', () => {
    const dir = tmp();
    const photo = path.join(dir, 'photo.jpeg');
    copyFileSync(fixture('photos/pineapple.jpeg'), photo);
    const before = readFileSync(photo);
    const run = runNilut(['apply', LUT01, photo, '--out', photo, '--overwrite']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('original');
    expect(readFileSync(photo).equals(before)).toBe(true);
  });

  it('grades several photos into a folder with one JSON event per image', () => {
    const dir = tmp();
    const out = path.join(dir, 'graded');
    const photos = [fixture('photos/pineapple.jpeg'), fixture('photos/kodim23.png')];
    const run = runNilut(['apply', LUT01, ...photos, '--out', out, '--json']);
    expect(run.code).toBe(0);
    const events = jsonLines(run.stdout);
    expect(events.filter((e) => e.event === 'progress')).toHaveLength(2);
    expect(existsSync(path.join(out, 'pineapple.jpeg'))).toBe(true);
    expect(existsSync(path.join(out, 'kodim23.png'))).toBe(true);
  });

  it('refuses to replace an existing output without --overwrite', () => {
    const dir = tmp();
    const out = path.join(dir, 'out.jpeg');
    writeFileSync(out, 'keep me');
    const run = runNilut(['apply', LUT01, fixture('photos/pineapple.jpeg'), '--out', out]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('names a photo that cannot be decoded', () => {
    const dir = tmp();
    const bad = path.join(dir, 'corrupt.jpg');
    writeFileSync(bad, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const run = runNilut(['apply', LUT01, bad, '--out', path.join(dir, 'o.jpg')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('corrupt.jpg');
  });
});

describe('nilut pair', () => {
  it('learns a .cube from an aligned before/after pair', () => {
    const dir = tmp();
    const out = path.join(dir, 'hefe.cube');
    const run = runNilut(['pair', fixture('photos/pineapple.jpeg'), fixture('photos/pineapple.hefe.jpeg'), '--out', out, '--size', '9', '--json']);
    expect(run.code).toBe(0);
    const [result] = jsonLines(run.stdout);
    expect(result).toMatchObject({ pairs: 512 * 320, size: 9 });
    const [info] = jsonLines(runNilut(['info', out, '--json']).stdout);
    expect(info).toMatchObject({ format: 'cube', size: 9 });
  });
});
