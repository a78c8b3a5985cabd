/**
 * The files that call Electron (window, window-ipc, main-handlers), run against a stand-in
 * 'electron' module: the guards they install and the order of grant and answer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  const state = {
    handles: new Map<string, Handler>(),
    ons: new Map<string, Handler>(),
    windows: [] as FakeWindow[],
    openResult: { canceled: false, filePaths: ['/chosen/a.cube'] },
    saveResult: { canceled: false, filePath: '/out/look.cube' } as { canceled: boolean; filePath?: string },
    revealed: [] as string[],
    order: [] as string[],
  };
  class FakeContents {
    id = 42;
    handlers = new Map<string, Handler>();
    openHandler: Handler | null = null;
    sent: unknown[][] = [];
    mainFrame = { url: 'app://nilut/index.html' };
    setWindowOpenHandler(h: Handler) {
      this.openHandler = h;
    }
    on(name: string, h: Handler) {
      this.handlers.set(name, h);
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }
  class FakeWindow {
    webContents = new FakeContents();
    loaded: string | null = null;
    constructor(readonly options: unknown) {
      state.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    state,
    FakeWindow,
    module: {
      BrowserWindow: FakeWindow,
      ipcMain: { handle: (c: string, h: Handler) => state.handles.set(c, h), on: (c: string, h: Handler) => state.ons.set(c, h) },
      dialog: {
        showOpenDialog: async () => (state.order.push('dialog'), state.openResult),
        showSaveDialog: async () => (state.order.push('dialog'), state.saveResult),
      },
      shell: { showItemInFolder: (p: string) => state.revealed.push(p) },
    },
  };
});
vi.mock('electron', () => electron.module);

const { createMainWindow } = await import('../../main/electron/main/window.js');
const { connectWindowIpc } = await import('../../main/electron/main/window-ipc.js');
const { mainHandlers } = await import('../../main/electron/main/main-handlers.js');

function navigationEvent(url: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('createMainWindow', () => {
  it('loads app://nilut/index.html with the hardened options', () => {
    const window = createMainWindow('/dist/preload/preload.cjs', '/icon.png') as unknown as InstanceType<typeof electron.FakeWindow>;
    expect(window.loaded).toBe('app://nilut/index.html');
    expect(window.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/dist/preload/preload.cjs' },
    });
  });

  it('denies new windows, <webview>, and navigation or redirects away from the app', () => {
    const window = createMainWindow('/p.cjs', '/i.png') as unknown as InstanceType<typeof electron.FakeWindow>;
    const contents = window.webContents;
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = navigationEvent('https://example.com/');
      contents.handlers.get(name)?.(away);
      expect(away.defaultPrevented).toBe(true);
      const file = navigationEvent('file:///home/me/photo.jpg');
      contents.handlers.get(name)?.(file);
      expect(file.defaultPrevented).toBe(true);
      const inside = navigationEvent('app://nilut/index.html#/library');
      contents.handlers.get(name)?.(inside);
      expect(inside.defaultPrevented).toBe(false);
    }
    const webview = navigationEvent('');
    contents.handlers.get('will-attach-webview')?.(webview);
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('connectWindowIpc and mainHandlers', () => {
  let window: InstanceType<typeof electron.FakeWindow>;
  const host = {
    call: vi.fn(async (channel: string) => ({ ok: true as const, value: { from: 'host', channel } })),
    grant: vi.fn((paths: string[]) => void electron.state.order.push(`grant ${paths.join(',')}`)),
  };

  beforeEach(() => {
    electron.state.order.length = 0;
    host.call.mockClear();
    host.grant.mockClear();
    window = new electron.FakeWindow({});
    const current = () => window as never;
    connectWindowIpc({ window: current, host, main: mainHandlers({ window: current, grant: (p) => host.grant(p), documentsDir: '/home/me/Documents' }) });
  });

  const fromWindow = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const invoke = (event: unknown, channel: unknown, request: unknown) => electron.state.handles.get('nilut:invoke')!(event, channel, request);

  it('routes host channels to the host process', async () => {
    expect(await invoke(fromWindow(), 'library.list', { filter: {} })).toEqual({ ok: true, value: { from: 'host', channel: 'library.list' } });
  });

  it('refuses calls from any other webContents or frame', async () => {
    const other = { sender: { id: 99, mainFrame: {} }, senderFrame: { url: 'app://nilut/index.html' } };
    expect(await invoke(other, 'library.list', {})).toMatchObject({ ok: false, error: { code: 'failed' } });
    const subframe = { sender: window.webContents, senderFrame: { url: 'app://nilut/frame.html' } };
    expect(await invoke(subframe, 'library.list', {})).toMatchObject({ ok: false });
    const elsewhere = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(elsewhere, 'library.list', {})).toMatchObject({ ok: false });
    window.webContents.mainFrame.url = 'app://nilut/index.html';
    expect(host.call).not.toHaveBeenCalled();
  });

  it("grants a dialog's choice to the host before returning it", async () => {
    expect(await invoke(fromWindow(), 'dialog.open', { purpose: 'import', multiple: true })).toEqual({ ok: true, value: { paths: ['/chosen/a.cube'] } });
    expect(electron.state.order).toEqual(['dialog', 'grant /chosen/a.cube']);
    expect(await invoke(fromWindow(), 'dialog.save', { defaultName: 'look.cube', extensions: ['cube'] })).toEqual({
      ok: true,
      value: { path: '/out/look.cube' },
    });
    expect(host.grant).toHaveBeenLastCalledWith(['/out/look.cube']);
  });

  it('grants nothing when a dialog is cancelled', async () => {
    electron.state.openResult = { canceled: true, filePaths: [] };
    electron.state.saveResult = { canceled: true };
    expect(await invoke(fromWindow(), 'dialog.open', { purpose: 'photo' })).toEqual({ ok: true, value: { paths: [] } });
    expect(await invoke(fromWindow(), 'dialog.save', { defaultName: 'a.png', extensions: ['png'] })).toEqual({ ok: true, value: { path: null } });
    expect(host.grant).not.toHaveBeenCalled();
  });

  it('reveals an existing absolute path and refuses others', async () => {
    expect(await invoke(fromWindow(), 'shell.reveal', { path: process.cwd() })).toEqual({ ok: true, value: { shown: true } });
    expect(electron.state.revealed).toContain(process.cwd());
    expect(await invoke(fromWindow(), 'shell.reveal', { path: 'relative' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invoke(fromWindow(), 'shell.reveal', { path: '/no/such/file' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('grants dropped paths, then tells the window with files.dropped', () => {
    electron.state.ons.get('nilut:dropped')!(fromWindow(), ['/photos/a.jpg', '/luts']);
    expect(host.grant).toHaveBeenCalledWith(['/photos/a.jpg', '/luts']);
    expect(window.webContents.sent).toEqual([['nilut:event', 'files.dropped', { paths: ['/photos/a.jpg', '/luts'] }]]);
  });

  it('ignores malformed drops and drops from elsewhere', () => {
    electron.state.ons.get('nilut:dropped')!(fromWindow(), ['relative/path']);
    electron.state.ons.get('nilut:dropped')!({ sender: { id: 1, mainFrame: {} }, senderFrame: {} }, ['/etc']);
    expect(host.grant).not.toHaveBeenCalled();
    expect(window.webContents.sent).toEqual([]);
  });
});
