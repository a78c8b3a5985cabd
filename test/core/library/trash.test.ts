/** Undoing a removal: the trash keeps what went (rows and stored files) and puts it back whole. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { collectUnreferencedBlobs } from '../../../main/core/library/garbage.js';
import { importPaths } from '../../../main/core/library/import.js';
import { learnedLookOf, saveLearnedLook } from '../../../main/core/library/learned-looks.js';
import { addTags, createBlend, createMix, editPreset, removePreset, restoreRemoval } from '../../../main/core/library/preset-edits.js';
import { emptyTrash } from '../../../main/core/library/trash.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

async function library() {
  const lib = libraries.open();
  await importPaths(lib, [fixture('nilut-paper/LUT01.cube'), fixture('luts/3dl/ocio_discreet_17.3dl'), fixture('nilut-paper/nilutx3style.pt')], {
    queueFits: false,
  });
  const byName = (part: string) => listPresets(lib).find((p) => p.name.toLowerCase().includes(part))!;
  return { lib, lut01: byName('lut01'), discreet: byName('discreet'), model: byName('nilutx3style') };
}

describe('the trash', () => {
  it('puts back a removed LUT with its tags, collections, learned look, stored file and the blend of presets that used it', async () => {
    const { lib, lut01, discreet } = await library();
    addTags(lib, lut01.id, ['portrait', 'warm']);
    editPreset(lib, { id: lut01.id, addToCollection: 'Weddings', rating: 4, favourite: true, notes: 'golden hour' });
    const look = { presetId: lut01.id, sourceHash: lut01.contentHash!, size: 9, code: new Uint8Array([1, 9, 255, 0]), metGoal: true, seconds: 1.5 };
    saveLearnedLook(lib, { ...look, fidelity: { mean: 0.3, p95: 0.9, max: 2.1, gridMean: 0.5 } });
    const mix = createMix(lib, 'Warm mix', [
      { presetId: lut01.id, weight: 3 },
      { presetId: discreet.id, weight: 1 },
    ]);
    const before = [getPreset(lib, lut01.id), getPreset(lib, mix.id)];
    const blob = lib.blobs.pathOf(lut01.blobHash!);

    const report = removePreset(lib, lut01.id, { keep: true });
    expect(report.blendsRemoved).toEqual([mix.id]);
    expect(listPresets(lib, { text: 'golden' })).toEqual([]);
    // Kept while the trash names it, even through a garbage collection.
    collectUnreferencedBlobs(lib);
    expect(existsSync(blob)).toBe(true);

    expect(restoreRemoval(lib, report.trashId!).sort()).toEqual([lut01.id, mix.id].sort());
    expect([getPreset(lib, lut01.id), getPreset(lib, mix.id)]).toEqual(before);
    expect(learnedLookOf(lib, lut01.id)?.code).toEqual(look.code);
    expect(listPresets(lib, { text: 'golden' }).map((p) => p.id)).toEqual([lut01.id]);
    expect(lib.db.pragma('foreign_key_check')).toEqual([]);
    expect(() => restoreRemoval(lib, report.trashId!)).toThrow(/has no removal/);
  });

  it('puts back a model preset with its model and the blends saved from it; an emptied trash lets the files go', async () => {
    const { lib, model } = await library();
    const blend = createBlend(lib, model.modelId!, 'Half warm', [0.5, 0.25, 0.25]);
    const before = [getPreset(lib, model.id), getPreset(lib, blend.id)];
    const report = removePreset(lib, model.id, { keep: true });
    expect(report.blendsRemoved).toEqual([blend.id]);
    restoreRemoval(lib, report.trashId!);
    expect([getPreset(lib, model.id), getPreset(lib, blend.id)]).toEqual(before);

    const again = removePreset(lib, model.id, { keep: true });
    const blob = lib.blobs.pathOf(model.blobHash!);
    emptyTrash(lib);
    collectUnreferencedBlobs(lib);
    expect(existsSync(blob)).toBe(false);
    expect(() => restoreRemoval(lib, again.trashId!)).toThrow(/has no removal/);
  });
});
