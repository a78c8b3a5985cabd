import { describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../main/electron/main/app-protocol.js';
import { isTrustedSender, MAIN_CHANNELS, routeInvoke, type MainHandlers } from '../../main/electron/main/invoke-router.js';
import { IpcFailure } from '../../main/host/errors.js';

function setup() {
  const host = { call: vi.fn(async (channel: string, request: unknown) => ({ ok: true as const, value: { from: 'host', channel, request } })) };
  const main: MainHandlers = {
    'dialog.open': vi.fn(async () => ({ paths: ['/chosen'] })),
    'dialog.save': vi.fn(async () => ({ path: '/saved.cube' })),
    'shell.reveal': vi.fn(async () => ({ shown: true })),
  };
  return { host, main };
}

describe('routeInvoke', () => {
  it('answers the Electron-only channels in main, never in the host', async () => {
    const { host, main } = setup();
    expect(await routeInvoke('dialog.open', { purpose: 'import' }, host, main)).toEqual({ ok: true, value: { paths: ['/chosen'] } });
    expect(await routeInvoke('dialog.save', { defaultName: 'look.cube', extensions: ['cube'] }, host, main)).toEqual({
      ok: true,
      value: { path: '/saved.cube' },
    });
    expect(await routeInvoke('shell.reveal', { path: '/x' }, host, main)).toEqual({ ok: true, value: { shown: true } });
    expect(host.call).not.toHaveBeenCalled();
    expect(MAIN_CHANNELS).toEqual(['dialog.open', 'dialog.save', 'shell.reveal']);
  });

  it('hands main handlers the parsed request, defaults filled in', async () => {
    const { host, main } = setup();
    await routeInvoke('dialog.open', { purpose: 'photo' }, host, main);
    expect(main['dialog.open']).toHaveBeenCalledWith({ purpose: 'photo', multiple: false });
  });

  it('validates main channels with the contract schemas', async () => {
    const { host, main } = setup();
    const result = await routeInvoke('dialog.open', { purpose: 'everything' }, host, main);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'purpose' }] } });
    expect(await routeInvoke('dialog.save', { defaultName: 'x', extensions: ['../exe'] }, host, main)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await routeInvoke('shell.reveal', undefined, host, main)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(main['dialog.open']).not.toHaveBeenCalled();
  });

  it('turns a main handler failure into its typed error', async () => {
    const { host, main } = setup();
    main['shell.reveal'] = async () => {
      throw new IpcFailure('not-found', '/gone does not exist');
    };
    expect(await routeInvoke('shell.reveal', { path: '/gone' }, host, main)).toEqual({
      ok: false,
      error: { code: 'not-found', message: '/gone does not exist' },
    });
  });

  it('passes every other channel and its request to the host untouched', async () => {
    const { host, main } = setup();
    const bytes = new Uint8Array([9, 8, 7]);
    const request = { files: [{ name: 'a.cube', bytes }] };
    const result = await routeInvoke('library.importFiles', request, host, main);
    expect(host.call).toHaveBeenCalledWith('library.importFiles', request);
    expect((host.call.mock.calls[0][1] as typeof request).files[0].bytes).toBe(bytes);
    expect(result).toMatchObject({ ok: true, value: { from: 'host' } });
  });

  it('refuses unknown channels without asking anyone', async () => {
    const { host, main } = setup();
    for (const channel of ['nope', '__proto__', 'constructor', 42, null]) {
      expect(await routeInvoke(channel, {}, host, main)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(host.call).not.toHaveBeenCalled();
  });
});

describe('isTrustedSender', () => {
  const ours = { senderId: 7, frameUrl: 'app://nilut/index.html', isMainFrame: true };

  it("trusts our window's top frame on our page", () => {
    expect(isTrustedSender(ours, 7, isAppUrl)).toBe(true);
  });

  it('refuses another webContents, a subframe, a foreign page, or no window', () => {
    expect(isTrustedSender({ ...ours, senderId: 8 }, 7, isAppUrl)).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false }, 7, isAppUrl)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://evil.example/' }, 7, isAppUrl)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/dropped.html' }, 7, isAppUrl)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: undefined }, 7, isAppUrl)).toBe(false);
    expect(isTrustedSender(ours, undefined, isAppUrl)).toBe(false);
  });
});
