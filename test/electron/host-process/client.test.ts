import { describe, expect, it, vi } from 'vitest';
import { HostClient } from '../../../main/electron/host-process/client.js';
import type { EventName } from '../../../main/contract/contract.js';
import { settle, spawner } from './host-link.js';

const start = { libraryDir: '/lib', settingsFile: '/data/settings.json', allowedRoots: [], samples: true, backgroundJobs: true };

function client(link = spawner(), extra: Partial<ConstructorParameters<typeof HostClient>[0]> = {}) {
  const events: [EventName, unknown][] = [];
  const logs: string[] = [];
  const host = new HostClient({ spawn: link.spawn, start, onEvent: (n, p) => events.push([n, p]), onLog: (m) => logs.push(m), ...extra });
  return { host, events, logs, link };
}

describe('HostClient with the host server', () => {
  it('starts the host in the host process with the shell set to electron', async () => {
    const { link } = client();
    await settle();
    expect(link.hosts).toHaveLength(1);
    expect(link.hosts[0].options).toMatchObject({ ...start, shell: 'electron' });
  });

  it('answers each call with its own result', async () => {
    const { host } = client();
    const [a, b] = await Promise.all([host.call('library.list', { filter: {} }), host.call('app.info', {})]);
    expect(a).toMatchObject({ ok: true, value: { channel: 'library.list', request: { filter: {} } } });
    expect(b).toMatchObject({ ok: true, value: { channel: 'app.info' } });
  });

  it('passes Uint8Array payloads through structured clone untouched', async () => {
    const { host } = client();
    const result = await host.call('preview.render', { look: { kind: 'preset', presetId: 1 } });
    if (!result.ok) throw new Error(result.error.message);
    const pixels = (result.value as { pixels: unknown }).pixels;
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect([...(pixels as Uint8Array)]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });

  it('turns a handler that throws into a failed result', async () => {
    const { host } = client();
    expect(await host.call('throws', {})).toEqual({ ok: false, error: { code: 'failed', message: 'handler bug' } });
  });

  it("relays the host's events", async () => {
    const { host, events, link } = client();
    await host.call('app.info', {});
    link.hosts[0].emit('library.changed', { reason: 'import' });
    link.hosts[0].emit('import.progress', { done: 1, total: 2, file: '/a.cube' });
    await settle();
    expect(events).toEqual([
      ['library.changed', { reason: 'import' }],
      ['import.progress', { done: 1, total: 2, file: '/a.cube' }],
    ]);
  });

  it('applies a grant before any call sent after it', async () => {
    const { host, link } = client();
    host.grant(['/photos']);
    const result = await host.call('files.browse', { dir: '/photos' });
    expect(result).toMatchObject({ ok: true, value: { grantsSoFar: ['/photos'] } });
    expect(link.hosts[0].grants).toEqual([['/photos']]);
  });

  it('sends each path once', async () => {
    const { host, link } = client();
    host.grant(['/a', '/b']);
    host.grant(['/b', '/c']);
    host.grant(['/a']);
    await host.call('app.info', {});
    expect(link.hosts[0].grants).toEqual([['/a', '/b'], ['/c']]);
    expect(host.grantedPaths).toEqual(['/a', '/b', '/c']);
  });

  it('fails calls in flight with a typed error when the process dies, restarts it and replays the grants', async () => {
    const link = spawner((h) => h.hang.add('grading.start'));
    const { host, logs } = client(link);
    host.grant(['/shoot']);
    const inFlight = host.call('grading.start', { inputs: ['/shoot'], out: '/out', look: { kind: 'preset', presetId: 1 } });
    await settle();
    link.processes[0].exit(134);
    const result = await inFlight;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('failed');
      expect(result.error.message).toContain('exit code 134');
      expect(result.error.message).toContain("'grading.start'");
      expect(result.error.message).toContain('restarted');
    }
    expect(logs.join('\n')).toContain('exited with code 134');
    expect(link.processes).toHaveLength(2);
    expect(await host.call('app.info', {})).toMatchObject({ ok: true });
    expect(link.hosts[1].grants.flat()).toEqual(['/shoot']);
  });

  it('stops restarting after repeated crashes and says so', async () => {
    let now = 0;
    const link = spawner();
    const { host } = client(link, { maxCrashes: 2, crashWindowMs: 10_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      await settle();
      now += 1000;
      link.processes.at(-1)!.exit(1);
      await settle();
    }
    expect(link.processes).toHaveLength(3);
    const result = await host.call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!result.ok) expect(result.error.message).toMatch(/crashed 3 times/);
  });

  it('forgets crashes older than the window', async () => {
    let now = 0;
    const link = spawner();
    const { host } = client(link, { maxCrashes: 1, crashWindowMs: 1000, now: () => now });
    for (let i = 0; i < 4; i++) {
      await settle();
      now += 5000;
      link.processes.at(-1)!.exit(1);
      await settle();
    }
    expect(link.processes).toHaveLength(5);
    expect(await host.call('app.info', {})).toMatchObject({ ok: true });
  });

  it('answers every call with the reason when the host cannot start, without a restart loop', async () => {
    const link = spawner(undefined, async () => {
      throw new Error('library.db was written by a newer NILUT Studio');
    });
    const { host, logs } = client(link);
    const result = await host.call('library.list', { filter: {} });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The library could not be opened: library.db was written by a newer NILUT Studio' },
    });
    expect(host.startError).toContain('newer NILUT Studio');
    expect(logs.join('\n')).toContain('newer NILUT Studio');
    expect(link.processes).toHaveLength(1);
  });

  it('closes the host before the process exits, and answers later calls as closing', async () => {
    const { host, link } = client();
    await host.call('app.info', {});
    await host.close();
    expect(link.hosts[0].closed).toBe(true);
    expect(link.processes[0].exited).toBe(true);
    expect(link.processes[0].killed).toBe(false);
    expect(link.processes).toHaveLength(1);
    expect(await host.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('kills a process that does not close in time, and cancels its calls', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const link = spawner((h) => {
        h.hang.add('models.fit');
        h.close = () => new Promise(() => undefined);
      });
      const { host } = client(link);
      const pending = host.call('models.fit', { presetIds: [1] });
      await settle();
      const closing = host.close(2000);
      await settle();
      vi.advanceTimersByTime(2000);
      await closing;
      expect(link.processes[0].killed).toBe(true);
      expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(link.processes).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
