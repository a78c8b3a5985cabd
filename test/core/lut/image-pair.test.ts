import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compareColours } from '../../../main/core/color/metrics.js';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { readImagePair, seededRandom } from '../../../main/core/lut/image-pair.js';
import type { ColourPairs } from '../../../main/core/lut/image-pair.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { fitLatticeFromPairs } from '../../../main/core/lut/scattered-fit.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fixture } from '../../support/paths.js';
import { scratchDir } from '../../support/peers.js';

/** A smooth look made in code: contrast around mid-grey plus a warm shift. */
function warmContrast(rgb: ArrayLike<number>, out: number[]): void {
  const shift = [0.04, 0.01, -0.05];
  for (let c = 0; c < 3; c++) out[c] = 0.5 + (rgb[c] - 0.5) * 1.15 + shift[c] + 0.03 * Math.sin(3 * rgb[(c + 1) % 3]);
}

function pairsFrom(inputs: Float32Array, look: (rgb: ArrayLike<number>, out: number[]) => void): ColourPairs {
  const targets = new Float32Array(inputs.length);
  const out = [0, 0, 0];
  for (let o = 0; o < inputs.length; o += 3) {
    look(inputs.subarray(o, o + 3), out);
    targets.set(out, o);
  }
  return { inputs, targets, count: inputs.length / 3 };
}

function compareOn(count: number, seed: number, a: Lut3D | ((rgb: number[], out: number[]) => void), b: Lut3D, inside?: (rgb: number[]) => boolean) {
  const random = seededRandom(seed);
  const ref: number[] = [],
    test: number[] = [];
  const x = [0, 0, 0],
    p = [0, 0, 0],
    q = [0, 0, 0];
  while (ref.length < count * 3) {
    x[0] = random();
    x[1] = random();
    x[2] = random();
    if (inside && !inside(x)) continue;
    if (typeof a === 'function') a(x, p);
    else sampleLut(a, x, p);
    sampleLut(b, x, q);
    ref.push(...p);
    test.push(...q);
  }
  return compareColours(ref, test);
}

describe('aligned image pairs', () => {
  it('reads the paper hald pair as all 128³ distinct colours', async () => {
    const pairs = await readImagePair(fixture('nilut-paper/hald-identity-128.png'), fixture('nilut-paper/hald-LUT01.png'));
    expect(pairs.count).toBe(128 ** 3);
    const seen = new Uint8Array(128 ** 3);
    for (let i = 0; i < pairs.count; i++) {
      const q = (c: number) => Math.round((pairs.inputs[i * 3 + c] * 255 * 127) / 255);
      seen[(q(2) * 128 + q(1)) * 128 + q(0)] = 1;
    }
    expect(seen.reduce((s, v) => s + v, 0)).toBe(128 ** 3);
  });

  it('fits a 33³ lattice from the hald pair that reproduces LUT01.cube', async () => {
    // Measured: PSNR 68.8 dB, ΔE2000 mean 0.026, max 1.0 over 100k random colours; largest
    // lattice difference 0.0082 (at the cube's edges, where Lightroom's 8-bit target rounds).
    const pairs = await readImagePair(fixture('nilut-paper/hald-identity-128.png'), fixture('nilut-paper/hald-LUT01.png'));
    const fit = fitLatticeFromPairs(pairs, 33);
    expect(fit.coverage).toBe(1);
    const truth = parseCube(readFileSync(fixture('nilut-paper/LUT01.cube'), 'utf8'), 'LUT01.cube').lut;
    const metrics = compareOn(50_000, 3, truth, fit.lut);
    expect(metrics.psnr).toBeGreaterThan(60);
    expect(metrics.deltaE2000.mean).toBeLessThan(0.1);
    expect(metrics.deltaE2000.max).toBeLessThan(2);
  }, 60_000);

  it('subsamples deterministically', async () => {
    const a = await readImagePair(fixture('photos/pineapple.jpeg'), fixture('photos/pineapple.hefe.jpeg'), { maxPairs: 1000, seed: 5 });
    const b = await readImagePair(fixture('photos/pineapple.jpeg'), fixture('photos/pineapple.hefe.jpeg'), { maxPairs: 1000, seed: 5 });
    expect(a.count).toBe(1000);
    expect(a.inputs).toEqual(b.inputs);
    expect(a.targets).toEqual(b.targets);
  });

  it('refuses images of different sizes, naming both', async () => {
    const dir = scratchDir();
    const small = path.join(dir, 'before.png');
    const large = path.join(dir, 'after.png');
    await sharp({ create: { width: 10, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toFile(small);
    await sharp({ create: { width: 12, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toFile(large);
    await expect(readImagePair(small, large)).rejects.toThrow(/after\.png.*12×8.*before\.png.*10×8/);
  });
});

describe('scattered-data lattice fitting', () => {
  it('reproduces a LUT sampled at its own lattice points', () => {
    const pairs = pairsFrom(identityLut(9).data, warmContrast);
    const fit = fitLatticeFromPairs(pairs, 9);
    expect(fit.rmse).toBeLessThan(1e-3);
  });

  it('follows sparse data inside its hull and tends to identity far away', () => {
    const random = seededRandom(9);
    // 2,000 colours from the lower-middle of the cube only.
    const inputs = Float32Array.from({ length: 6000 }, () => 0.2 + 0.4 * random());
    const fit = fitLatticeFromPairs(pairsFrom(inputs, warmContrast), 17);
    expect(fit.coverage).toBeLessThan(0.5);
    const inside = compareOn(2000, 4, warmContrast, fit.lut, (x) => x.every((v) => v > 0.25 && v < 0.55));
    expect(inside.deltaE2000.mean).toBeLessThan(0.5);
    // At the far corner the fit is much closer to identity than the look's own correction there.
    const out = [0, 0, 0],
      look = [0, 0, 0];
    sampleLut(fit.lut, [1, 1, 1], out);
    warmContrast([1, 1, 1], look);
    const fitShift = Math.hypot(out[0] - 1, out[1] - 1, out[2] - 1);
    const lookShift = Math.hypot(look[0] - 1, look[1] - 1, look[2] - 1);
    expect(fitShift).toBeLessThan(lookShift);
  });

  it('learns a look from a before/after photo pair (pineapple → Hefe)', async () => {
    // Reference: the true Hefe Hald through ffmpeg reaches 36.6 dB against the after photo (JPEG
    // noise); before vs after is 23.3 dB. Measured here, on the pair itself: a fitted 9³ lattice
    // gives 39.8 dB, 17³ 40.8 dB (it also absorbs some of the JPEG noise the true Hald cannot).
    const before = fixture('photos/pineapple.jpeg');
    const after = fixture('photos/pineapple.hefe.jpeg');
    const pairs = await readImagePair(before, after);
    const fit = fitLatticeFromPairs(pairs, 17);
    const predicted = new Float32Array(pairs.inputs.length);
    const out = [0, 0, 0];
    for (let o = 0; o < predicted.length; o += 3) {
      sampleLut(fit.lut, pairs.inputs.subarray(o, o + 3), out);
      predicted.set(out, o);
    }
    const nothing = compareColours(pairs.targets, pairs.inputs).psnr;
    const learned = compareColours(pairs.targets, predicted).psnr;
    expect(nothing).toBeLessThan(25);
    expect(learned).toBeGreaterThan(nothing + 8);
  });
});
