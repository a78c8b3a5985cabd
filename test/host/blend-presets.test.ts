import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PresetDetail, PresetSummary, PreviewImage, Thumbnail } from '../../main/contract/contract.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();

/** A host with LUT01 (33³), Discreet (17³) and the Velvia and Kodachrome Halds (144³) imported, and kodim23 open. */
async function hostWithLuts() {
  const t = await hosts.start();
  t.host.grant([fixture('nilut-paper'), fixture('luts'), fixture('photos')]);
  await t.value('library.import', {
    paths: [
      fixture('nilut-paper', 'LUT01.cube'),
      fixture('luts/3dl/ocio_discreet_17.3dl'),
      fixture('luts/hald/rawtherapee_Fuji_Velvia_50.png'),
      fixture('luts/hald/rawtherapee_Kodak_Kodachrome_64.png'),
    ],
    queueFits: false,
  });
  const all = await t.value<PresetSummary[]>('library.list', {});
  const byName = (part: string) => all.find((p) => p.name.toLowerCase().includes(part))!;
  await t.value('photos.open', { path: fixture('photos', 'kodim23.png') });
  return { t, lut01: byName('lut01'), discreet: byName('discreet'), velvia: byName('velvia'), kodachrome: byName('kodachrome') };
}

function largestDifference(a: Uint8Array, b: Uint8Array, weightA: number, c: Uint8Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) worst = Math.max(worst, Math.abs(a[i] - (weightA * b[i] + (1 - weightA) * c[i])));
  return worst;
}

describe('host: blending any presets, at once', () => {
  it('previews a blend of two LUT presets with no fit: the exact mix of their previews', async () => {
    const { t, lut01, discreet } = await hostWithLuts();
    const look = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 0.6 },
        { presetId: discreet.id, weight: 0.4 },
      ],
    };
    const mixed = await t.value<PreviewImage>('preview.render', { look, maxEdge: 512, quality: 'full' });
    expect(mixed).toMatchObject({ exact: true, mix: 'exact', width: 512 });
    const a = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: lut01.id }, maxEdge: 512 });
    const b = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: discreet.id }, maxEdge: 512 });
    expect(largestDifference(mixed.pixels, a.pixels, 0.6, b.pixels)).toBeLessThanOrEqual(1);
    expect(t.events.filter((e) => e.event === 'jobs.changed')).toEqual([]);
  });

  it('drafts a blend of two 144³ Halds exactly while dragging: their graded colours mixed, no lattice', async () => {
    const { t, velvia, kodachrome } = await hostWithLuts();
    const look = (w: number) => ({
      kind: 'mix',
      sources: [
        { presetId: velvia.id, weight: w },
        { presetId: kodachrome.id, weight: 1 - w },
      ],
    });
    const a = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: velvia.id }, maxEdge: 768 });
    const b = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: kodachrome.id }, maxEdge: 768 });
    for (const w of [0.3, 0.8]) {
      const draft = await t.value<PreviewImage>('preview.render', { look: look(w), maxEdge: 768, quality: 'draft', strength: 0.9 });
      expect(draft).toMatchObject({ exact: true, mix: 'exact' });
      // At strength 0.9 each separate look is faded too: x + 0.9·(Σ wᵢ·lookᵢ − x).
      const original = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: velvia.id }, maxEdge: 768, strength: 0 });
      let worst = 0;
      for (let i = 0; i < draft.pixels.length; i++) {
        if (i % 4 === 3) continue;
        const mixed = w * a.pixels[i] + (1 - w) * b.pixels[i];
        worst = Math.max(worst, Math.abs(draft.pixels[i] - (original.pixels[i] + 0.9 * (mixed - original.pixels[i]))));
      }
      // Each separate preview is rounded once more than the blend: within 1.5 code values.
      expect(worst).toBeLessThanOrEqual(1.5);
    }
  });

  it('says a blend of unlike grids is resampled, and drafts it on a coarse grid while dragging', async () => {
    const { t, lut01, velvia } = await hostWithLuts();
    const look = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 0.5 },
        { presetId: velvia.id, weight: 0.5 },
      ],
    };
    const draft = await t.value<PreviewImage>('preview.render', { look, maxEdge: 256, quality: 'draft' });
    expect(draft).toMatchObject({ exact: false, mix: 'resampled' });
    const full = await t.value<PreviewImage>('preview.render', { look, maxEdge: 256, quality: 'full' });
    expect(full).toMatchObject({ exact: true, mix: 'resampled' });
  });

  it('saves a blend as a preset of its own, which previews, thumbnails, exports and grades like any look', async () => {
    const { t, lut01, discreet } = await hostWithLuts();
    const sources = [
      { presetId: lut01.id, weight: 3 },
      { presetId: discreet.id, weight: 1 },
    ];
    const saved = await t.value<PresetSummary>('library.saveMix', { name: 'Warm mix', sources });
    expect(saved).toMatchObject({
      kind: 'mix',
      name: 'Warm mix',
      mixSources: [
        { presetId: lut01.id, weight: 0.75 },
        { presetId: discreet.id, weight: 0.25 },
      ],
    });
    expect((await t.value<PresetDetail>('library.get', { id: lut01.id })).preset.usedByMixes).toBe(1);
    expect(t.events.some((e) => e.event === 'library.changed' && (e.payload as { reason: string }).reason === 'blend')).toBe(true);

    const unsaved = await t.value<PreviewImage>('preview.render', { look: { kind: 'mix', sources }, maxEdge: 300 });
    const asPreset = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: saved.id }, maxEdge: 300 });
    expect(Buffer.from(asPreset.pixels).equals(Buffer.from(unsaved.pixels))).toBe(true);
    const [thumbnail] = await t.value<Thumbnail[]>('preview.thumbnails', { presetIds: [saved.id], size: 128 });
    expect(thumbnail.jpeg).not.toBeNull();

    // Exported as .cube and graded by ffmpeg, it matches our grade of the saved blend.
    const cube = path.join(t.dir, 'warm-mix.cube');
    await t.value('library.export', { look: { kind: 'preset', presetId: saved.id }, path: cube });
    const shoot = path.join(t.dir, 'shoot');
    mkdirSync(shoot);
    copyFileSync(fixture('photos', 'kodim23.png'), path.join(shoot, 'kodim23.png'));
    const out = path.join(t.dir, 'graded');
    const run = await t.value<{ runId: number }>('grading.start', {
      inputs: [shoot],
      out,
      look: { kind: 'preset', presetId: saved.id },
      format: 'png',
      nameTemplate: '{name}_{preset}',
    });
    const { summary } = await t.next('grading.finished', (e) => e.runId === run.runId);
    expect(summary).toMatchObject({ graded: 1, failed: [] });
    expect(readdirSync(out)).toEqual(['kodim23_Warm mix.png']);
    const theirs = path.join(t.dir, 'ffmpeg.png');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(shoot, 'kodim23.png'), '-vf', `lut3d=file=${cube}:interp=tetrahedral`, theirs]);
    const [ours, ffmpeg] = await Promise.all([path.join(out, 'kodim23_Warm mix.png'), theirs].map((f) => sharp(f).removeAlpha().raw().toBuffer()));
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - ffmpeg[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('grades and exports an unsaved blend, named by its looks', async () => {
    const { t, lut01, discreet } = await hostWithLuts();
    const look = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 1 },
        { presetId: discreet.id, weight: 1 },
      ],
    };
    const cube = path.join(t.dir, 'half.cube');
    expect(await t.value<{ format: string }>('library.export', { look, path: cube, size: 17 })).toMatchObject({ format: 'cube' });
    const shoot = path.join(t.dir, 'shoot');
    mkdirSync(shoot);
    copyFileSync(fixture('photos', 'kodim04.png'), path.join(shoot, 'kodim04.png'));
    const out = path.join(t.dir, 'out');
    const run = await t.value<{ runId: number }>('grading.start', { inputs: [shoot], out, look, format: 'jpeg', nameTemplate: '{name} {preset}' });
    await t.next('grading.finished', (e) => e.runId === run.runId);
    expect(readdirSync(out)).toEqual([`kodim04 ${lut01.name} + ${discreet.name}.jpg`]);
  });

  it('refuses wrong blends with the reason, and a removed source takes its blends with it', async () => {
    const { t, lut01, discreet, velvia, kodachrome } = await hostWithLuts();
    const code = async (channel: string, request: unknown) => {
      const reply = await t.host.call(channel as never, request as never);
      return reply.ok ? 'ok' : reply.error.code;
    };
    const one = { kind: 'mix', sources: [{ presetId: lut01.id, weight: 1 }] };
    const twice = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 1 },
        { presetId: lut01.id, weight: 1 },
      ],
    };
    const zero = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 0 },
        { presetId: discreet.id, weight: 0 },
      ],
    };
    const missing = {
      kind: 'mix',
      sources: [
        { presetId: lut01.id, weight: 1 },
        { presetId: 9999, weight: 1 },
      ],
    };
    for (const look of [one, twice, zero]) expect(await code('preview.render', { look })).toBe('invalid-request');
    expect(await code('preview.render', { look: missing })).toBe('not-found');
    expect(await code('library.saveMix', { name: 'x', sources: twice.sources })).toBe('invalid-request');
    expect(await code('library.saveMix', { name: '', sources: missing.sources })).toBe('invalid-request');

    const saved = await t.value<PresetSummary>('library.saveMix', {
      name: 'Both',
      sources: [
        { presetId: lut01.id, weight: 1 },
        { presetId: discreet.id, weight: 1 },
      ],
    });
    const removed = await t.value<{ removed: number[]; blendsRemoved: number[]; trashIds: number[] }>('library.remove', { ids: [discreet.id] });
    expect(removed).toEqual({ removed: [discreet.id], blendsRemoved: [saved.id], trashIds: [expect.any(Number)] });
    expect((await t.value<PresetSummary[]>('library.list', {})).map((p) => p.id).sort()).toEqual([lut01.id, velvia.id, kodachrome.id].sort());
    // Undone (the window's Ctrl+Z): both are back, the blend with its sources.
    expect(await t.value('library.restore', { trashIds: removed.trashIds })).toEqual({ restored: [discreet.id, saved.id] });
    expect((await t.value<PresetSummary[]>('library.list', {})).map((p) => p.id).sort()).toEqual(
      [lut01.id, velvia.id, kodachrome.id, discreet.id, saved.id].sort(),
    );
    expect((await t.value<{ preset: PresetSummary }>('library.get', { id: saved.id })).preset.mixSources).toEqual(saved.mixSources);
  });
});
