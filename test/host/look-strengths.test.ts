/**
 * Colour and tone strengths over IPC (issue 16): preview.render, grading.start and
 * library.export take colourStrength and toneStrength, grade exactly as the core's derived lattice does, leave
 * the output untouched at 1 and 1, and refuse a value outside 0..1 as an invalid request.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PresetSummary, PreviewImage } from '../../main/contract/contract.js';
import { readImage } from '../../main/core/grading/image-io.js';
import { prepareLut } from '../../main/core/lut/apply.js';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { withLookStrengths } from '../../main/core/lut/look-strengths.js';
import { PreviewPhoto } from '../../main/core/preview/preview-photo.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();
const LUT01 = fixture('nilut-paper', 'LUT01.cube');
const PHOTO = fixture('photos', 'kodim23.png');

async function hostWithLut01() {
  const t = await hosts.start();
  t.host.grant([fixture('nilut-paper'), fixture('photos')]);
  await t.value('library.import', { paths: [LUT01], queueFits: false });
  const [lut] = await t.value<PresetSummary[]>('library.list', {});
  return { t, look: { kind: 'preset' as const, presetId: lut.id } };
}

describe('host: colour and tone strengths', () => {
  it('renders the preview through the derived lattice, and at 1 and 1 exactly as without them', async () => {
    const { t, look } = await hostWithLut01();
    await t.value('photos.open', { path: PHOTO });
    const render = (request: object) => t.value<PreviewImage>('preview.render', { look, maxEdge: 384, quality: 'full', ...request });
    const source = await (await PreviewPhoto.open(PHOTO)).pixelsAt(384);
    const { lut } = await readLutFile(LUT01);

    const faded = await render({ colourStrength: 0.25, toneStrength: 0.8, strength: 0.9 });
    const expected = source.pixels.slice();
    prepareLut(withLookStrengths(lut, { colour: 0.25, tone: 0.8 }), { strength: 0.9 }).applyTo(expected, 4);
    expect(Buffer.from(faded.pixels).equals(Buffer.from(expected))).toBe(true);

    const plain = await render({});
    expect(Buffer.from((await render({ colourStrength: 1, toneStrength: 1 })).pixels).equals(Buffer.from(plain.pixels))).toBe(true);
    expect(Buffer.from(faded.pixels).equals(Buffer.from(plain.pixels))).toBe(false);

    const refused = await t.host.call('preview.render', { look, toneStrength: 2 });
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('toneStrength') });
  });

  it('grades a batch at the requested strengths', async () => {
    const { t, look } = await hostWithLut01();
    const photos = path.join(t.dir, 'shoot');
    mkdirSync(photos);
    copyFileSync(PHOTO, path.join(photos, 'kodim23.png'));
    const out = path.join(t.dir, 'graded');
    const run = await t.value<{ runId: number }>('grading.start', { inputs: [photos], out, look, format: 'png', colourStrength: 0, toneStrength: 0.5 });
    expect((await t.next('grading.finished', (e) => e.runId === run.runId)).summary).toMatchObject({ graded: 1, failed: [] });

    const image = await readImage(PHOTO);
    prepareLut(withLookStrengths((await readLutFile(LUT01)).lut, { colour: 0, tone: 0.5 })).applyTo(image.pixels, image.channels);
    const graded = await readImage(path.join(out, 'kodim23.png'));
    expect(Buffer.from(graded.pixels.buffer).equals(Buffer.from(image.pixels.buffer))).toBe(true);

    const refused = await t.host.call('grading.start', { inputs: [photos], out, look, colourStrength: -1 });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid-request');
  });

  it('exports a .cube with the strengths baked in, and refuses them for a .nilut', async () => {
    const { t, look } = await hostWithLut01();
    const cube = path.join(t.dir, 'faded.cube');
    await t.value('library.export', { look, path: cube, size: 33, colourStrength: 0.4, toneStrength: 0.1 });
    const expected = withLookStrengths((await readLutFile(LUT01)).lut, { colour: 0.4, tone: 0.1 }, 33);
    const written = (await readLutFile(cube)).lut;
    expect(written.size).toBe(33);
    let worst = 0;
    for (let i = 0; i < written.data.length; i++) worst = Math.max(worst, Math.abs(written.data[i] - expected.data[i]));
    // The .cube's six decimals.
    expect(worst).toBeLessThan(1e-6);

    const refused = await t.host.call('library.export', { look, path: path.join(t.dir, 'model.nilut'), toneStrength: 0.5 });
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/colour and tone strengths/);
  });
});
