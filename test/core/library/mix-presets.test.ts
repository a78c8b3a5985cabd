import { describe, expect, it } from 'vitest';
import { prepareLut } from '../../../main/core/lut/apply.js';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { importPaths } from '../../../main/core/library/import.js';
import { addTags, createBlend, createMix, removePreset } from '../../../main/core/library/preset-edits.js';
import { latticeOfPreset, lutOfPreset, mixOfSources } from '../../../main/core/library/preset-looks.js';
import { installSamples } from '../../../main/core/library/samples.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

async function libraryWithLuts() {
  const library = libraries.open();
  await importPaths(
    library,
    [fixture('nilut-paper/LUT01.cube'), fixture('luts/3dl/ocio_discreet_17.3dl'), fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png')],
    {
      queueFits: false,
    },
  );
  const byName = (part: string) => listPresets(library).find((p) => p.name.toLowerCase().includes(part))!;
  return { library, lut01: byName('lut01'), discreet: byName('discreet'), velvia: byName('velvia') };
}

function randomPixels(count: number): Uint8Array {
  const pixels = new Uint8Array(count * 3);
  let s = 11;
  for (let i = 0; i < pixels.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    pixels[i] = s >>> 24;
  }
  return pixels;
}

describe('mix presets: blends of any presets', () => {
  it('saves a blend of LUT presets as its sources and normalised weights, and grades with their exact mix', async () => {
    const { library, lut01, discreet } = await libraryWithLuts();
    const mix = createMix(library, 'Warm mix', [
      { presetId: lut01.id, weight: 3 },
      { presetId: discreet.id, weight: 1 },
    ]);
    expect(mix).toMatchObject({ kind: 'mix', name: 'Warm mix', blobHash: null, modelId: null });
    expect(mix.mixSources).toEqual([
      { presetId: lut01.id, weight: 0.75 },
      { presetId: discreet.id, weight: 0.25 },
    ]);
    expect(getPreset(library, lut01.id).usedByMixes).toBe(1);

    // Graded once with the mixed lattice, it equals the two looks graded separately and mixed.
    const lattice = await latticeOfPreset(library, mix);
    const pixels = randomPixels(30000);
    const once = pixels.slice();
    prepareLut(lattice).applyTo(once, 3);
    const [a, b] = [await lutOfPreset(library, lut01), await lutOfPreset(library, discreet)].map((lut) => {
      const out = pixels.slice();
      prepareLut(lut).applyTo(out, 3);
      return out;
    });
    let worst = 0;
    for (let i = 0; i < pixels.length; i++) worst = Math.max(worst, Math.abs(once[i] - (0.75 * a[i] + 0.25 * b[i])));
    expect(worst).toBeLessThanOrEqual(1);
    expect((await mixOfSources(library, mix.mixSources!)).fidelity).toBe('exact');
  });

  it('blends a model, a model blend and another mix, and says a model makes it inexact', async () => {
    const library = libraries.open();
    await installSamples(library);
    const model = listPresets(library, { kind: 'model' })[0];
    const lut = listPresets(library, { kind: 'lut' })[0];
    const blend = createBlend(library, model.modelId!, 'Half and half', [1, 1, 0]);
    const inner = createMix(library, 'Inner', [
      { presetId: lut.id, weight: 1 },
      { presetId: blend.id, weight: 1 },
    ]);
    const outer = createMix(library, 'Outer', [
      { presetId: inner.id, weight: 1 },
      { presetId: model.id, weight: 1 },
    ]);
    const mixed = await mixOfSources(library, outer.mixSources!);
    expect(mixed.fidelity).toBe('baked');
    expect(mixed.lut.size).toBe(33);
    expect(mixed.lut.data.every(Number.isFinite)).toBe(true);
  });

  it('refuses a blend that names a missing preset, one preset twice, bad weights or a bad name, and saves nothing', async () => {
    const { library, lut01, discreet } = await libraryWithLuts();
    const before = listPresets(library).length;
    expect(() => createMix(library, 'x', [{ presetId: 9999, weight: 1 }])).toThrow(/has no preset 9999/);
    expect(() =>
      createMix(library, 'x', [
        { presetId: lut01.id, weight: 1 },
        { presetId: lut01.id, weight: 2 },
      ]),
    ).toThrow(/given twice/);
    expect(() => createMix(library, 'x', [{ presetId: lut01.id, weight: -1 }])).toThrow(/finite and ≥ 0/);
    expect(() => createMix(library, 'x', [{ presetId: discreet.id, weight: 0 }])).toThrow(/not all be 0/);
    expect(() => createMix(library, '  ', [{ presetId: discreet.id, weight: 1 }])).toThrow(/blend name must be 1 to 200/);
    expect(listPresets(library).length).toBe(before);
  });

  it('removes the mixes that use a removed preset, directly or through another mix, and keeps the rest', async () => {
    const { library, lut01, discreet, velvia } = await libraryWithLuts();
    const a = createMix(library, 'A', [
      { presetId: lut01.id, weight: 1 },
      { presetId: discreet.id, weight: 1 },
    ]);
    const b = createMix(library, 'B', [
      { presetId: a.id, weight: 1 },
      { presetId: velvia.id, weight: 1 },
    ]);
    const c = createMix(library, 'C', [
      { presetId: discreet.id, weight: 1 },
      { presetId: velvia.id, weight: 1 },
    ]);
    addTags(library, b.id, ['client']);
    const report = removePreset(library, lut01.id);
    expect(report.removed).toEqual([lut01.id]);
    expect([...report.blendsRemoved].sort()).toEqual([a.id, b.id].sort());
    expect(listPresets(library).map((p) => p.id)).toEqual(expect.arrayContaining([discreet.id, velvia.id, c.id]));
    expect(listPresets(library).length).toBe(3);
    expect(library.db.pragma('foreign_key_check')).toEqual([]);
    // The database itself refuses to orphan a mix.
    expect(() => library.db.prepare('DELETE FROM presets WHERE id = ?').run(discreet.id)).toThrow(/FOREIGN KEY/);
  });

  it('removing a model removes the mixes of its blends too', async () => {
    const library = libraries.open();
    await installSamples(library);
    const model = listPresets(library, { kind: 'model' })[0];
    const lut = listPresets(library, { kind: 'lut' })[0];
    const blend = createBlend(library, model.modelId!, 'Style 2', [0, 1, 0]);
    const mix = createMix(library, 'With the blend', [
      { presetId: lut.id, weight: 1 },
      { presetId: blend.id, weight: 1 },
    ]);
    const report = removePreset(library, model.id);
    expect(report.blendsRemoved).toEqual(expect.arrayContaining([blend.id, mix.id]));
    expect(listPresets(library).map((p) => p.kind)).toEqual(['lut']);
    expect(library.db.pragma('foreign_key_check')).toEqual([]);
  });
});
