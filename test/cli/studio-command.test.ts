import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeMessage } from '../../main/contract/bridge-wire.js';
import { decodeMessage, encodeMessage } from '../../main/contract/bridge-wire.js';
import { HANDLES_SIGNALS, runNilut } from '../support/cli.js';
import type { RunningStudio } from '../support/studio.js';
import { startStudio } from '../support/studio.js';

const running: RunningStudio[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const studio of running.splice(0)) await studio.stop('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nilut-studio-'));
  dirs.push(dir);
  return dir;
}

describe('nilut studio --browser', () => {
  it.skipIf(!HANDLES_SIGNALS)('prints the URL with its token first, serves the app and the socket, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const studio = await startStudio(['--library', path.join(dir, 'library'), '--allow', dir, '--no-background-jobs']);
    running.push(studio);
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    const page = await fetch(studio.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app.js?token=');
    expect((await fetch(`http://127.0.0.1:${studio.port}/`)).status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${studio.port}/ws?token=${studio.token}`, { origin: `http://127.0.0.1:${studio.port}` });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
    expect(await studio.stop('SIGTERM')).toBe(0);
    expect(studio.stderr()).toContain('stopping');
  });

  it.skipIf(!HANDLES_SIGNALS)('stops cleanly on Ctrl-C (SIGINT) and the library opens afterwards with its samples', async () => {
    const dir = tempDir();
    const library = path.join(dir, 'library');
    const studio = await startStudio(['--library', library, '--allow', dir, '--no-background-jobs']);
    running.push(studio);
    expect(await studio.stop('SIGINT')).toBe(0);
    const list = runNilut(['library', 'list', '--library', library, '--json']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('LUT01');
  });

  it('shows a new library started with --no-samples on the sample photo, with its favicon and no token needed for it', async () => {
    const dir = tempDir();
    const studio = await startStudio(['--library', path.join(dir, 'library'), '--allow', dir, '--no-samples', '--no-background-jobs']);
    running.push(studio);
    expect(await (await fetch(studio.url)).text()).toContain('<link rel="icon" type="image/png" href="icon.png"');
    for (const pathname of ['/icon.png', '/favicon.ico']) {
      const icon = await fetch(`http://127.0.0.1:${studio.port}${pathname}`);
      expect([icon.status, icon.headers.get('content-type')], pathname).toEqual([200, 'image/png']);
    }
    const ws = new WebSocket(`ws://127.0.0.1:${studio.port}/ws?token=${studio.token}`, { origin: `http://127.0.0.1:${studio.port}` });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answer = new Promise<BridgeMessage>((resolve) => ws.once('message', (data: Buffer) => resolve(decodeMessage(new Uint8Array(data)))));
    ws.send(encodeMessage({ type: 'call', id: 1, channel: 'photos.current', request: {} }));
    expect(await answer).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { name: 'Kodak kodim12', width: 768, height: 512, sample: true } },
    });
    ws.close();
  });

  it('says how to run in a browser when Electron cannot start', () => {
    const result = runNilut(['studio'], { env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nilut studio --browser');
  });
});
