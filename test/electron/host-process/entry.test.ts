/**
 * The host server with the real host (main/host/create-host.ts) over a fresh library, through
 * the same structured-clone link the host process uses: what host-process.ts runs, minus
 * Electron's parentPort.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostClient } from '../../../main/electron/host-process/client.js';
import { createHost } from '../../../main/host/create-host.js';
import { settle, spawner } from './host-link.js';

describe('the host process with the real host', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'nilut-host-process-'));
  const photos = path.join(base, 'photos');
  mkdirSync(photos);
  writeFileSync(path.join(photos, 'a.jpg'), 'not really a jpeg');
  const link = spawner(undefined, (options) => createHost(options));
  const host = new HostClient({
    spawn: link.spawn,
    start: { libraryDir: path.join(base, 'library'), settingsFile: path.join(base, 'settings.json'), allowedRoots: [], samples: false, backgroundJobs: false },
    onEvent: () => undefined,
  });
  afterAll(async () => {
    await host.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('opens the library it was started with', async () => {
    const result = await host.call('settings.get', {});
    expect(result).toMatchObject({ ok: true, value: { libraryDir: path.join(base, 'library') } });
    expect(await host.call('library.list', {})).toEqual({ ok: true, value: [] });
  });

  it('validates requests in the host (invalid-request, unknown-channel)', async () => {
    expect(await host.call('library.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a folder until it is granted, then lists it', async () => {
    const before = await host.call('files.browse', { dir: photos });
    expect(before.ok).toBe(false);
    if (!before.ok) expect(['forbidden-path', 'unavailable']).toContain(before.error.code);
    host.grant([photos]);
    const listing = await host.call('files.browse', { dir: photos });
    expect(listing).toMatchObject({ ok: true, value: { dir: photos } });
    if (listing.ok) expect((listing.value as { entries: { name: string }[] }).entries.map((e) => e.name)).toContain('a.jpg');
  });

  it('keeps grants across a crash of the process', async () => {
    link.processes.at(-1)!.exit(9);
    await settle();
    expect(link.processes).toHaveLength(2);
    expect(await host.call('files.browse', { dir: photos })).toMatchObject({ ok: true });
  });
});
