import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../main/contract/contract.js';
import { useIpcHosts } from '../support/host.js';
import { fixture } from '../support/paths.js';

const hosts = useIpcHosts();

describe('host: calls that must be refused', () => {
  it('answers an unknown channel with unknown-channel, naming it', async () => {
    const { host } = await hosts.start();
    const result = await host.call('library.drop-table', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.stringContaining('library.drop-table') } });
    expect((await host.call('__proto__', {})).ok).toBe(false);
    expect((await host.call(42 as unknown as string, {})).ok).toBe(false);
  });

  it('answers wrong argument types with invalid-request naming the field', async () => {
    const { host } = await hosts.start();
    const result = await host.call('library.get', { id: 'seven' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toMatch(/^library\.get: id:/);
    expect(result.error.issues?.[0].path).toBe('id');
    expect((await host.call('library.list', { filter: { kind: 'video' } })).ok).toBe(false);
    expect((await host.call('library.edit', { id: 1, evil: true })).ok).toBe(false);
    expect((await host.call('library.list', null)).ok).toBe(true);
  });

  it('refuses huge sizes and counts before doing any work', async () => {
    const { host } = await hosts.start();
    for (const [channel, request] of [
      ['preview.render', { look: { kind: 'preset', presetId: 1 }, maxEdge: 100_000 }],
      ['preview.thumbnails', { presetIds: Array.from({ length: 10_000 }, (_, i) => i + 1) }],
      ['library.export', { look: { kind: 'preset', presetId: 1 }, path: '/tmp/x.cube', size: 100_000 }],
      ['preview.render', { look: { kind: 'blend', presetId: 1, weights: Array(1000).fill(0.001) } }],
      ['preview.render', { look: { kind: 'blend', presetId: 1, weights: [Number.NaN, 1] } }],
    ] as const) {
      const result = await host.call(channel, request);
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('invalid-request');
    }
  });

  it('refuses paths outside the folders the user chose, and relative paths', async () => {
    const { host, dir } = await hosts.start();
    for (const [channel, request] of [
      ['library.import', { paths: [fixture('luts')] }],
      ['photos.open', { path: '/etc/passwd' }],
      ['library.import', { paths: [path.join(dir, '..', '..', 'etc')] }],
      ['library.import', { paths: ['relative/folder'] }],
      ['files.browse', { dir: '/' }],
    ] as const) {
      const result = await host.call(channel, request);
      expect(result.ok ? 'ok' : result.error.code, `${channel} ${JSON.stringify(request)}`).toBe('forbidden-path');
    }
    host.grant([fixture('luts')]);
    const granted = await host.call('library.import', { paths: [fixture('luts', 'cube')], queueFits: false });
    expect(granted.ok).toBe(true);
  });

  it('answers a missing preset with not-found and a bad photo with bad-file, and keeps serving', async () => {
    // No sample photo: a failed open must leave no photo current, not fall back to one.
    const { host, dir, value } = await hosts.start({ samplePhoto: null });
    const missing = await host.call('library.get', { id: 99_999 });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not-found');
    const corrupt = path.join(dir, 'broken.jpg');
    writeFileSync(corrupt, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const bad = await host.call('photos.open', { path: corrupt });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad-file');
      expect(bad.error.message).toContain('broken.jpg');
    }
    const noPhoto = await host.call('preview.thumbnails', { presetIds: [1] });
    expect(noPhoto.ok ? 'ok' : noPhoto.error.code).toBe('unavailable');
    expect(await value('library.list', {})).toEqual([]);
  });

  it('answers desktop-only channels with unavailable in the browser', async () => {
    const { host } = await hosts.start();
    const result = await host.call('dialog.open', { purpose: 'import' });
    expect(result.ok ? 'ok' : result.error.code).toBe('unavailable');
  });

  it('has a handler for every channel of the contract', async () => {
    const { host } = await hosts.start();
    for (const channel of CHANNEL_NAMES) {
      const result = await host.call(channel, {});
      expect(result.ok || result.error.code !== 'unknown-channel', channel).toBe(true);
    }
  });

  it('reports the app version from package.json and the backend that runs', async () => {
    const { host, dir } = await hosts.start();
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await host.call('app.info', {});
    expect(result).toMatchObject({ ok: true, value: { version: pkg.version, shell: 'browser' } });
    if (result.ok) expect((result.value as { libraryDir: string }).libraryDir.startsWith(dir)).toBe(true);
  });
});
