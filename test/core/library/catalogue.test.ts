import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/core/library/blob-store.js';
import { countPresets, getPreset, listPresets } from '../../../main/core/library/catalogue.js';
import { expandImportPaths, importPaths } from '../../../main/core/library/import.js';
import { listJobs } from '../../../main/core/library/jobs.js';
import {
  addTags,
  addToCollection,
  createBlend,
  removePreset,
  removeTags,
  renamePreset,
  setFavourite,
  setNotes,
  setRating,
} from '../../../main/core/library/preset-edits.js';
import { installSamples } from '../../../main/core/library/samples.js';
import { readLutFile } from '../../../main/core/lut/lut-file.js';
import { readModelFile } from '../../../main/core/nilut/model-file.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

/** What the readers themselves make of every importable file: the oracle for the import counts. */
async function readableContents(dirs: string[]): Promise<{ good: Set<string>; bad: string[] }> {
  const good = new Set<string>();
  const bad: string[] = [];
  for (const file of expandImportPaths(dirs).files) {
    try {
      if (/\.(nilut|pt|pth)$/i.test(file)) await readModelFile(file);
      else await readLutFile(file);
      good.add(sha256Hex(readFileSync(file)));
    } catch {
      bad.push(file);
    }
  }
  return { good, bad };
}

function everyPresetHasItsBlob(library: ReturnType<typeof libraries.open>): void {
  for (const preset of listPresets(library)) if (preset.blobHash) expect(library.blobs.has(preset.blobHash), preset.name).toBe(true);
}

describe('importing into the library', () => {
  it('imports every good file of the LUT fixtures and the paper folder, reports the bad ones, and the counts hold after a restart', async () => {
    const dirs = [fixture('luts'), fixture('nilut-paper')];
    const { good, bad } = await readableContents(dirs);
    const dir = libraries.dir();
    const library = libraries.open(dir);
    const report = await importPaths(library, dirs);
    expect(report.imported.length).toBe(good.size);
    expect(report.failed.map((f) => f.file).sort()).toEqual(bad.sort());
    for (const failure of report.failed) expect(failure.error).toContain(path.basename(failure.file));
    expect(report.skipped.some((f) => f.endsWith('README.md'))).toBe(true);
    // One learn job for all the new LUTs, not a fit each.
    expect(report.learnJob).toEqual(expect.any(Number));
    library.close();

    const reopened = libraries.open(dir);
    expect(countPresets(reopened)).toBe(good.size);
    expect(listJobs(reopened, ['queued']).map((j) => [j.id, j.kind])).toEqual([[report.learnJob, 'learn']]);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    everyPresetHasItsBlob(reopened);
    const velvia = listPresets(reopened, { text: 'velvia' });
    expect(velvia.map((p) => [p.name, p.sourceFormat, p.latticeSize])).toEqual([['rawtherapee_Fuji_Velvia_50', 'hald', 144]]);
  });

  it('treats the same content twice as one preset, reported as a duplicate', async () => {
    const library = libraries.open();
    const file = fixture('luts/cube/generated_grayscale_32.cube');
    const first = await importPaths(library, [file]);
    const second = await importPaths(library, [file]);
    expect(first.imported.length).toBe(1);
    expect(second.imported).toEqual([]);
    expect(second.duplicates).toEqual([{ file, presetId: first.imported[0].presetId }]);
    expect(second.failed).toEqual([]);
    expect(countPresets(library)).toBe(1);
  });

  it("stores the paper's PyTorch model converted to .nilut, with its architecture", async () => {
    const library = libraries.open();
    const report = await importPaths(library, [fixture('nilut-paper/nilutx3style.pt')]);
    const preset = getPreset(library, report.imported[0].presetId);
    expect(preset).toMatchObject({ kind: 'model', sourceFormat: 'pytorch', originalName: 'nilutx3style.pt' });
    const model = library.db.prepare('SELECT units, layers, styles FROM models WHERE id = ?').get(preset.modelId);
    expect(model).toEqual({ units: 256, layers: 2, styles: 3 });
    expect(readFileSync(library.blobs.pathOf(preset.blobHash!)).subarray(0, 5).toString('latin1')).toBe('NILUT');
  });
});

describe('first run', () => {
  it('offers a LUT, a learned model and a blend, once', async () => {
    const library = libraries.open();
    const report = await installSamples(library);
    expect(report.presetIds.length).toBe(3);
    expect(
      listPresets(library)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['blend', 'lut', 'model']);
    const lut = listPresets(library, { kind: 'lut' })[0];
    // The paper's model learned LUT01, so no fit is queued for it; like any new LUT, it is queued for learning its compact look.
    expect(lut.hasModel).toBe(true);
    expect(listJobs(library).map((j) => [j.kind, j.state, j.payload])).toEqual([['learn', 'queued', {}]]);
    expect((await installSamples(library)).alreadyThere).toBe(true);
    expect(countPresets(library)).toBe(3);
  });
});

describe('browsing and managing', () => {
  async function libraryWithLooks() {
    const library = libraries.open();
    await importPaths(library, [fixture('luts/hald'), fixture('luts/cube/generated_grayscale_32.cube')], { queueFits: false });
    return library;
  }

  it('filters by kind, tag, collection, favourite, rating and learned model, and sorts', async () => {
    const library = await libraryWithLooks();
    const byName = (name: string) => listPresets(library).find((p) => p.name.includes(name))!;
    const velvia = byName('Velvia'),
      portra = byName('Portra'),
      grey = byName('grayscale');
    addTags(library, velvia.id, ['slide', 'saturated']);
    addTags(library, portra.id, ['negative', 'Portrait']);
    addToCollection(library, velvia.id, 'Landscapes');
    setFavourite(library, portra.id, true);
    setRating(library, grey.id, 4);
    setRating(library, velvia.id, 5);
    expect(listPresets(library, { tag: 'slide' }).map((p) => p.id)).toEqual([velvia.id]);
    expect(listPresets(library, { tag: 'portrait' }).map((p) => p.id)).toEqual([portra.id]);
    expect(listPresets(library, { collection: 'landscapes' }).map((p) => p.id)).toEqual([velvia.id]);
    expect(listPresets(library, { favourite: true }).map((p) => p.id)).toEqual([portra.id]);
    expect(listPresets(library, { minRating: 4, sort: 'rating', descending: true }).map((p) => p.id)).toEqual([velvia.id, grey.id]);
    expect(listPresets(library, { hasModel: true })).toEqual([]);
    const names = listPresets(library, { sort: 'name' }).map((p) => p.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(listPresets(library, { kind: 'model' })).toEqual([]);
  });

  it('finds presets by words in names, tags and notes, and never reads punctuation as query syntax', async () => {
    const library = await libraryWithLooks();
    const horror = listPresets(library).find((p) => p.name.includes('HorrorBlue'))!;
    setNotes(library, horror.id, 'Cold night scenes — moonlight');
    addTags(library, horror.id, ['teal']);
    expect(listPresets(library, { text: 'moon' }).map((p) => p.id)).toEqual([horror.id]);
    expect(listPresets(library, { text: 'TEAL' }).map((p) => p.id)).toEqual([horror.id]);
    expect(listPresets(library, { text: 'kodak' }).length).toBe(3);
    expect(listPresets(library, { text: 'kodak portra' }).length).toBe(1);
    expect(listPresets(library, { text: '"unbalanced AND (' })).toEqual([]);
    expect(listPresets(library, { text: '***' })).toEqual([]);
    removeTags(library, horror.id, ['teal']);
    expect(listPresets(library, { text: 'teal' })).toEqual([]);
    renamePreset(library, horror.id, 'Midnight');
    expect(listPresets(library, { text: 'midnight' }).map((p) => p.id)).toEqual([horror.id]);
  });

  it('finds words inside words ("chrome" finds Kodachrome), and one or two letters as word starts', async () => {
    const library = await libraryWithLooks();
    const [first, second] = listPresets(library);
    renamePreset(library, first.id, 'Quixachromz 64');
    addTags(library, second.id, ['portrait', 'warm']);
    expect(listPresets(library, { text: 'achromz' }).map((p) => p.id)).toEqual([first.id]);
    expect(listPresets(library, { text: 'XACHRO 64' }).map((p) => p.id)).toEqual([first.id]);
    expect(listPresets(library, { text: 'trait arm' }).map((p) => p.id)).toEqual([second.id]);
    // Two letters are too short for a trigram: they match the start of a word, as before.
    expect(listPresets(library, { text: 'qu' }).map((p) => p.id)).toContain(first.id);
    expect(listPresets(library, { text: 'ix' }).map((p) => p.id)).not.toContain(first.id);
    removeTags(library, second.id, ['portrait']);
    expect(listPresets(library, { text: 'trait' })).toEqual([]);
  });

  it('filters by the format a preset was imported from', async () => {
    const library = await libraryWithLooks();
    const all = listPresets(library);
    const formats = new Set(all.map((p) => p.sourceFormat));
    expect(formats.size).toBeGreaterThan(1);
    for (const format of formats) {
      if (format === null) continue;
      const listed = listPresets(library, { sourceFormat: format });
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((p) => p.sourceFormat === format)).toBe(true);
    }
  });

  it('removing a preset collects its stored file only when nothing else uses it', async () => {
    const library = await libraryWithLooks();
    const preset = listPresets(library)[0];
    const blob = library.blobs.pathOf(preset.blobHash!);
    expect(existsSync(blob)).toBe(true);
    const report = removePreset(library, preset.id);
    expect(report.blobsCollected).toBe(1);
    expect(existsSync(blob)).toBe(false);
    expect(() => getPreset(library, preset.id)).toThrow(/has no preset/);
    expect(library.db.pragma('foreign_key_check')).toEqual([]);
    everyPresetHasItsBlob(library);
  });

  it('removing a model removes its blends with it and keeps the LUTs', async () => {
    const library = libraries.open();
    await installSamples(library);
    const model = listPresets(library, { kind: 'model' })[0];
    const blend = createBlend(library, model.modelId!, 'Mostly style 3', [0, 1, 3]);
    expect(blend.blendWeights).toEqual([0, 0.25, 0.75]);
    const report = removePreset(library, model.id);
    expect(report.blendsRemoved.length).toBe(2);
    expect(listPresets(library).map((p) => p.kind)).toEqual(['lut']);
    expect(listPresets(library)[0].hasModel).toBe(false);
    const blobs = readdirSync(library.blobs.root).flatMap((shard) => readdirSync(path.join(library.blobs.root, shard)));
    expect(blobs).toEqual([listPresets(library)[0].blobHash]);
  });

  it('refuses bad edits with a message that says what was wrong', async () => {
    const library = await libraryWithLooks();
    const id = listPresets(library)[0].id;
    expect(() => setRating(library, id, 6)).toThrow(/rating is an integer from 0 to 5, not 6/);
    expect(() => renamePreset(library, id, '   ')).toThrow(/preset name must be 1 to 200 characters/);
    expect(() => setFavourite(library, 9999, true)).toThrow(/has no preset 9999/);
    expect(statSync(library.file).size).toBeGreaterThan(0);
  });
});
