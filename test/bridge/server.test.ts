import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Bridge } from '../../main/bridge/server.js';
import { startBridge } from '../../main/bridge/server.js';
import type { BridgeMessage } from '../../main/contract/bridge-wire.js';
import { decodeMessage, encodeMessage } from '../../main/contract/bridge-wire.js';
import { createHost } from '../../main/host/create-host.js';
import type { Host } from '../../main/host/create-host.js';
import { fixture } from '../support/paths.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start(): Promise<{ bridge: Bridge; host: Host }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-bridge-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><link rel="stylesheet" href="app.css"><script type="module" src="app.js"></script>');
  writeFileSync(path.join(rendererDir, 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the page');
  let bridge: Bridge | undefined;
  const host = await createHost({
    libraryDir: path.join(dir, 'library'),
    settingsFile: path.join(dir, 's.json'),
    shell: 'browser',
    allowedRoots: [fixture('photos')],
    samples: false,
    backgroundJobs: false,
    emit: (e, p) => bridge?.broadcast(e, p),
  });
  bridge = await startBridge({ host, rendererDir });
  cleanup.push(async () => {
    await bridge!.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { bridge, host };
}

function get(
  port: number,
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (response) => {
        let body = '';
        response.on('data', (c: Buffer) => (body += c.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      })
      .on('error', reject);
  });
}

function connect(bridge: Bridge, options: { token?: string; origin?: string | null } = {}): Promise<WebSocket> {
  const token = options.token ?? bridge.token;
  const origin = options.origin === undefined ? `http://127.0.0.1:${bridge.port}` : options.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${encodeURIComponent(token)}`, origin === null ? {} : { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, request: unknown): Promise<BridgeMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = decodeMessage(new Uint8Array(data));
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeMessage({ type: 'call', id, channel, request }));
  });
}

describe('browser bridge', () => {
  it('serves the page only with the token, with a strict CSP and the token on its assets', async () => {
    const { bridge } = await start();
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect((await get(bridge.port, '/')).status).toBe(403);
    expect((await get(bridge.port, '/app.js')).status).toBe(403);
    expect((await get(bridge.port, '/?token=wrong')).status).toBe(403);
    const page = await get(bridge.port, `/?token=${bridge.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`src="app.js?token=${bridge.token}"`);
    expect(page.body).toContain(`href="app.css?token=${bridge.token}"`);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect((await get(bridge.port, `/app.js?token=${bridge.token}`)).status).toBe(200);
    expect((await get(bridge.port, `/..%2fsecret.txt?token=${bridge.token}`)).status).toBe(404);
  });

  it('refuses another host name (DNS rebinding) and a foreign origin', async () => {
    const { bridge } = await start();
    expect((await get(bridge.port, `/?token=${bridge.token}`, { host: `evil.example:${bridge.port}` })).status).toBe(403);
    expect((await get(bridge.port, `/?token=${bridge.token}`, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses sockets without the token, from a foreign origin or without an origin', async () => {
    const { bridge } = await start();
    await expect(connect(bridge, { token: '' })).rejects.toThrow('HTTP 403');
    await expect(connect(bridge, { token: 'x'.repeat(32) })).rejects.toThrow('HTTP 403');
    await expect(connect(bridge, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(bridge, { origin: null })).rejects.toThrow('HTTP 403');
  });

  it('carries calls, typed errors, binary previews and events over the socket', async () => {
    const { bridge } = await start();
    const ws = await connect(bridge);
    const events: BridgeMessage[] = [];
    ws.on('message', (data: Buffer) => {
      const message = decodeMessage(new Uint8Array(data));
      if (message.type === 'event') events.push(message);
    });
    expect(await call(ws, 1, 'library.list', {})).toEqual({ type: 'result', id: 1, result: { ok: true, value: [] } });
    const refused = (await call(ws, 2, 'nope', {})) as { result: { ok: boolean; error: { code: string } } };
    expect(refused.result.error.code).toBe('unknown-channel');
    const { readFileSync } = await import('node:fs');
    const cube = new Uint8Array(readFileSync(fixture('nilut-paper', 'LUT01.cube')));
    const imported = (await call(ws, 3, 'library.importFiles', { files: [{ name: 'LUT01.cube', bytes: cube }], queueFits: false })) as {
      result: { ok: true; value: { imported: { presetId: number }[] } };
    };
    const presetId = imported.result.value.imported[0].presetId;
    expect(events.some((e) => e.type === 'event' && e.event === 'library.changed')).toBe(true);
    await call(ws, 4, 'photos.open', { path: fixture('photos', 'kodim23.png') });
    const preview = (await call(ws, 5, 'preview.render', { look: { kind: 'preset', presetId }, maxEdge: 256 })) as {
      result: { ok: true; value: { pixels: Uint8Array; width: number; height: number } };
    };
    expect(preview.result.value.pixels).toBeInstanceOf(Uint8Array);
    expect(preview.result.value.pixels.byteLength).toBe(preview.result.value.width * preview.result.value.height * 4);
    const thumbnails = (await call(ws, 6, 'preview.thumbnails', { presetIds: [presetId], size: 64 })) as {
      result: { ok: true; value: { jpeg: Uint8Array }[] };
    };
    expect(thumbnails.result.value[0].jpeg).toBeInstanceOf(Uint8Array);
    expect([...thumbnails.result.value[0].jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    ws.close();
  });
});
