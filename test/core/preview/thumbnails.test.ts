import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../main/core/library/catalogue.js';
import { installSamples } from '../../../main/core/library/samples.js';
import { PreviewPhoto } from '../../../main/core/preview/preview-photo.js';
import { PreviewRenderer } from '../../../main/core/preview/preview-renderer.js';
import { renderThumbnails } from '../../../main/core/preview/thumbnails.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();

describe('preset thumbnails', () => {
  it('renders JPEGs of a LUT, a model and a blend, then serves them from the library cache', async () => {
    const library = libraries.open();
    const ids = (await installSamples(library)).presetIds;
    const renderer = new PreviewRenderer(library);
    const photo = await PreviewPhoto.open(fixture('photos/kodim04.png'));
    const first = await renderThumbnails(renderer, photo, ids, 96);
    expect(first.map((t) => [t.presetId, t.error, t.cached])).toEqual(ids.map((id) => [id, null, false]));
    for (const t of first) {
      const meta = await sharp(t.jpeg!).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 64, 96]);
    }
    const second = await renderThumbnails(new PreviewRenderer(library), photo, ids, 96);
    expect(second.map((t) => t.cached)).toEqual(ids.map(() => true));
    expect(second.map((t) => Buffer.from(t.jpeg!))).toEqual(first.map((t) => Buffer.from(t.jpeg!)));
    // Another size or another photo is another thumbnail.
    expect((await renderThumbnails(renderer, photo, ids.slice(0, 1), 64))[0].cached).toBe(false);
    const other = await PreviewPhoto.open(fixture('photos/kodim23.png'));
    expect((await renderThumbnails(renderer, other, ids.slice(0, 1), 96))[0].cached).toBe(false);
    renderer.close();
  });

  it('reports a LUT preset whose file was lost and an unknown id in their own items, and renders the rest', async () => {
    const library = libraries.open();
    const [modelId, lutId] = (await installSamples(library)).presetIds;
    rmSync(library.blobs.pathOf(getPreset(library, lutId).blobHash!));
    const renderer = new PreviewRenderer(library);
    const photo = await PreviewPhoto.open(fixture('photos/kodim23.png'));
    const [lost, model, unknown] = await renderThumbnails(renderer, photo, [lutId, modelId, 4242], 64);
    expect(lost).toMatchObject({ presetId: lutId, jpeg: null, cached: false });
    expect(lost.error).toMatch(new RegExp(`preset ${lutId} \\(LUT01\\) has lost its stored file`));
    expect(model).toMatchObject({ presetId: modelId, error: null });
    expect(model.jpeg!.length).toBeGreaterThan(500);
    expect(unknown).toMatchObject({ presetId: 4242, jpeg: null });
    expect(unknown.error).toMatch(/has no preset 4242/);
    renderer.close();
  });
});
