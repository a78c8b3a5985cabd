/**
 * NILUT Studio end to end, as a person would use it: one library and one window for a whole
 * run, each step building on the previous one (photo → imports → preview → blend → batches).
 * The same steps run in each shell (studio.test.ts: the browser bridge; electron.test.ts: the
 * desktop app), given a way to start it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLutToPixels } from '../../../main/core/lut/apply.js';
import { parseCube } from '../../../main/core/lut/cube-read.js';
import { FIXTURES, REPO, canvasPixels, type Studio } from './studio.js';

const SHOTS = path.join(REPO, 'test-results');
const LUTS = path.join(FIXTURES, 'luts');
const MODEL = path.join(FIXTURES, 'nilut-paper', 'nilutx3style.pt');
const PHOTO = path.join(FIXTURES, 'photos', 'pineapple.jpeg');
const PORTRAIT = path.join(FIXTURES, 'photos', 'kodim04.png');

/** Starts the app over a library folder inside `tmp` (which also holds the shoots the steps grade). */
export type StartStudio = (tmp: string) => Promise<Studio>;

/** Big enough photos that grading them takes seconds on two cores, so a cancel lands mid-run. */
async function makeBigShoot(dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120 + i, sigma: 50 } } })
      .jpeg({ quality: 90 })
      .toFile(path.join(dir, `big-${String(i).padStart(2, '0')}.jpg`));
  }
}

export function studioSteps(title: string, start: StartStudio): void {
  let tmp: string;
  let studio: Studio;
  let page: Page;

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${studio.shell}-${name}.png`) });
  }

  async function view(name: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  /** The batch's output folder, chosen as a person would (a folder dialog needs it to exist). */
  async function chooseOutputFolder(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    await studio.choosePath('Output folder', dir, () => page.getByRole('group', { name: 'Output' }).getByRole('button', { name: 'Choose…' }).click());
    await expect.poll(() => page.getByRole('textbox', { name: 'Output folder' }).inputValue()).toBe(dir);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tmp = mkdtempSync(path.join(tmpdir(), 'nilut-e2e-'));
    const shoot = path.join(tmp, 'shoot');
    mkdirSync(shoot);
    for (const f of ['pineapple.jpeg', 'kodim23.png', 'paris_exif_xmp_icc_gainmap_bigendian.jpg'])
      cpSync(path.join(FIXTURES, 'photos', f), path.join(shoot, f));
    await makeBigShoot(path.join(tmp, 'big'), 16);
    studio = await start(tmp);
    page = studio.page;
  }, 120_000);

  afterAll(async () => {
    await studio?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe(title, () => {
    it('greets an empty library with what to do first, on the sample photo', async () => {
      await expect.poll(() => page.getByRole('heading', { name: 'Your library is empty' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByText('Open a photo').first().isVisible()).toBe(true);
      const photo = page.getByRole('group', { name: 'Current photo' });
      await expect.poll(() => photo.textContent()).toContain('Sample photo (Kodak kodim12)');
      expect(await photo.textContent()).toContain('Open photo…');
      await shot('library-empty');
    });

    it('opens a photo by path and imports the fixture LUTs and the paper model, file by file', async () => {
      await studio.choosePath('Open a photo', PHOTO, () => page.getByRole('button', { name: 'Open photo…' }).click());
      await expect.poll(() => page.getByRole('group', { name: 'Current photo' }).textContent()).toContain('pineapple.jpeg');
      expect(await page.getByRole('group', { name: 'Current photo' }).textContent()).not.toContain('Sample photo');

      await studio.choosePath('Import presets', LUTS, () => page.getByRole('button', { name: 'Import presets…' }).click());
      const results = page.getByRole('region', { name: 'Import results' });
      await results.waitFor({ timeout: 120_000 });
      const summary = await results.getByRole('heading').textContent();
      expect(summary).toMatch(/Imported \d+/);
      // The truncated .3dl must be listed as failed, with the reader's reason.
      const failed = results.getByRole('listitem').filter({ hasText: 'ocio_error_truncated_file.3dl' });
      await expect.poll(() => failed.textContent()).toMatch(/failed.*\S/);

      await studio.choosePath('Import presets', MODEL, () => page.getByRole('button', { name: 'Import presets…' }).click());
      await expect.poll(() => results.getByRole('listitem').first().textContent(), { timeout: 60_000 }).toContain('nilutx3style.pt');
    });

    it('shows a thumbnail of the photo through every preset', { timeout: 120_000 }, async () => {
      const cards = page.getByRole('listbox', { name: 'Presets' }).getByRole('option');
      const count = await cards.count();
      expect(count).toBeGreaterThan(10);
      await expect.poll(() => cardsWithoutThumbnail(page), { timeout: 100_000 }).toEqual([]);
      await shot('library');
    });

    it("shows a portrait photo's whole frame in every card, letterboxed, and every name in full", { timeout: 120_000 }, async () => {
      await studio.choosePath('Open a photo', PORTRAIT, () => page.getByRole('button', { name: 'Open photo…' }).click());
      await expect.poll(() => page.getByRole('group', { name: 'Current photo' }).textContent()).toContain('kodim04.png');
      await expect.poll(() => cardsWithoutThumbnail(page), { timeout: 100_000 }).toEqual([]);
      await shot('library-portrait');
      const frames = await page.$$eval('[role="option"]', (cards) =>
        cards.map((card) => {
          const img = card.querySelector('img')!;
          const well = img.parentElement!.getBoundingClientRect();
          const box = img.getBoundingClientRect();
          const name = card.querySelector<HTMLElement>('.name')!;
          return {
            ratio: img.naturalWidth / img.naturalHeight,
            inside: box.top >= well.top - 0.5 && box.bottom <= well.bottom + 0.5 && box.left >= well.left - 0.5 && box.right <= well.right + 0.5,
            fit: getComputedStyle(img).objectFit,
            nameFits: name.scrollHeight <= name.clientHeight + 1,
          };
        }),
      );
      expect(frames.length).toBeGreaterThan(10);
      // kodim04 is 512 × 768: each thumbnail keeps that shape, drawn whole inside its card's well.
      for (const f of frames) expect(f).toEqual({ ratio: expect.closeTo(512 / 768, 2), inside: true, fit: 'contain', nameFits: true });
      await studio.choosePath('Open a photo', PHOTO, () => page.getByRole('button', { name: 'Open photo…' }).click());
      await expect.poll(() => page.getByRole('group', { name: 'Current photo' }).textContent()).toContain('pineapple.jpeg');
      await expect.poll(() => cardsWithoutThumbnail(page), { timeout: 100_000 }).toEqual([]);
    });

    it('rates the focused card with 3 and undoes it; after Ctrl+F, coming back to the library puts the keys in the grid', async () => {
      const velvia = page.getByRole('option', { name: 'rawtherapee_Fuji_Velvia_50' });
      await velvia.click();
      await page.keyboard.press('3');
      await expect.poll(() => velvia.getByLabel('Rating 3 of 5').count()).toBe(1);
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => velvia.getByLabel('Rating 0 of 5').count()).toBe(1);

      await page.keyboard.press('ControlOrMeta+f');
      const search = page.getByRole('searchbox', { name: 'Search presets' });
      await page.keyboard.type('velvia');
      await expect.poll(() => page.getByRole('listbox', { name: 'Presets' }).getByRole('option').count()).toBe(1);
      await view('Jobs');
      await view('Library');
      await page.keyboard.press('f');
      expect(await search.inputValue()).toBe('velvia');
      await expect.poll(() => velvia.locator('.star.on').count()).toBe(1);
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => velvia.locator('.star.on').count()).toBe(0);
      await search.fill('');
      await expect.poll(() => page.getByRole('listbox', { name: 'Presets' }).getByRole('option').count()).toBeGreaterThan(10);
    });

    it('removes two selected presets from the selection bar and puts them back with Ctrl+Z', async () => {
      const grid = page.getByRole('listbox', { name: 'Presets' });
      const count = await grid.getByRole('option').count();
      await grid.getByRole('option', { name: 'ocio_crosstalk_17' }).click();
      await grid.getByRole('option', { name: 'ocio_discreet_17' }).click({ modifiers: ['ControlOrMeta'] });
      const bar = page.getByRole('region', { name: 'Selected presets' });
      await bar.getByRole('button', { name: 'Remove…' }).click();
      await bar.getByRole('button', { name: 'Remove 2' }).click();
      await expect.poll(() => grid.getByRole('option').count()).toBe(count - 2);
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => grid.getByRole('option').count()).toBe(count);
      await expect.poll(() => cardsWithoutThumbnail(page), { timeout: 60_000 }).toEqual([]);
    });

    it('opens a preset and drags the before/after split', async () => {
      await page.getByRole('option', { name: 'rawtherapee_Fuji_Velvia_50' }).dblclick();
      const canvas = page.getByRole('img', { name: 'Preview image' }).or(page.locator('canvas[aria-label="Preview image"]'));
      await expect.poll(() => canvas.getAttribute('data-exact'), { timeout: 60_000 }).toBe('true');
      const split = page.getByRole('slider', { name: 'Before/after split' });
      await expect.poll(() => split.isVisible(), { timeout: 30_000 }).toBe(true);
      // Its learned look waits for the queued learn job (background jobs are off here).
      expect(await page.getByRole('region', { name: 'Learned look' }).textContent()).toContain('Not learned yet');

      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      expect(Number(await split.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(18);
      expect(Number(await split.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(22);

      // Left of the split is the photo as it is, right of it the look: compare with each whole.
      const at20 = await canvasPixels(page);
      await split.focus();
      await page.keyboard.press('End');
      const before = await canvasPixels(page);
      await page.keyboard.press('Home');
      const after = await canvasPixels(page);
      expect(meanDifference(before.pixels, after.pixels)).toBeGreaterThan(3);
      const cut = Math.round(0.2 * at20.width);
      const column = (img: typeof at20, x: number) =>
        Array.from({ length: img.height }, (_, y) => img.pixels.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)).flatMap((p) => [...p]);
      expect(column(at20, cut - 3)).toEqual(column(before, cut - 3));
      expect(column(at20, cut + 3)).toEqual(column(after, cut + 3));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await split.getAttribute('aria-valuenow')).toBe('10');
      await shot('preset');
    });

    it("blends the paper model's three styles and exports a .cube that matches the preview", { timeout: 150_000 }, async () => {
      await view('Blend');
      const source = page.getByRole('combobox', { name: 'Model to blend' });
      const modelOption = await source.locator('option', { hasText: '(model)' }).first().getAttribute('value');
      await source.selectOption(modelOption!);
      const mix = page.getByRole('slider', { name: 'Style mix' });
      await mix.waitFor();
      await mix.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => mix.getAttribute('aria-valuetext')).not.toMatch(/100%/);
      const canvas = page.locator('canvas[aria-label="Preview image"]');
      await withState(page, expect.poll(() => canvas.getAttribute('data-exact'), { timeout: 60_000 }).toBe('true'));
      // The newest frame has landed when the frame counter stops moving.
      await waitForQuietFrames(page);
      const split = page.getByRole('slider', { name: 'Before/after split' });
      await split.focus();
      await page.keyboard.press('Home');
      const after = await canvasPixels(page);
      await page.keyboard.press('End');
      const before = await canvasPixels(page);
      await page.keyboard.press('Home');
      await shot('blend');

      const cubePath = path.join(tmp, 'blend.cube');
      await studio.choosePath(/^Save /, cubePath, () => page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export…' }).click());
      await expect.poll(() => page.getByRole('region', { name: 'Export' }).getByRole('status').textContent(), { timeout: 60_000 }).toContain('blend.cube');

      const { lut } = parseCube(readFileSync(cubePath, 'utf8'), 'blend.cube');
      const graded = new Uint8Array(before.pixels);
      applyLutToPixels(lut, graded, 4);
      const { mean, max } = differences(graded, after.pixels);
      // The preview bakes the model at 25³, the export at 33³: the same look within rounding.
      expect(mean).toBeLessThan(1.5);
      expect(max).toBeLessThan(16);
      expect(meanDifference(before.pixels, after.pixels)).toBeGreaterThan(3);
    });

    it('blends two LUT presets at once, drags a weight, saves the blend and grades with it', { timeout: 150_000 }, async () => {
      await view('Library');
      const grid = page.getByRole('listbox', { name: 'Presets' });
      await grid.getByRole('option', { name: 'rawtherapee_Fuji_Velvia_50' }).click();
      await grid.getByRole('option', { name: 'rawtherapee_Kodak_Portra_400_2' }).click({ modifiers: ['ControlOrMeta'] });
      await page.getByRole('button', { name: 'Blend selected' }).click();
      const weight = page.getByRole('slider', { name: 'Weight of rawtherapee_Fuji_Velvia_50' });
      await weight.waitFor();
      const canvas = page.locator('canvas[aria-label="Preview image"]');
      await withState(page, expect.poll(() => canvas.getAttribute('data-exact'), { timeout: 60_000 }).toBe('true'));
      // No fit: the blend shows at once, and main says it is the LUTs' exact mix.
      await expect.poll(() => page.getByRole('status', { name: 'Blend fidelity' }).textContent(), { timeout: 30_000 }).toMatch(/exact mix of these LUTs/);
      await waitForQuietFrames(page);
      const even = await canvasPixels(page);

      const box = (await weight.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      expect(Number(await weight.inputValue())).toBeLessThan(0.3);
      expect(Number(await weight.inputValue())).toBeGreaterThan(0.1);
      await withState(page, expect.poll(() => canvas.getAttribute('data-exact'), { timeout: 60_000 }).toBe('true'));
      await waitForQuietFrames(page);
      const mostlyPortra = await canvasPixels(page);
      expect(meanDifference(even.pixels, mostlyPortra.pixels)).toBeGreaterThan(0.5);
      await shot('blend-presets');

      await page.getByRole('textbox', { name: 'Blend name' }).fill('Portra and a little Velvia');
      await page.getByRole('button', { name: 'Save blend' }).click();
      await expect.poll(() => page.getByText('Saved “Portra and a little Velvia” to the library.').count(), { timeout: 30_000 }).toBe(1);

      // Matched against the library, the saved blend is found again from its two looks.
      const match = page.getByRole('region', { name: 'Match a look' });
      await match.getByRole('combobox', { name: 'Preset to match' }).selectOption({ label: 'Portra and a little Velvia' });
      await match.getByRole('button', { name: 'Find blends' }).click();
      const best = match.getByRole('list', { name: 'Blends found' }).getByRole('listitem').first();
      await expect.poll(() => best.textContent(), { timeout: 90_000 }).toMatch(/indistinguishable/);
      expect(await best.textContent()).toMatch(
        /rawtherapee_Kodak_Portra_400_2 \d+%.*rawtherapee_Fuji_Velvia_50 \d+%|rawtherapee_Fuji_Velvia_50 \d+%.*rawtherapee_Kodak_Portra_400_2 \d+%/,
      );
      await shot('match');

      await view('Batch');
      const look = page.getByRole('combobox', { name: 'Preset or blend' });
      await expect.poll(async () => look.locator('option:checked').textContent()).toContain('Portra and a little Velvia');
      await studio.choosePath('Photos to grade', path.join(tmp, 'shoot'), () => page.getByRole('button', { name: 'Add photos or folders…' }).click());
      await chooseOutputFolder(path.join(tmp, 'out-blend'));
      await page.getByRole('button', { name: 'Start' }).click();
      const summary = page.getByRole('status', { name: 'Batch summary' });
      await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toContain('Finished: 3 graded');
      expect(readdirSync(path.join(tmp, 'out-blend')).length).toBe(3);
      await page.getByRole('button', { name: 'Clear' }).click();
    });

    it('grades a small folder and shows the summary', async () => {
      await view('Batch');
      await studio.choosePath('Photos to grade', path.join(tmp, 'shoot'), () => page.getByRole('button', { name: 'Add photos or folders…' }).click());
      await chooseOutputFolder(path.join(tmp, 'out'));
      await page.getByRole('button', { name: 'Start' }).click();
      const summary = page.getByRole('status', { name: 'Batch summary' });
      await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toContain('Finished: 3 graded');
      await shot('batch');
    });

    it('cancels a running batch', async () => {
      await page.getByRole('button', { name: 'Clear' }).click();
      await studio.choosePath('Photos to grade', path.join(tmp, 'big'), () => page.getByRole('button', { name: 'Add photos or folders…' }).click());
      await chooseOutputFolder(path.join(tmp, 'out-big'));
      await page.getByRole('button', { name: 'Start' }).click();
      const cancel = page.getByRole('region', { name: 'Batch progress' }).getByRole('button', { name: 'Cancel' });
      await cancel.click({ timeout: 30_000 });
      const summary = page.getByRole('status', { name: 'Batch summary' });
      await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/^Cancelled/);
      const text = (await summary.textContent())!;
      const graded = Number(/(\d+) graded/.exec(text)![1]);
      expect(graded).toBeLessThan(16);
      await shot('batch-cancelled');
    });

    it('shows the imported LUTs queued as one learn job with one cancel, then settings, with no errors in the page', async () => {
      await view('Jobs');
      await page.getByRole('heading', { name: 'Jobs' }).waitFor();
      // The folder imports queued one job that learns every new LUT as a compact look (background
      // jobs are off, so it waits), not a fit per LUT.
      const jobsList = page.getByRole('region', { name: 'Jobs' }).getByRole('list');
      const learn = jobsList.getByRole('listitem', { name: 'Job Learn the new looks' });
      await learn.waitFor();
      expect(await learn.textContent()).toContain('queued');
      expect(
        await jobsList
          .getByRole('listitem')
          .filter({ hasText: /queued/ })
          .count(),
      ).toBe(1);
      expect(await jobsList.getByRole('listitem', { name: /^Job Fit |fits? (queued|cancelled)$/ }).count()).toBe(0);
      await shot('jobs');
      await learn.getByRole('button', { name: 'Cancel Learn the new looks' }).click();
      await expect.poll(() => learn.textContent()).toContain('cancelled');
      expect(await learn.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
      await view('Settings');
      await page.getByRole('textbox', { name: 'Library location' }).waitFor();
      await shot('settings');
      expect(studio.errors).toEqual([]);
    });
  });
}

/**
 * A new user's first screen: `start` opens a new library with its bundled samples, and every
 * look in it is shown on the sample photo before the user has opened anything.
 */
export function firstRunSteps(title: string, start: StartStudio): void {
  describe(title, () => {
    let tmp: string;
    let studio: Studio;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      tmp = mkdtempSync(path.join(tmpdir(), 'nilut-e2e-first-'));
      studio = await start(tmp);
    }, 120_000);

    afterAll(async () => {
      await studio?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('shows every sample look on the sample photo, with no errors in the page', { timeout: 120_000 }, async () => {
      const page = studio.page;
      const cards = page.getByRole('listbox', { name: 'Presets' }).getByRole('option');
      await cards.first().waitFor({ timeout: 60_000 });
      expect(await page.getByRole('heading', { name: 'Your library is empty' }).count()).toBe(0);
      await expect.poll(() => page.getByRole('group', { name: 'Current photo' }).textContent()).toContain('Sample photo (Kodak kodim12)');
      await expect.poll(() => cardsWithoutThumbnail(page), { timeout: 100_000 }).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${studio.shell}-first-run.png`) });
      expect(studio.errors).toEqual([]);
    });
  });
}

/** Names (and any reason shown) of the preset cards whose thumbnail has not loaded. */
function cardsWithoutThumbnail(page: Page): Promise<string[]> {
  return page.$$eval('[role="option"]', (cards) =>
    cards
      .filter((c) => !((c.querySelector('img') as HTMLImageElement | null)?.complete && (c.querySelector('img') as HTMLImageElement).naturalWidth > 0))
      .map((c) => c.textContent!.trim()),
  );
}

/** A failed wait says what the preview showed then: frame count, exactness, busy, errors. */
async function withState(page: Page, wait: Promise<void>): Promise<void> {
  try {
    await wait;
  } catch (error) {
    const state = await page.evaluate(() => ({
      frames: document.querySelector('.live')?.getAttribute('data-frames'),
      exact: document.querySelector('canvas[aria-label="Preview image"]')?.getAttribute('data-exact'),
      busy: document.querySelectorAll('figure[aria-busy="true"]').length,
      alerts: Array.from(document.querySelectorAll('[role="alert"]'), (a) => a.textContent),
    }));
    throw new Error(`${(error as Error).message}\npreview state: ${JSON.stringify(state)}`, { cause: error });
  }
}

async function waitForQuietFrames(p: Page): Promise<void> {
  const frames = () => p.locator('.live').first().getAttribute('data-frames');
  let last = await frames();
  for (let i = 0; i < 40; i++) {
    await p.waitForTimeout(250);
    const now = await frames();
    const busy = await p.locator('figure[aria-busy="true"]').count();
    if (now === last && busy === 0) return;
    last = now;
  }
}

function meanDifference(a: Uint8Array, b: Uint8Array): number {
  return differences(a, b).mean;
}

function differences(a: Uint8Array, b: Uint8Array): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    n++;
    if (d > max) max = d;
  }
  return { mean: sum / n, max };
}
