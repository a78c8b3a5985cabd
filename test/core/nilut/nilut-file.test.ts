import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from '../../../main/core/nilut/float16.js';
import { ModelFileError } from '../../../main/core/nilut/model-errors.js';
import { decodeNilut, encodeNilut } from '../../../main/core/nilut/nilut-file.js';
import { readJsonF32Weights } from '../../../main/core/nilut/reference-weights.js';
import { fixture } from '../../support/paths.js';

const HEADER = {
  dtype: 'float32' as const,
  styles: [{ name: 'LUT01' }, { name: 'LUT03' }, { name: 'LUT04' }],
  created: '2026-11-25T00:00:00.000Z',
  software: 'test',
};

describe('.nilut files', () => {
  it('round-trip the paper model bit-exactly in float32, with its header', async () => {
    const weights = await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json'));
    const bytes = encodeNilut(weights, { ...HEADER, metrics: { psnr: 43.5 } });
    const back = decodeNilut(bytes, 'paper.nilut');
    expect(back.header).toMatchObject({ formatVersion: 1, architecture: { styles: 3, units: 256, layers: 2 }, styles: HEADER.styles, metrics: { psnr: 43.5 } });
    back.weights.dense.forEach((d, i) => {
      expect(Buffer.from(d.weight.buffer).equals(Buffer.from(weights.dense[i].weight.buffer))).toBe(true);
      expect(d.bias).toEqual(weights.dense[i].bias);
    });
  });

  it('stores float16 at half the size, each weight rounded to its nearest half', async () => {
    const weights = await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json'));
    const full = encodeNilut(weights, HEADER);
    const half = encodeNilut(weights, { ...HEADER, dtype: 'float16' });
    expect(half.length).toBeLessThan(full.length * 0.51);
    const back = decodeNilut(half, 'half.nilut');
    const w = weights.dense[1].weight;
    for (let i = 0; i < w.length; i += 97) expect(back.weights.dense[1].weight[i]).toBe(Math.fround(fromFloat16Bits(toFloat16Bits(w[i]))));
  });

  it('refuses wrong magic, truncation, corruption and a future format version, naming the file', async () => {
    const weights = await readJsonF32Weights(fixture('nilut-paper/nilutx3style.json'));
    const bytes = encodeNilut(weights, HEADER);
    const expectError = (data: Uint8Array, words: RegExp) => {
      let error: unknown;
      try {
        decodeNilut(data, 'model.nilut');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).toMatch(/^model\.nilut: /);
      expect((error as Error).message).toMatch(words);
    };
    expectError(Buffer.from('hello world, not a model'), /wrong magic/);
    expectError(bytes.subarray(0, bytes.length - 1000), /corrupt or truncated/);
    const flipped = Buffer.from(bytes);
    flipped[5000] ^= 0xff;
    expectError(flipped, /corrupt or truncated/);
    const future = Buffer.from(bytes);
    future.writeUInt16LE(2, 6);
    expectError(future, /newer NILUT Studio/);
  });

  it('converts float16 like IEEE 754 (exact for representable values, ±65504 max)', () => {
    expect(fromFloat16Bits(toFloat16Bits(1))).toBe(1);
    expect(fromFloat16Bits(toFloat16Bits(-2.5))).toBe(-2.5);
    expect(fromFloat16Bits(toFloat16Bits(65504))).toBe(65504);
    expect(fromFloat16Bits(toFloat16Bits(1e6))).toBe(Infinity);
    expect(fromFloat16Bits(toFloat16Bits(2 ** -24))).toBe(2 ** -24);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (h) => {
        const v = fromFloat16Bits(h);
        if (Number.isNaN(v)) return;
        expect(toFloat16Bits(v)).toBe(h === 0x8000 ? 0x8000 : h);
      }),
    );
  });
});
