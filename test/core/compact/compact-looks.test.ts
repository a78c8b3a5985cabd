import { describe, expect, it } from 'vitest';
import { blendLooks } from '../../../main/core/compact/blend-looks.js';
import { decodeLookCode, encodeLookCode, LookCodeError } from '../../../main/core/compact/look-code.js';
import { learnLook } from '../../../main/core/compact/learn-look.js';
import { learnLooks } from '../../../main/core/compact/learn-many.js';
import { decodeLooksFile, encodeLooksFile, isLooksFile } from '../../../main/core/compact/looks-file.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { sampleLut } from '../../../main/core/lut/sample.js';
import { fitLatticeFromPairs } from '../../../main/core/lut/scattered-fit.js';
import { throughLut } from '../../../main/core/nilut/evaluate.js';
import { ModelFileError } from '../../../main/core/nilut/model-errors.js';
import { fixture } from '../../support/paths.js';

/** A smooth look made in code on an n³ lattice: contrast, a warm shift and some cross-talk. */
function warmLook(size: number): Lut3D {
  const lut = identityLut(size);
  const d = lut.data;
  for (let o = 0; o < d.length; o += 3) {
    const [r, g, b] = [d[o], d[o + 1], d[o + 2]];
    d[o] = Math.min(1, 0.5 + (r - 0.5) * 1.2 + 0.05 + 0.04 * Math.sin(3 * g));
    d[o + 1] = Math.max(0, Math.min(1, 0.5 + (g - 0.5) * 1.1 + 0.01));
    d[o + 2] = Math.max(0, 0.5 + (b - 0.5) * 1.1 - 0.06 + 0.03 * r);
  }
  return lut;
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('look codes', () => {
  it('round-trip a lattice to within half a quantisation step, and a smooth look takes far fewer bytes than its values', () => {
    const look = warmLook(11);
    const code = encodeLookCode(look, 510);
    const back = decodeLookCode(code);
    expect(back.size).toBe(11);
    expect(maxDifference(look.data, back.data)).toBeLessThanOrEqual(0.5 / 510 + 1e-6);
    expect(code.length).toBeLessThan(11 ** 3 * 3);
  });

  it('refuse damaged and truncated codes with the problem', () => {
    const code = encodeLookCode(warmLook(9), 510);
    expect(() => decodeLookCode(code.subarray(0, 3))).toThrow(LookCodeError);
    const wrongVersion = Uint8Array.from(code);
    wrongVersion[0] = 9;
    expect(() => decodeLookCode(wrongVersion)).toThrow(/version 9/);
    const damaged = Uint8Array.from(code);
    damaged[1] = 12; // claims more points than the body holds
    expect(() => decodeLookCode(damaged)).toThrow(LookCodeError);
  });
});

describe('tetrahedral lattice fitting', () => {
  it('fits a lattice that the tetrahedral engine reproduces better than a trilinear fit does', () => {
    const look = warmLook(33);
    const colours = identityLut(21).data;
    const pairs = { inputs: colours, targets: throughLut(look, colours), count: colours.length / 3 };
    const error = (interpolation: 'tetrahedral' | 'trilinear') => {
      const fitted = fitLatticeFromPairs(pairs, 5, { interpolation, smoothness: 1e-4 }).lut;
      const got = throughLut(fitted, colours);
      return got.reduce((s, v, i) => s + (v - pairs.targets[i]) ** 2, 0);
    };
    expect(error('tetrahedral')).toBeLessThan(error('trilinear'));
  });
});

describe('learning a look', () => {
  it('learns the paper LUT01 into a small code that meets the fidelity goal, and grows the lattice only when the goal asks', async () => {
    const { lut } = await readLutFile(fixture('nilut-paper/LUT01.cube'));
    const attempts: number[] = [];
    const look = learnLook(lut, { poolSize: 40_000, onAttempt: (a) => attempts.push(a.size) });
    expect(look.metGoal).toBe(true);
    expect(look.fidelity.photographic.deltaE2000.mean).toBeLessThanOrEqual(0.4);
    expect(look.code.length).toBeLessThan(4096);
    expect(attempts[attempts.length - 1]).toBe(look.size);
    const strict = learnLook(lut, { poolSize: 40_000, goalMean: 0.2 });
    expect(strict.size).toBeGreaterThan(look.size);
    expect(strict.fidelity.photographic.deltaE2000.mean).toBeLessThan(look.fidelity.photographic.deltaE2000.mean);
  });

  it('reports a look it could not bring to the goal instead of claiming it', async () => {
    const { lut } = await readLutFile(fixture('nilut-paper/LUT01.cube'));
    const look = learnLook(lut, { poolSize: 20_000, sizes: [3], goalMean: 0.3 });
    expect(look.metGoal).toBe(false);
    expect(look.size).toBe(3);
  });

  it('stops when cancelled', async () => {
    const { lut } = await readLutFile(fixture('nilut-paper/LUT01.cube'));
    const controller = new AbortController();
    controller.abort();
    expect(() => learnLook(lut, { poolSize: 1000, signal: controller.signal })).toThrow(/cancelled/);
  });
});

describe('the compact looks file', () => {
  const looks = [warmLook(9), identityLut(5)].map((lattice, i) => ({
    name: i === 0 ? 'Warm — été' : 'Neutral',
    sourceHash: i === 0 ? 'ab'.repeat(32) : undefined,
    fidelity: { mean: 0.321, p95: 0.9, max: 2.5, gridMean: 0.25 },
    code: encodeLookCode(lattice, 510),
  }));

  it('keeps names, hashes, fidelity and lattices', () => {
    const bytes = encodeLooksFile(looks);
    expect(isLooksFile(bytes)).toBe(true);
    const back = decodeLooksFile(bytes, 'shared.nilut');
    expect(back.map((l) => l.name)).toEqual(['Warm — été', 'Neutral']);
    expect(back[0].sourceHash).toBe('ab'.repeat(32));
    expect(back[1].sourceHash).toBeUndefined();
    expect(back[0].fidelity).toEqual({ mean: 0.321, p95: 0.9, max: 2.5, gridMean: 0.25 });
    expect(back[0].lattice.size).toBe(9);
    expect(back[0].lattice.title).toBe('Warm — été');
  });

  it('refuses corrupt and truncated files, naming the file', () => {
    const bytes = encodeLooksFile(looks);
    const flipped = Buffer.from(bytes);
    flipped[20] ^= 0xff;
    expect(() => decodeLooksFile(flipped, 'shared.nilut')).toThrow(/shared\.nilut.*checksum/);
    expect(() => decodeLooksFile(bytes.subarray(0, 30), 'shared.nilut')).toThrow(ModelFileError);
    expect(() => decodeLooksFile(Buffer.from('not a model at all'), 'x.nilut')).toThrow(/wrong magic/);
  });
});

describe('blending looks', () => {
  it('is the same blend of the lattices, and resamples looks of other sizes onto the largest', () => {
    const a = warmLook(9);
    const b = identityLut(9);
    const half = blendLooks([a, b], [1, 1]);
    const expected = a.data.map((v, i) => 0.5 * v + 0.5 * b.data[i]);
    expect(maxDifference(half.data, expected)).toBeLessThan(1e-6);
    const mixed = blendLooks([a, identityLut(5)], [0.5, 0.5]);
    expect(mixed.size).toBe(9);
    const out = [0, 0, 0];
    sampleLut(mixed, [0.5, 0.5, 0.5], out);
    const ref = [0, 0, 0];
    sampleLut(a, [0.5, 0.5, 0.5], ref);
    expect(out[0]).toBeCloseTo(0.5 * ref[0] + 0.25, 5);
    expect(() => blendLooks([a, b], [1])).toThrow(/2 looks but 1/);
  });
});

describe('learning many looks on every core', () => {
  it('learns each look once, in worker threads, reporting each as it ends, and a failing look does not stop the others', async () => {
    const { lut } = await readLutFile(fixture('nilut-paper/LUT01.cube'));
    const broken = { ...lut, size: 4, data: new Float32Array(3) }; // too few values for its size
    const learned: string[] = [];
    const failed: string[] = [];
    await learnLooks(
      [
        { key: 'lut01', name: 'LUT01', lut },
        { key: 'warm', name: 'Warm', lut: warmLook(17) },
        { key: 'broken', name: 'Broken', lut: broken },
      ],
      {
        threads: 2,
        poolSize: 20_000,
        onLearned: (key, look) => {
          expect(look.lattice.size).toBe(look.size);
          learned.push(key);
        },
        onFailed: (key, error) => {
          expect(error.message).toMatch(/^Broken: /);
          failed.push(key);
        },
      },
    );
    expect(learned.sort()).toEqual(['lut01', 'warm']);
    expect(failed).toEqual(['broken']);
  });

  it('stops at once when cancelled, saying how many looks were done', async () => {
    const controller = new AbortController();
    const items = Array.from({ length: 6 }, (_, i) => ({ key: i, name: `look ${i}`, lut: warmLook(17) }));
    const run = learnLooks(items, { threads: 2, signal: controller.signal, onLearned: () => controller.abort() });
    await expect(run).rejects.toThrow(/cancelled after \d of 6 looks/);
  });
});
