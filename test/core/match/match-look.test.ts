/**
 * Matching a look against a real library (SQLite in a temporary folder, the fixtures' LUTs
 * imported as a person would): a known blend of three of its looks is found with its weights,
 * a look it cannot make is answered with its nearest blends and errors that say so.
 */
import { describe, expect, it } from 'vitest';
import { compareColours } from '../../../main/core/color/metrics.js';
import { Cancelled } from '../../../main/core/errors.js';
import { listPresets } from '../../../main/core/library/catalogue.js';
import type { Library } from '../../../main/core/library/library.js';
import { latticeOfPreset } from '../../../main/core/library/preset-looks.js';
import { createMix } from '../../../main/core/library/preset-edits.js';
import { seededRandom } from '../../../main/core/lut/image-pair.js';
import type { Lut3D } from '../../../main/core/lut/lut.js';
import { identityLut } from '../../../main/core/lut/lut.js';
import { resampleLut } from '../../../main/core/lut/sample.js';
import { libraryLooks } from '../../../main/core/match/library-looks.js';
import { matchLook } from '../../../main/core/match/match-look.js';
import { colourGrid, throughLut } from '../../../main/core/nilut/evaluation-samples.js';
import { libraryOfFixtures, useTemporaryLibraries } from '../../support/library.js';

const libraries = useTemporaryLibraries();

const LOOK_FILES = [
  'nilut-paper/LUT01.cube',
  'luts/hald/pillowlut_hald6_hefe.png',
  'luts/hald/rawtherapee_Fuji_Velvia_50.png',
  'luts/hald/rawtherapee_Kodak_TRI-X_400_2.png',
  'luts/png-square64/gpuimage_lookup_amatorka.png',
  'luts/png-square64/gpuimage_lookup_miss_etikate.png',
  'luts/png-square64/generated_teal_lows_orange_highs.png',
  'luts/png-square64/generated_black_and_white.png',
];

function libraryOfLooks(): Promise<Library> {
  return libraryOfFixtures(libraries, LOOK_FILES);
}

const presetNamed = (library: Library, name: string) => listPresets(library).find((p) => p.name === name)!;

/** Σ wᵢ·lutᵢ on a common 33³ grid, each value moved by up to ±0.003 (seeded): a known blend, not quite exact. */
function noisyBlend(luts: readonly Lut3D[], weights: readonly number[]): Lut3D {
  const grid = identityLut(33);
  const data = new Float32Array(grid.data.length);
  luts.forEach((lut, i) => resampleLut(lut, 33).data.forEach((v, o) => (data[o] += weights[i] * v)));
  const random = seededRandom(5);
  for (let o = 0; o < data.length; o++) data[o] = Math.min(1, Math.max(0, data[o] + (random() - 0.5) * 0.006));
  return { ...grid, data };
}

describe('matchLook', () => {
  it('finds a noisy blend of three library looks with every weight within 0.05 and ΔE2000 mean ≤ 0.3', async () => {
    const library = await libraryOfLooks();
    const names = ['rawtherapee_Fuji_Velvia_50', 'gpuimage_lookup_amatorka', 'LUT01'];
    const weights = [0.5, 0.3, 0.2];
    const parts = await Promise.all(names.map((n) => latticeOfPreset(library, presetNamed(library, n))));
    const result = await matchLook({ kind: 'lattice', lut: noisyBlend(parts, weights) }, libraryLooks(library), { maxLooks: 3, candidates: 5 });

    const best = result.candidates[0];
    expect(best.parts.map((p) => p.name).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) expect(Math.abs(best.parts.find((p) => p.name === name)!.weight - weights[i])).toBeLessThanOrEqual(0.05);
    expect(best.deltaE2000.mean).toBeLessThanOrEqual(0.3);
    expect(best.verdict).toBe('indistinguishable');
    expect(result.looks).toBe(LOOK_FILES.length);
    // The best single look and pair are listed too, each further from the target than the blend of three.
    expect(result.candidates.some((c) => c.parts.length === 1)).toBe(true);
    expect(result.candidates.some((c) => c.parts.length === 2)).toBe(true);
    for (const c of result.candidates.slice(1)) expect(c.deltaE2000.mean).toBeGreaterThanOrEqual(best.deltaE2000.mean);
    const keys = result.candidates.map((c) =>
      c.parts
        .map((p) => p.presetId)
        .sort()
        .join(','),
    );
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);

  it('answers a look the library cannot make with its nearest blends and errors it measures honestly', async () => {
    const library = await libraryOfLooks();
    // Channels rotated (r,g,b → g,b,r): every hue turned, which no convex blend of these looks can do.
    const grid = identityLut(17);
    const rotated: Lut3D = { ...grid, data: grid.data.map((_, o) => grid.data[o - (o % 3) + (((o % 3) + 1) % 3)]) };
    const result = await matchLook({ kind: 'lattice', lut: rotated }, libraryLooks(library), { maxLooks: 3, candidates: 4 });

    expect(result.candidates.length).toBe(4);
    for (const c of result.candidates) {
      expect(c.verdict).not.toBe('indistinguishable');
      expect(c.deltaE2000.mean).toBeGreaterThan(5);
    }
    // The error reported is the blend's own: mixing the looks' outputs on colours the match never saw gives about the same.
    const best = result.candidates[0];
    const colours = colourGrid(21);
    const blend = new Float32Array(colours.length);
    for (const part of best.parts) {
      const outputs = throughLut(await latticeOfPreset(library, presetNamed(library, part.name)), colours);
      outputs.forEach((v, o) => (blend[o] += part.weight * v));
    }
    const independent = compareColours(throughLut(rotated, colours), blend).deltaE2000.mean;
    expect(Math.abs(independent - best.deltaE2000.mean) / independent).toBeLessThan(0.25);
  }, 60_000);

  it('with at most one look returns single looks, the nearest first', async () => {
    const library = await libraryOfLooks();
    const target = presetNamed(library, 'rawtherapee_Kodak_TRI-X_400_2');
    const lut = await latticeOfPreset(library, target);
    const result = await matchLook({ kind: 'lattice', lut }, libraryLooks(library, { exclude: target.id }), { maxLooks: 1, candidates: 3 });
    expect(result.looks).toBe(LOOK_FILES.length - 1);
    expect(result.candidates.length).toBe(3);
    for (const c of result.candidates) {
      expect(c.parts.length).toBe(1);
      expect(c.parts[0].weight).toBe(1);
    }
    // Tri-X is black and white: the nearest single look is the other black and white one.
    expect(result.candidates[0].parts[0].name).toBe('generated_black_and_white');
  }, 60_000);

  it('finds the sources of a saved mix, and never offers a mix as a look', async () => {
    const library = await libraryOfLooks();
    const velvia = presetNamed(library, 'rawtherapee_Fuji_Velvia_50');
    const lut01 = presetNamed(library, 'LUT01');
    const mix = createMix(library, 'Velvia and LUT01', [
      { presetId: velvia.id, weight: 0.7 },
      { presetId: lut01.id, weight: 0.3 },
    ]);
    const other = createMix(library, 'Tri-X and teal', [
      { presetId: presetNamed(library, 'rawtherapee_Kodak_TRI-X_400_2').id, weight: 0.5 },
      { presetId: presetNamed(library, 'generated_teal_lows_orange_highs').id, weight: 0.5 },
    ]);
    const looks = libraryLooks(library, { exclude: mix.id });
    expect(looks.map((l) => l.presetId)).not.toContain(other.id);
    const result = await matchLook({ kind: 'lattice', lut: await latticeOfPreset(library, mix) }, looks);
    const best = result.candidates[0];
    expect(best.parts.map((p) => [p.name, Number(p.weight.toFixed(2))])).toEqual([
      ['rawtherapee_Fuji_Velvia_50', 0.7],
      ['LUT01', 0.3],
    ]);
    expect(best.verdict).toBe('indistinguishable');
  }, 60_000);

  it('stops with Cancelled when its signal fires', async () => {
    const library = await libraryOfLooks();
    const controller = new AbortController();
    const run = matchLook({ kind: 'lattice', lut: identityLut(9) }, libraryLooks(library), {
      signal: controller.signal,
      onProgress: (p) => p.stage === 'looks' && p.done === 2 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(Cancelled);
  }, 60_000);
});
