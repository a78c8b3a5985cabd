/**
 * Runs the real app for an end-to-end test: `nilut studio --browser` over a temporary library,
 * read the URL (with its token) from the first line it prints, and headless Debian Chromium
 * driven by playwright-core. Everything is stopped by `close()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export { FIXTURES } from '../../support/paths.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Studio {
  readonly url: string;
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

export async function startStudio(library: string, allow: string[]): Promise<Studio> {
  const server = spawn(process.execPath, [path.join(REPO, 'bin', 'nilut.js'), 'studio', '--browser', '--no-samples', '--no-background-jobs', '--library', library, '--allow', ...allow, '--port', '0'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await firstLine(server, () => stderr);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A failed load is reported by URL below (the console line does not name it), and a browser
  // asks for /favicon.ico on its own.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  return { url, page, errors, close: () => stop(browser, server) };
}

function firstLine(server: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    const timer = setTimeout(() => reject(new Error(`nilut studio printed no URL in 30 s: ${stderr()}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    server.once('exit', (code) => reject(new Error(`nilut studio exited with ${code}: ${stderr()}`)));
  });
}

async function stop(browser: Browser, server: ChildProcess): Promise<void> {
  await browser.close().catch(() => {});
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
}

/** The preview canvas's pixels (RGBA), read as base64 to keep the CDP message small. */
export async function canvasPixels(page: Page): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  const { width, height, data } = await page.evaluate(() => {
    const canvas = document.querySelector('canvas[aria-label="Preview image"]') as HTMLCanvasElement;
    const bytes = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, data: btoa(text) };
  });
  return { width, height, pixels: new Uint8Array(Buffer.from(data, 'base64')) };
}

/** Chooses a path in the app's own picker (the browser shell has no native dialogs). */
export async function pickPath(page: Page, title: string | RegExp, value: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Path' }).fill(value);
  await dialog.getByRole('button', { name: /^(Choose|Save)$/ }).click();
  await dialog.waitFor({ state: 'detached' });
}
