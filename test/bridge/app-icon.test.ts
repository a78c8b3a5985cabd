import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge } from '../../main/bridge/server.js';
import { startBridge } from '../../main/bridge/server.js';
import type { Host } from '../../main/host/create-host.js';

const ICON = path.resolve(import.meta.dirname, '..', '..', 'resources', 'icons', '32x32.png');

/** The page and its icon need no library: a host that answers nothing. */
const idleHost: Host = {
  call: async () => ({ ok: false, error: { code: 'unavailable', message: 'no host in this test' } }),
  grant: () => {},
  close: async () => {},
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(): Promise<Bridge> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-bridge-icon-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><link rel="icon" type="image/png" href="icon.png"><script type="module" src="app.js"></script>');
  writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  copyFileSync(ICON, path.join(dir, 'icon.png'));
  const bridge = await startBridge({ host: idleHost, rendererDir: dir });
  cleanup.push(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return bridge;
}

function request(
  port: number,
  pathname: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

describe('browser bridge: the app icon', () => {
  it('serves the icon the page names, and /favicon.ico, as PNG without the token', async () => {
    const bridge = await start();
    for (const pathname of ['/icon.png', '/favicon.ico']) {
      const icon = await request(bridge.port, pathname);
      expect(icon.status, pathname).toBe(200);
      expect(icon.type, pathname).toBe('image/png');
      expect(icon.body.equals(readFileSync(ICON)), pathname).toBe(true);
    }
    // The token rewrite leaves the icon's link alone: a favicon request carries no query string.
    const page = await request(bridge.port, `/?token=${bridge.token}`);
    expect(page.body.toString()).toContain('href="icon.png"');
  });

  it('still refuses every other request without the token', async () => {
    const bridge = await start();
    for (const pathname of ['/', '/index.html', '/app.js', '/icon.png/../app.js', '/icon.png%2f..%2fapp.js', '/ws', '/favicon.ico.js']) {
      expect((await request(bridge.port, pathname)).status, pathname).toBe(403);
    }
    expect((await request(bridge.port, '/icon.png', { method: 'POST' })).status).toBe(403);
  });

  it('refuses the icon to another host name too (DNS rebinding)', async () => {
    const bridge = await start();
    expect((await request(bridge.port, '/icon.png', { headers: { host: `evil.example:${bridge.port}` } })).status).toBe(403);
  });
});
