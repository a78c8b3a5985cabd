import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, contentType, isAppUrl, resolveRendererPath, serveRenderer } from '../../main/electron/main/app-protocol.js';
import { contentSecurityPolicy } from '../../main/electron/main/csp.js';

describe('resolveRendererPath', () => {
  const root = path.resolve('/opt/nilut/dist/renderer');

  it('maps app://nilut/ paths to files under the renderer folder', () => {
    expect(resolveRendererPath(root, 'app://nilut/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://nilut/app.js')).toBe(path.join(root, 'app.js'));
    expect(resolveRendererPath(root, 'app://nilut/assets/a%20b.png')).toBe(path.join(root, 'assets', 'a b.png'));
    expect(resolveRendererPath(root, 'app://nilut/app.css?v=2#x')).toBe(path.join(root, 'app.css'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveRendererPath(root, 'app://nilut/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererPath(root, 'app://nilut')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://nilut/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://nilut/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://nilut/assets/..%2F..%2F..%2Fsecret',
    'app://nilut/..%2F',
  ])('refuses %s, which would leave the renderer folder', (url) => {
    expect(resolveRendererPath(root, url)).toBeNull();
  });

  it('decodes once: a double-encoded escape names a file inside', () => {
    expect(resolveRendererPath(root, 'app://nilut/..%252F..%252Fetc')).toBe(path.join(root, '..%2F..%2Fetc'));
  });

  it('keeps literal ../ inside (the URL parser folds it at the root)', () => {
    expect(resolveRendererPath(root, 'app://nilut/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('refuses Windows escapes: backslashes and drive letters stay inside or are refused', () => {
    const winRoot = 'C:\\Program Files\\NILUT Studio\\resources\\app.asar\\dist\\renderer';
    expect(resolveRendererPath(winRoot, 'app://nilut/..%5C..%5C..%5Cwindows%5Cwin.ini', path.win32)).toBeNull();
    expect(resolveRendererPath(winRoot, 'app://nilut/a\\..\\..\\..\\x', path.win32)).toBeNull();
    const drive = resolveRendererPath(winRoot, 'app://nilut/C:/Windows/win.ini', path.win32);
    if (drive !== null) expect(path.win32.relative(winRoot, drive).startsWith('..')).toBe(false);
    expect(resolveRendererPath(winRoot, 'app://nilut/app.js', path.win32)).toBe(`${winRoot}\\app.js`);
  });

  it('refuses other origins, schemes, NUL bytes and malformed escapes', () => {
    expect(resolveRendererPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveRendererPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveRendererPath(root, 'https://nilut/index.html')).toBeNull();
    expect(resolveRendererPath(root, 'app://nilut/a%00.js')).toBeNull();
    expect(resolveRendererPath(root, 'app://nilut/%E0%A4%A')).toBeNull();
    expect(resolveRendererPath(root, 'not a url')).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('accepts our origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://nilut/settings')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///tmp/photo.jpg')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('app scheme', () => {
  it("is privileged as standard and secure (a real origin for CSP 'self')", () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
  });

  it('names content types for the bundle', () => {
    expect(contentType('index.html')).toMatch(/^text\/html/);
    expect(contentType('app.js')).toMatch(/^text\/javascript/);
    expect(contentType('app.css')).toMatch(/^text\/css/);
    expect(contentType('x.wasm')).toBe('application/wasm');
    expect(contentType('x.unknown')).toBe('application/octet-stream');
  });
});

describe('serveRenderer', () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'nilut-protocol-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
    writeFileSync(path.join(root, 'app.js'), 'export {};');
    writeFileSync(outside, 'secret');
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await serveRenderer(new Request('app://nilut/app.js'), root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('export {};');
  });

  it('serves index.html at the origin', async () => {
    const response = await serveRenderer(new Request('app://nilut/'), root);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<script type="module"');
  });

  it('answers 403 with the CSP for an escape, and never reads the file outside', async () => {
    const response = await serveRenderer(new Request('app://nilut/..%2Fsecret.txt'), root);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await response.text()).toBe('');
  });

  it('answers 404 for a missing file or a folder, 405 for a POST', async () => {
    expect((await serveRenderer(new Request('app://nilut/missing.js'), root)).status).toBe(404);
    expect((await serveRenderer(new Request('app://nilut/assets'), root)).status).toBe(404);
    expect((await serveRenderer(new Request('app://nilut/app.js', { method: 'POST', body: 'x' }), root)).status).toBe(405);
  });
});

describe('the built renderer under app:// (npm run build)', () => {
  const built = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

  it('serves the favicon its index.html names, as a PNG the CSP allows', async () => {
    const page = await (await serveRenderer(new Request(APP_ENTRY_URL), built)).text();
    const href = /<link rel="icon" type="image\/png" href="([^"]+)"/.exec(page)?.[1];
    expect(href).toBe('icon.png');
    const icon = await serveRenderer(new Request(new URL(href!, APP_ENTRY_URL).href), built);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(contentSecurityPolicy()).toMatch(/img-src 'self'/);
  });
});
