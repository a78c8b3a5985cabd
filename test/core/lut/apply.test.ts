import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLutToPixels, prepareLut } from '../../../main/core/lut/apply.js';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { LutWorkerPool, toSharedPixels } from '../../../main/core/lut/parallel-apply.js';
import { resampleLut, sampleLut } from '../../../main/core/lut/sample.js';
import { SHARED_LATTICE_FLOATS } from '../../../main/core/lut/lut.js';
import { fixture } from '../../support/paths.js';

const { lut } = parseCube(readFileSync(fixture('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube');
const shaped = parseCube(readFileSync(fixture('luts/cube/ocio_resolve_1d3d.cube'), 'utf8'), 'resolve_1d3d.cube').lut;

function randomCodes<T extends Uint8Array | Uint16Array>(array: T, max: number, seed: number): T {
  let s = seed;
  for (let i = 0; i < array.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    array[i] = s % (max + 1);
  }
  return array;
}

/** The reference evaluator on the same integer pixels, rounded and clamped like an image. */
function expectedCodes(
  source: Uint8Array | Uint16Array,
  channels: number,
  max: number,
  interpolation: 'tetrahedral' | 'trilinear',
  strength = 1,
  table = lut,
): number[] {
  const out: number[] = [];
  const rgb = [0, 0, 0],
    result = [0, 0, 0];
  for (let p = 0; p < source.length; p += channels) {
    for (let c = 0; c < 3; c++) rgb[c] = source[p + c] / max;
    sampleLut(table, rgb, result, interpolation);
    for (let c = 0; c < 3; c++) out.push(Math.min(max, Math.max(0, Math.round(max * (rgb[c] + (result[c] - rgb[c]) * strength)))));
    if (channels === 4) out.push(source[p + 3]);
  }
  return out;
}

describe('applying a LUT to pixel buffers', () => {
  for (const interpolation of ['tetrahedral', 'trilinear'] as const) {
    it(`matches the reference evaluator on 8-bit RGB within rounding (${interpolation})`, () => {
      const source = randomCodes(new Uint8Array(3 * 20000), 255, 1);
      const pixels = source.slice();
      applyLutToPixels(lut, pixels, 3, { interpolation });
      const expected = expectedCodes(source, 3, 255, interpolation);
      let worst = 0;
      for (let i = 0; i < pixels.length; i++) worst = Math.max(worst, Math.abs(pixels[i] - expected[i]));
      expect(worst).toBeLessThanOrEqual(1);
    });
  }

  it('keeps alpha and 16-bit precision on RGBA16', () => {
    const source = randomCodes(new Uint16Array(4 * 20000), 65535, 2);
    const pixels = source.slice();
    applyLutToPixels(lut, pixels, 4);
    const expected = expectedCodes(source, 4, 65535, 'tetrahedral');
    let worst = 0;
    for (let i = 0; i < pixels.length; i++) {
      if (i % 4 === 3) expect(pixels[i]).toBe(source[i]);
      worst = Math.max(worst, Math.abs(pixels[i] - expected[i]));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('runs the shaper and input ranges in the integer path', () => {
    const source = randomCodes(new Uint8Array(3 * 5000), 255, 3);
    const pixels = source.slice();
    applyLutToPixels(shaped, pixels, 3);
    const expected = expectedCodes(source, 3, 255, 'tetrahedral', 1, shaped);
    let worst = 0;
    for (let i = 0; i < pixels.length; i++) worst = Math.max(worst, Math.abs(pixels[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('mixes with the original by strength: 0 leaves pixels alone, 0.5 lands half way', () => {
    const source = randomCodes(new Uint8Array(3 * 5000), 255, 4);
    const none = source.slice();
    applyLutToPixels(lut, none, 3, { strength: 0 });
    expect(none).toEqual(source);
    const half = source.slice();
    applyLutToPixels(lut, half, 3, { strength: 0.5 });
    const expected = expectedCodes(source, 3, 255, 'tetrahedral', 0.5);
    for (let i = 0; i < half.length; i++) expect(Math.abs(half[i] - expected[i])).toBeLessThanOrEqual(1);
    expect(() => prepareLut(lut, { strength: 1.5 })).toThrow(/strength/);
  });

  it('evaluates float buffers without clamping the output range', () => {
    const pixels = Float32Array.from([0.1, 0.5, 0.9, 1, 0.25, 0.5, 0.75, 0.5]);
    const copy = pixels.slice();
    const wide = { ...lut, data: lut.data.map((v) => v * 2 - 0.25) };
    applyLutToPixels(wide, pixels, 4);
    const out = [0, 0, 0];
    sampleLut(wide, copy.subarray(0, 3), out);
    for (let c = 0; c < 3; c++) expect(pixels[c]).toBeCloseTo(out[c], 5);
    expect(pixels[3]).toBe(1);
  });
});

describe('the worker pool', () => {
  const pool = new LutWorkerPool(2);
  afterAll(() => pool.close());

  it('gives exactly the single-threaded result, and refuses unshared memory', async () => {
    const source = randomCodes(new Uint8Array(3 * 100001), 255, 5);
    const prepared = prepareLut(lut);
    const single = source.slice();
    prepared.applyTo(single, 3);
    const shared = toSharedPixels(source);
    await pool.apply(prepared, shared, 3);
    expect(Buffer.from(shared.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    await expect(pool.apply(prepared, source.slice(), 3)).rejects.toThrow(/SharedArrayBuffer/);
  });

  it('grades through a colour table exactly as it grades directly (8-bit RGB and RGBA)', async () => {
    const prepared = prepareLut(lut, { strength: 0.8 });
    const direct = prepareLut(lut, { strength: 0.8 });
    await pool.tabulate(prepared);
    expect(prepared.colourTable).toHaveLength(3 << 24);
    for (const channels of [3, 4] as const) {
      const source = randomCodes(new Uint8Array(channels * 50000), 255, 6 + channels);
      const expected = source.slice();
      direct.applyTo(expected, channels);
      const shared = toSharedPixels(source);
      await pool.apply(prepared, shared, channels);
      expect(Buffer.from(shared.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    }
  });

  it('hands a large lattice to the workers in shared memory and grades exactly as one thread', async () => {
    // 102³ entries: over the shared threshold, where each worker used to build its own copy.
    const large = resampleLut(lut, 102);
    expect(large.data.length).toBeGreaterThanOrEqual(SHARED_LATTICE_FLOATS);
    expect(large.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(lut.data.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    for (const [make, max, channels] of [
      [(n: number) => new Uint8Array(n), 255, 3],
      [(n: number) => new Uint16Array(n), 65535, 4],
    ] as const) {
      const prepared = prepareLut(large, { strength: 0.7 });
      const source = randomCodes(make(channels * 60001), max, 11 + channels);
      const single = source.slice();
      prepareLut(large, { strength: 0.7 }).applyTo(single, channels);
      const shared = toSharedPixels(source);
      await pool.apply(prepared, shared, channels);
      expect(prepared.scaledLattice(max).buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(shared.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    }
  });
});
