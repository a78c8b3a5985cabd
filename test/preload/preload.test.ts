/**
 * The preload under Node with stand-ins for contextBridge, ipcRenderer, webUtils and the
 * page's document: what it exposes, what it refuses, and what it passes on.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DropEventLike, RendererIpc } from '../../preload/preload.js';

const fakes = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const ipcListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const sent: [string, unknown[]][] = [];
  const invoked: unknown[][] = [];
  const domListeners = new Map<string, ((event: unknown) => void)[]>();
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: { echoed: args.slice(1) } };
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
    },
    send: (channel: string, ...args: unknown[]) => sent.push([channel, args]),
  };
  (globalThis as { document?: unknown }).document = {
    addEventListener: (type: string, listener: (event: unknown) => void) => domListeners.set(type, [...(domListeners.get(type) ?? []), listener]),
  };
  return {
    exposed,
    ipcListeners,
    sent,
    invoked,
    domListeners,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
  };
});

vi.mock('electron', () => ({ contextBridge: fakes.contextBridge, ipcRenderer: fakes.ipcRenderer, webUtils: fakes.webUtils }));

let preload: typeof import('../../preload/preload.js');
beforeAll(async () => {
  preload = await import('../../preload/preload.js');
});

function emit(name: unknown, payload: unknown): void {
  for (const listener of fakes.ipcListeners.get('nilut:event') ?? []) listener({ sender: 'main' }, name, payload);
}

function drop(files: unknown[] | null): DropEventLike & { prevented: boolean } {
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
    dataTransfer: files === null ? null : { files },
  };
  for (const listener of fakes.domListeners.get('drop') ?? []) listener(event);
  return event;
}

describe('what the preload exposes', () => {
  it('puts exactly one key on window: nilut, with exactly invoke and on', () => {
    expect([...fakes.exposed.keys()]).toEqual(['nilut']);
    const api = fakes.exposed.get('nilut') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('exposes nothing of Electron or Node', () => {
    const api = fakes.exposed.get('nilut') as Record<string, unknown>;
    for (const value of Object.values(api)) {
      expect(value).not.toBe(fakes.ipcRenderer);
      expect(value).not.toBe(fakes.ipcRenderer.invoke);
      expect(value).not.toBe(fakes.ipcRenderer.send);
    }
    expect(JSON.stringify(Object.getOwnPropertyNames(api))).not.toMatch(/ipc|require|process|send/);
  });
});

describe('invoke', () => {
  it('sends a known channel and its request over nilut:invoke and returns the Result', async () => {
    const api = preload.createPreloadApi(fakes.ipcRenderer);
    const result = await api.invoke('library.get', { id: 3 });
    expect(fakes.invoked.at(-1)).toEqual(['nilut:invoke', 'library.get', { id: 3 }]);
    expect(result).toEqual({ ok: true, value: { echoed: ['library.get', { id: 3 }] } });
  });

  it('passes binary payloads through as the same Uint8Array', async () => {
    let seen: unknown;
    const ipc: RendererIpc = {
      invoke: async (_c, _channel, request) => ((seen = request), { ok: true, value: null }),
      on: () => undefined,
      send: () => undefined,
    };
    const bytes = new Uint8Array([1, 2, 3]);
    await preload.createPreloadApi(ipc).invoke('photos.openBytes', { name: 'a.jpg', bytes });
    expect((seen as { bytes: Uint8Array }).bytes).toBe(bytes);
  });

  it('refuses unknown channels locally with unknown-channel, sending nothing', async () => {
    const api = preload.createPreloadApi(fakes.ipcRenderer);
    const before = fakes.invoked.length;
    for (const channel of ['nope', '__proto__', 'toString', '', 7, null]) {
      const result = await api.invoke(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(fakes.invoked.length).toBe(before);
  });

  it('turns a failed IPC round trip into a failed Result instead of a rejection', async () => {
    const ipc: RendererIpc = {
      invoke: () => Promise.reject(new Error("No handler registered for 'nilut:invoke'")),
      on: () => undefined,
      send: () => undefined,
    };
    const result = await preload.createPreloadApi(ipc).invoke('app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'failed', message: "'app.info' could not reach the main process: No handler registered for 'nilut:invoke'" },
    });
  });
});

describe('on', () => {
  it('delivers each event to its own listeners only, with the payload as sent', () => {
    const api = fakes.exposed.get('nilut') as ReturnType<typeof preload.createPreloadApi>;
    const changed: unknown[] = [];
    const dropped: unknown[] = [];
    const offChanged = api.on('library.changed', (p) => changed.push(p));
    const offDropped = api.on('files.dropped', (p) => dropped.push(p));
    emit('library.changed', { reason: 'import' });
    emit('files.dropped', { paths: ['/a.cube'] });
    expect(changed).toEqual([{ reason: 'import' }]);
    expect(dropped).toEqual([{ paths: ['/a.cube'] }]);
    offChanged();
    offDropped();
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const api = preload.createPreloadApi(fakes.ipcRenderer);
    const seen: unknown[] = [];
    const off = api.on('menu.command', (p) => seen.push(p));
    emit('menu.command', { command: 'find' });
    off();
    off();
    emit('menu.command', { command: 'import' });
    expect(seen).toEqual([{ command: 'find' }]);
  });

  it('subscribes to Electron once however many listeners there are', () => {
    const listeners: string[] = [];
    const ipc: RendererIpc = { invoke: async () => null, on: (channel) => listeners.push(channel), send: () => undefined };
    const api = preload.createPreloadApi(ipc);
    api.on('jobs.changed', () => undefined);
    api.on('library.changed', () => undefined);
    expect(listeners).toEqual(['nilut:event']);
  });

  it('refuses unknown events', () => {
    const api = preload.createPreloadApi(fakes.ipcRenderer);
    expect(() => api.on('nope' as never, () => undefined)).toThrow(/no event named "nope"/);
    expect(() => api.on('library.changed', 'not a function' as never)).toThrow(TypeError);
  });

  it('ignores events main never defined, and one failing listener does not starve the rest', () => {
    const api = preload.createPreloadApi(fakes.ipcRenderer);
    const seen: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const offA = api.on('import.progress', () => {
      throw new Error('view bug');
    });
    const offB = api.on('import.progress', (p) => seen.push(p));
    emit('import.progress', { done: 1, total: 1, file: '/a' });
    emit('evil.event', { x: 1 });
    expect(seen).toEqual([{ done: 1, total: 1, file: '/a' }]);
    expect(error).toHaveBeenCalledOnce();
    offA();
    offB();
    error.mockRestore();
  });
});

describe('drag and drop', () => {
  it('accepts drags anywhere on the page', () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true), dataTransfer: null };
    for (const listener of fakes.domListeners.get('dragover') ?? []) listener(event);
    expect(event.prevented).toBe(true);
  });

  it("sends the dropped files' paths to main over nilut:dropped and never navigates to them", () => {
    const before = fakes.sent.length;
    const event = drop([{ path: '/photos/a.jpg' }, { path: '/luts' }]);
    expect(event.prevented).toBe(true);
    expect(fakes.sent.slice(before)).toEqual([['nilut:dropped', [['/photos/a.jpg', '/luts']]]]);
  });

  it('sends nothing for drops without paths (text, images from a web page)', () => {
    const before = fakes.sent.length;
    expect(drop([{}]).prevented).toBe(true);
    expect(drop(null).prevented).toBe(true);
    expect(fakes.sent.length).toBe(before);
  });
});
