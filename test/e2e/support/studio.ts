/**
 * The real app for an end-to-end test, in either shell, behind one interface: the steps in
 * steps.ts drive a Studio and never ask which shell it is. This file has the parts both shells
 * share and the browser shell (`nilut studio --browser` over a temporary library, in headless
 * Debian Chromium driven by playwright-core); electron.ts has the desktop shell.
 */
import { chromium, type Page } from 'playwright-core';
import { startStudio as startStudioProcess } from '../../support/studio.js';

export { FIXTURES, REPO_ROOT as REPO } from '../../support/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Studio {
  /** 'browser' or 'electron': names the screenshots, nothing else. */
  readonly shell: string;
  readonly page: Page;
  /** Page errors, console errors and failed requests seen so far. */
  readonly errors: string[];
  /**
   * Answers the file dialog that `open` brings up with `value`: the app's own path picker in a
   * browser, a native dialog in Electron (which a test cannot click, so main's dialog is told
   * the answer before it opens). `title` is the picker's title.
   */
  choosePath(title: string | RegExp, value: string, open: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Collects what a person would see go wrong on the page: script errors, console errors, failed loads. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A failed load is reported by URL below; its console line does not name it.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  page.on('requestfailed', (r) => errors.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`));
  return errors;
}

/** How the app is started: a new library with or without the bundled sample presets. Background jobs are always off. */
export interface StartOptions {
  readonly samples: boolean;
}

/** `nilut studio --browser` over `library`, serving `allow`, opened in headless Chromium. */
export async function startBrowserStudio(library: string, allow: string[], options: StartOptions): Promise<Studio> {
  const server = await startStudioProcess([...(options.samples ? [] : ['--no-samples']), '--no-background-jobs', '--library', library, '--allow', ...allow]);
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(server.url);
    return {
      shell: 'browser',
      page,
      errors,
      async choosePath(title, value, open) {
        await open();
        await pickPath(page, title, value);
      },
      async close() {
        await browser.close().catch(() => {});
        await stopWithin(server.stop(), 10_000, () => server.stop('SIGKILL'));
      },
    };
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
}

/** Waits for `stopping`; if it takes longer than `ms`, calls `force` and waits for that. */
export async function stopWithin(stopping: Promise<unknown>, ms: number, force: () => Promise<unknown>): Promise<void> {
  const timedOut = Symbol('timed out');
  const outcome = await Promise.race([stopping, new Promise((resolve) => setTimeout(() => resolve(timedOut), ms))]);
  if (outcome === timedOut) await force();
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
async function pickPath(page: Page, title: string | RegExp, value: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  // As a person would, after the folder listing has loaded: it fills in the folder's own path
  // when it arrives, and a fill racing it ended up appended to that path.
  await dialog.getByRole('button', { name: 'Up one folder' }).waitFor();
  await dialog.getByRole('textbox', { name: 'Path' }).fill(value);
  await dialog.getByRole('button', { name: /^(Choose|Save)$/ }).click();
  await dialog.waitFor({ state: 'detached' });
}
