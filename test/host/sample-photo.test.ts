import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { samplePhotoPath, samplesDir } from '../../main/core/library/samples.js';
import type { ImportResult, PhotoInfo, PreviewImage, Thumbnail } from '../../main/contract/contract.js';
import { useIpcHosts } from '../support/host.js';

const hosts = useIpcHosts();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The sample LUT as bytes, the way a browser uploads a dropped file (no path, no grant). */
async function importSampleLut(value: <T>(channel: string, request?: unknown) => Promise<T>): Promise<number> {
  const bytes = new Uint8Array(readFileSync(path.join(samplesDir(), 'LUT01.cube')));
  const report = await value<ImportResult>('library.importFiles', { files: [{ name: 'LUT01.cube', bytes }], queueFits: false });
  return report.imported[0].presetId;
}

describe('host: the sample photo', () => {
  it('is the current photo of a new library, even one started without the sample presets', async () => {
    const { value } = await hosts.start({ samples: false });
    const photo = await value<PhotoInfo>('photos.current', {});
    expect(photo).toEqual({ hash: sha256(readFileSync(samplePhotoPath())), name: 'Kodak kodim12', width: 768, height: 512, sample: true });
  });

  it('previews and thumbnails every look on it without resources/ being granted to the renderer', async () => {
    const { host, value } = await hosts.start();
    const presetId = await importSampleLut(value);
    const image = await value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId }, maxEdge: 384 });
    expect([image.width, image.height]).toEqual([384, 256]);
    const [thumbnail] = await value<Thumbnail[]>('preview.thumbnails', { presetIds: [presetId], size: 128 });
    expect(thumbnail.error).toBeNull();
    expect(thumbnail.jpeg?.byteLength).toBeGreaterThan(100);
    // Main reads the sample itself; the renderer still may not name files in resources/.
    const named = await host.call('photos.open', { path: samplePhotoPath() });
    expect(named.ok ? 'ok' : named.error.code).toBe('forbidden-path');
  });

  it('is replaced by the photo the user opens, by path or as bytes', async () => {
    const { dir, value } = await hosts.start();
    const file = path.join(dir, 'mine.png');
    await sharp({ create: { width: 60, height: 40, channels: 3, background: '#8a6' } })
      .png()
      .toFile(file);
    const opened = await value<PhotoInfo>('photos.open', { path: file });
    expect(opened).toMatchObject({ name: 'mine.png', width: 60, height: 40, sample: false });
    expect(await value('photos.current', {})).toEqual(opened);
    const bytes = new Uint8Array(
      await sharp({ create: { width: 30, height: 20, channels: 3, background: '#456' } })
        .jpeg()
        .toBuffer(),
    );
    const dropped = await value<PhotoInfo>('photos.openBytes', { name: 'dropped.jpg', bytes });
    expect(dropped).toMatchObject({ name: 'dropped.jpg', sample: false });
    expect(await value('photos.current', {})).toEqual(dropped);
  });

  it('leaves no current photo when the sample cannot be read, and previews say why', async () => {
    const { host, value } = await hosts.start({ samplePhoto: path.join(samplesDir(), 'photos', 'no-such-photo.png') });
    expect(await value('photos.current', {})).toBeNull();
    const presetId = await importSampleLut(value);
    const result = await host.call('preview.thumbnails', { presetIds: [presetId] });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(
          /^no photo is open and the sample photo could not be read \(no-such-photo\.png: cannot be read \(ENOENT\)\): open a photo/,
        ),
      },
    });
  });
});
