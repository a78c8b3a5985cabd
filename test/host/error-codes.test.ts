/**
 * Each reason a failure can carry (main/core/errors.ts), caused for real — a missing preset or
 * file, a corrupt photo, a refused name, an existing output, a superseded preview, a cancelled
 * fit and import, the system refusing a write, a full disk — arrives at the IPC door with the
 * contract's code. Where no channel can cause it harmlessly (a full disk), the real error goes
 * through toIpcError, the door's own mapping.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FailureReason } from '../../main/core/errors.js';
import { reasonOf } from '../../main/core/errors.js';
import { importPaths } from '../../main/core/library/import.js';
import { openLibrary } from '../../main/core/library/library.js';
import { readLutFile } from '../../main/core/lut/lut-file.js';
import { fitNilut } from '../../main/core/nilut/fit.js';
import type { ImportResult, IpcError, IpcErrorCode, PresetSummary } from '../../main/contract/contract.js';
import { toIpcError } from '../../main/host/errors.js';
import type { TestHost } from '../support/host.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();
const linux = process.platform === 'linux';

async function failure(result: Promise<{ ok: boolean; error?: IpcError }>): Promise<IpcError> {
  const answer = await result;
  if (answer.ok) throw new Error('the call succeeded');
  return answer.error!;
}

/** The error `work` rejects (or throws) with. */
async function rejection(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** Imports LUT01 (or the file given) into the host's library and answers its preset id. */
async function importOne(host: TestHost['host'], file = fixture('nilut-paper', 'LUT01.cube')): Promise<number> {
  host.grant([file]);
  const result = await host.call('library.import', { paths: [file], queueFits: false });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as ImportResult).imported[0].presetId;
}

async function onlyPreset(host: TestHost['host'], kind: PresetSummary['kind']): Promise<number> {
  const result = await host.call('library.list', { filter: { kind } });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as PresetSummary[])[0].id;
}

/** The reason core gave and the code the door answers with. */
function atTheDoor(error: unknown): { reason: FailureReason | undefined; code: IpcErrorCode } {
  return { reason: reasonOf(error), code: toIpcError(error).code };
}

describe('IPC error codes come from the reason, not the message', () => {
  it('not-found: a preset, a job, a file', async () => {
    const { host } = await hosts.start();
    expect(await failure(host.call('library.get', { id: 99_999 }))).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('has no preset 99999'),
    });
    expect(await failure(host.call('library.edit', { id: 99_999, favourite: true }))).toMatchObject({ code: 'not-found' });
    expect(await failure(host.call('jobs.cancel', { ids: [99_999] }))).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('has no job 99999'),
    });
    // Node's own ENOENT, by its code.
    const missing = await rejection(() => readFileSync(path.join(fixture('luts'), 'no-such.cube')));
    expect(atTheDoor(missing)).toEqual({ reason: 'not-found', code: 'not-found' });
    expect(toIpcError(missing).message).toContain('no-such.cube');
  });

  it('invalid: a batch whose output folder holds its photos', async () => {
    const { host, dir } = await hosts.start();
    const presetId = await importOne(host);
    const photos = path.join(dir, 'shoot');
    mkdirSync(photos);
    writeFileSync(path.join(photos, 'a.jpg'), readFileSync(fixture('photos', 'pineapple.jpeg')));
    const refused = await failure(host.call('grading.start', { inputs: [photos], out: photos, look: { kind: 'preset', presetId } }));
    expect(refused).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('holds the photos being graded') });
  });

  it('rejected: a name the library does not accept', async () => {
    const { host } = await hosts.start();
    const id = await importOne(host);
    const refused = await failure(host.call('library.edit', { id, name: 'tab\there' }));
    expect(refused).toMatchObject({ code: 'bad-file', message: expect.stringContaining('must not hold control characters') });
  });

  it('damaged, unsupported and inaccessible photos: a truncated JPEG, text named .jpg, a missing file', async () => {
    const { host, dir } = await hosts.start({ samplePhoto: null });
    const truncated = path.join(dir, 'truncated.jpg');
    writeFileSync(truncated, readFileSync(fixture('photos', 'pineapple.jpeg')).subarray(0, 2000));
    const text = path.join(dir, 'notes.jpg');
    writeFileSync(text, 'not a jpeg at all');
    const gone = path.join(dir, 'gone.jpg');
    for (const [file, message] of [
      [truncated, 'truncated.jpg: cannot be decoded'],
      [text, 'notes.jpg: is not an image format this program can read'],
      [gone, 'gone.jpg: cannot be read (ENOENT)'],
    ] as const) {
      expect(await failure(host.call('photos.open', { path: file })), file).toMatchObject({ code: 'bad-file', message: expect.stringContaining(message) });
    }
    // The same failures in core carry their reasons.
    const { PreviewPhoto } = await import('../../main/core/preview/preview-photo.js');
    expect(reasonOf(await rejection(() => PreviewPhoto.open(truncated)))).toBe('damaged');
    expect(reasonOf(await rejection(() => PreviewPhoto.open(text)))).toBe('unsupported');
    expect(reasonOf(await rejection(() => PreviewPhoto.open(gone)))).toBe('inaccessible');
  });

  it('damaged and unsupported LUT files', async () => {
    const truncated = fixture('luts', '3dl', 'ocio_error_truncated_file.3dl');
    expect(atTheDoor(await rejection(() => readLutFile(truncated)))).toEqual({ reason: 'damaged', code: 'bad-file' });
    expect(atTheDoor(await rejection(() => readLutFile(fixture('luts', 'README.md'))))).toEqual({ reason: 'unsupported', code: 'bad-file' });
  });

  it('exists: an export onto a file without overwrite', async () => {
    const { host, dir } = await hosts.start();
    const presetId = await importOne(host);
    const target = path.join(dir, 'taken.cube');
    writeFileSync(target, 'keep me');
    const refused = await failure(host.call('library.export', { look: { kind: 'preset', presetId }, path: target }));
    expect(refused).toMatchObject({ code: 'bad-file', message: expect.stringContaining('already exists') });
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it.skipIf(!linux)('denied: an export into a folder the system does not let us write (sysfs)', async () => {
    const { host } = await hosts.start();
    const presetId = await importOne(host);
    host.grant(['/sys/kernel']);
    const refused = await failure(host.call('library.export', { look: { kind: 'preset', presetId }, path: '/sys/kernel/nilut-look.cube' }));
    expect(refused).toMatchObject({ code: 'failed', message: expect.stringContaining('EACCES') });
  });

  it.skipIf(!linux)('disk-full: a write to /dev/full answers the fixed sentence', async () => {
    const full = await rejection(() => writeFileSync('/dev/full', 'x'.repeat(1024)));
    expect(atTheDoor(full)).toEqual({ reason: 'disk-full', code: 'failed' });
    expect(toIpcError(full).message).toBe('the disk is full; nothing partial was written');
  });

  it('cancelled: a preview a newer one replaced, while its model bakes', async () => {
    const { host } = await hosts.start();
    await importOne(host, fixture('nilut-paper', 'nilutx3style.pt'));
    host.grant([fixture('photos')]);
    const modelId = await onlyPreset(host, 'model');
    await host.call('photos.open', { path: fixture('photos', 'kodim23.png') });
    const render = (weights: number[]) => host.call('preview.render', { look: { kind: 'blend', presetId: modelId, weights }, maxEdge: 128, quality: 'full' });
    const [stale, newest] = await Promise.all([render([0.9, 0.1, 0]), render([0.1, 0.9, 0])]);
    expect(stale).toEqual({ ok: false, error: { code: 'cancelled', message: 'a newer preview replaced this one' } });
    expect(newest.ok).toBe(true);
  });

  it('cancelled: a fit and an import stopped through their AbortSignal', async () => {
    const controller = new AbortController();
    const lut = (await readLutFile(fixture('nilut-paper', 'LUT01.cube'))).lut;
    const fit = await rejection(() =>
      fitNilut([lut], {
        architecture: { units: 16, layers: 1 },
        steps: 100_000,
        poolSize: 5_000,
        batchSize: 256,
        progressEvery: 5,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(atTheDoor(fit)).toEqual({ reason: 'cancelled', code: 'cancelled' });
    expect(toIpcError(fit).message).toBe('fit cancelled at step 5');

    const { dir } = await hosts.start();
    const library = openLibrary(path.join(dir, 'other-library'));
    try {
      const stopped = new AbortController();
      stopped.abort();
      const imported = await rejection(() => importPaths(library, [fixture('luts', 'cube')], { signal: stopped.signal }));
      expect(atTheDoor(imported)).toEqual({ reason: 'cancelled', code: 'cancelled' });
    } finally {
      library.close();
    }
  });
});
