import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import type {
  AppInfo,
  GradeSummaryInfo,
  ImportResult,
  JobSummary,
  PhotoInfo,
  PresetDetail,
  PresetSummary,
  PreviewImage,
  Settings,
  Thumbnail,
} from '../../main/contract/contract.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();

describe('host: what the renderer does', () => {
  it('imports the LUT fixtures and the paper model, lists, edits, blends and exports', async () => {
    const t = await hosts.start();
    t.host.grant([fixture('luts'), fixture('nilut-paper')]);
    const report = await t.value<ImportResult>('library.import', { paths: [fixture('luts'), fixture('nilut-paper', 'nilutx3style.pt')], queueFits: false });
    expect(report.imported.length).toBeGreaterThan(10);
    expect(report.failed.every((f) => f.error.includes(path.basename(f.file)))).toBe(true);
    expect(t.events.some((e) => e.event === 'import.progress')).toBe(true);
    expect(t.events.some((e) => e.event === 'library.changed')).toBe(true);

    const all = await t.value<PresetSummary[]>('library.list', {});
    expect(all).toHaveLength(report.imported.length);
    expect(all[0]).not.toHaveProperty('blobHash');
    const model = all.find((p) => p.kind === 'model')!;
    const detail = await t.value<PresetDetail>('library.get', { id: model.id });
    expect(detail.model?.styles).toHaveLength(3);
    expect(detail.model?.parameters).toBeGreaterThan(1000);

    const edited = await t.value<PresetSummary>('library.edit', {
      id: all[0].id,
      favourite: true,
      rating: 4,
      addTags: ['film', 'warm'],
      notes: 'for portraits',
      name: 'Renamed look',
    });
    expect(edited).toMatchObject({ favourite: true, rating: 4, tags: ['film', 'warm'], notes: 'for portraits', name: 'Renamed look' });
    expect(await t.value<PresetSummary[]>('library.list', { filter: { favourite: true } })).toHaveLength(1);
    expect((await t.value<PresetSummary[]>('library.list', { filter: { text: 'portraits' } })).map((p) => p.id)).toEqual([all[0].id]);

    const weights = [0.2, 0.5, 0.3];
    const blend = await t.value<PresetSummary>('library.saveBlend', { presetId: model.id, name: 'Soft mix', weights });
    expect(blend.kind).toBe('blend');
    expect(blend.blendWeights?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const wrong = await t.host.call('library.saveBlend', { presetId: model.id, name: 'x', weights: [1, 0] });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('invalid-request');

    const cube = path.join(t.dir, 'soft-mix.cube');
    await t.value('library.export', { look: { kind: 'blend', presetId: model.id, weights }, path: cube, size: 17 });
    const exported = await readLutFile(cube);
    expect(exported.lut.size).toBe(17);
    const again = await t.host.call('library.export', { look: { kind: 'blend', presetId: model.id, weights }, path: cube, size: 17 });
    expect(again.ok).toBe(false);
    // Its TITLE is the name the blend is shown under, not the model's.
    const titled = path.join(t.dir, 'warm-mix.cube');
    await t.value('library.export', { look: { kind: 'blend', presetId: model.id, weights }, path: titled, size: 17, title: 'Warm mix' });
    expect(readFileSync(titled, 'utf8')).toMatch(/^TITLE "Warm mix"$/m);

    const removed = await t.value<{ removed: number[]; blendsRemoved: number[] }>('library.remove', { ids: [model.id] });
    expect(removed.blendsRemoved).toEqual([blend.id]);
  });

  it('imports dropped file bytes under their own names and reports a bad one by name', async () => {
    const t = await hosts.start();
    const { readFileSync } = await import('node:fs');
    const good = readFileSync(fixture('nilut-paper', 'LUT01.cube'));
    const report = await t.value<ImportResult>('library.importFiles', {
      files: [
        { name: 'LUT01.cube', bytes: new Uint8Array(good) },
        { name: '../../evil/broken.cube', bytes: new TextEncoder().encode('LUT_3D_SIZE 2\n0 0 0\n') },
      ],
      queueFits: false,
    });
    expect(report.imported.map((i) => i.file)).toEqual(['LUT01.cube']);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0].file).toBe('../../evil/broken.cube');
    expect(report.failed[0].error).toContain('broken.cube');
  });

  it('opens a photo and renders previews and cached thumbnails of its presets', async () => {
    const t = await hosts.start();
    t.host.grant([fixture('nilut-paper'), fixture('photos')]);
    await t.value('library.import', { paths: [fixture('nilut-paper', 'LUT01.cube'), fixture('nilut-paper', 'nilutx3style.pt')], queueFits: false });
    const [lut, model] = await t.value<PresetSummary[]>('library.list', { filter: { sort: 'created' } });
    const photo = await t.value<PhotoInfo>('photos.open', { path: fixture('photos', 'kodim23.png') });
    expect(photo).toMatchObject({ name: 'kodim23.png', width: 768, height: 512 });
    expect(await t.value('photos.current', {})).toEqual(photo);

    const image = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: lut.id }, maxEdge: 384 });
    expect([image.width, image.height]).toEqual([384, 256]);
    expect(image.pixels).toBeInstanceOf(Uint8Array);
    expect(image.pixels.byteLength).toBe(384 * 256 * 4);
    const draft = await t.value<PreviewImage>('preview.render', {
      look: { kind: 'blend', presetId: model.id, weights: [0.3, 0.3, 0.4] },
      maxEdge: 384,
      quality: 'draft',
    });
    expect(draft.exact).toBe(false);
    const full = await t.value<PreviewImage>('preview.render', {
      look: { kind: 'blend', presetId: model.id, weights: [0.3, 0.3, 0.4] },
      maxEdge: 384,
      quality: 'full',
    });
    expect(full.exact).toBe(true);
    const original = await t.value<PreviewImage>('preview.render', { look: { kind: 'preset', presetId: lut.id }, maxEdge: 384, strength: 0 });
    expect(Buffer.compare(Buffer.from(original.pixels), Buffer.from(image.pixels))).not.toBe(0);

    const first = await t.value<Thumbnail[]>('preview.thumbnails', { presetIds: [lut.id, model.id], size: 128 });
    expect(first.map((th) => th.cached)).toEqual([false, false]);
    const meta = await sharp(first[0].jpeg!).metadata();
    expect([meta.format, Math.max(meta.width!, meta.height!)]).toEqual(['jpeg', 128]);
    const second = await t.value<Thumbnail[]>('preview.thumbnails', { presetIds: [lut.id, model.id], size: 128 });
    expect(second.map((th) => th.cached)).toEqual([true, true]);
  });

  it('grades a folder with events and a summary, and cancels a run', async () => {
    const t = await hosts.start();
    const photos = path.join(t.dir, 'shoot');
    mkdirSync(photos);
    for (const name of ['kodim04.png', 'kodim23.png', 'pineapple.jpeg']) copyFileSync(fixture('photos', name), path.join(photos, name));
    t.host.grant([fixture('nilut-paper')]);
    await t.value('library.import', { paths: [fixture('nilut-paper', 'LUT01.cube')], queueFits: false });
    const [lut] = await t.value<PresetSummary[]>('library.list', {});
    const out = path.join(t.dir, 'graded');
    const started = await t.value<{ runId: number; total: number }>('grading.start', {
      inputs: [photos],
      out,
      look: { kind: 'preset', presetId: lut.id },
      format: 'jpeg',
      nameTemplate: '{name}_{preset}',
    });
    expect(started.total).toBe(3);
    const finished = await t.next('grading.finished', (e) => e.runId === started.runId);
    const summary: GradeSummaryInfo = finished.summary;
    expect(summary).toMatchObject({ graded: 3, failed: [], cancelled: false, out });
    expect(readdirSync(out).sort()).toEqual(['kodim04_LUT01.jpg', 'kodim23_LUT01.jpg', 'pineapple_LUT01.jpeg']);
    expect(t.events.filter((e) => e.event === 'grading.progress' && (e.payload as { type: string }).type === 'file-done')).toHaveLength(3);

    const clash = await t.host.call('grading.start', { inputs: [photos], out: photos, look: { kind: 'preset', presetId: lut.id } });
    expect(clash.ok ? 'ok' : clash.error.code).toBe('invalid-request');

    // A run over many copies, cancelled as soon as it starts: it stops early and leaves no partial files.
    const many = path.join(t.dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 24; i++) copyFileSync(fixture('photos', 'kodim04.png'), path.join(many, `photo${i}.png`));
    const out2 = path.join(t.dir, 'graded2');
    const run = await t.value<{ runId: number }>('grading.start', { inputs: [many], out: out2, look: { kind: 'preset', presetId: lut.id }, jobs: 1 });
    expect(await t.value('grading.cancel', { runId: run.runId })).toEqual({ cancelled: true });
    const cancelled = (await t.next('grading.finished', (e) => e.runId === run.runId)).summary;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.notStarted).toBeGreaterThan(0);
    const written = existsSync(out2) ? readdirSync(out2) : [];
    expect(written.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(written.length).toBe(cancelled.graded);
  });

  it('fits presets into a model on the job thread with progress, loss and a new preset', async () => {
    const t = await hosts.start({ backgroundJobs: true, fit: { steps: 40, progressEvery: 10 } });
    expect((await t.value<AppInfo>('app.info', {})).backend).toBeNull();
    t.host.grant([fixture('nilut-paper')]);
    await t.value('library.import', { paths: [fixture('nilut-paper', 'LUT01.cube')], queueFits: false });
    const [lut] = await t.value<PresetSummary[]>('library.list', {});
    const { jobId } = await t.value<{ jobId: number }>('models.fit', { presetIds: [lut.id], name: 'Quick fit' });
    const done = await t.next('jobs.changed', (e) => e.job.id === jobId && e.job.state === 'done', 240_000);
    expect(done.job.resultPresetId).not.toBeNull();
    // The job thread's backend, carried as a field of its progress events (not read from their sentence).
    expect(['tensorflow', 'wasm', 'cpu']).toContain((await t.value<AppInfo>('app.info', {})).backend);
    expect(t.events.some((e) => e.event === 'jobs.changed' && (e.payload as { loss?: unknown }).loss !== undefined)).toBe(true);
    const detail = await t.value<PresetDetail>('library.get', { id: done.job.resultPresetId! });
    expect(detail.preset.name).toBe('Quick fit');
    expect(detail.model?.metrics?.deltaE2000).toBeGreaterThan(0);
    const jobs = await t.value<JobSummary[]>('jobs.list', {});
    expect(jobs.find((j) => j.id === jobId)?.title).toBe('Fit Quick fit');
    // Finished, it says what it did (not the last step's "ETA 0 s") and when it ran.
    expect(jobs.find((j) => j.id === jobId)).toMatchObject({ message: expect.stringMatching(/^fitted in \d+ s$/), startedAt: expect.any(String) });
    const refused = await t.host.call('models.fit', { presetIds: [done.job.resultPresetId] });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid-request');
  });

  it('moves the library only to a folder the user chose', async () => {
    const t = await hosts.start();
    const refused = await t.host.call('settings.set', { libraryDir: '/etc' });
    expect(refused.ok ? 'ok' : refused.error).toMatchObject({ code: 'forbidden-path', message: expect.stringContaining('library location /etc is outside') });
    expect((await t.value<Settings>('settings.get', {})).libraryDir).not.toBe('/etc');
    const chosen = path.join(t.dir, 'elsewhere');
    mkdirSync(chosen);
    t.host.grant([chosen]);
    expect((await t.value<Settings>('settings.set', { libraryDir: chosen })).libraryDir).toBe(chosen);
    await t.host.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  it('persists settings across a restart and sets an unreadable file aside', async () => {
    const first = await hosts.start();
    const changed = await first.value<Settings>('settings.set', { quality: 80, workers: 1, nameTemplate: '{name}_graded' });
    expect(changed.quality).toBe(80);
    await first.host.close();
    const second = await hosts.start({ dir: first.dir });
    expect(await second.value<Settings>('settings.get', {})).toMatchObject({ quality: 80, workers: 1, nameTemplate: '{name}_graded' });
    await second.host.close();
    writeFileSync(path.join(first.dir, 'settings.json'), '{ "quality": 80, oops');
    const third = await hosts.start({ dir: first.dir });
    expect((await third.value<Settings>('settings.get', {})).quality).toBe(92);
    expect(readdirSync(first.dir).filter((n) => n.startsWith('settings.json.unreadable-'))).toHaveLength(1);
    rmSync(first.dir, { recursive: true, force: true });
  });

  it('browses only inside the granted folders', async () => {
    const t = await hosts.start();
    mkdirSync(path.join(t.dir, 'photos'));
    const listing = await t.value<{ dir: string; parent: string | null; entries: { name: string; kind: string }[] }>('files.browse', {});
    expect(listing.parent).toBeNull();
    expect(listing.entries.map((e) => [e.name, e.kind])).toContainEqual(['photos', 'folder']);
    const inner = await t.value<{ parent: string | null }>('files.browse', { dir: path.join(t.dir, 'photos') });
    expect(inner.parent).toBe(listing.dir);
  });
});
