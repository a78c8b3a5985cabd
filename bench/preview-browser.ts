/**
 * bench:preview-browser — pointer-to-frame latency of the live preview as a person feels it:
 * the real app (`nilut studio --browser` over a new library with the bundled looks) in headless
 * Debian Chromium, the 12 MP phone photo open, driven by real pointer events (playwright-core).
 *
 * Two controls: the preset view's Strength slider on a LUT, and the blend view's triangle on
 * the paper's 3-style model. For each, a drag of 120 pointer moves 16 ms apart (a 60 Hz mouse),
 * then 20 single moves each waited out. A frame's latency is from the input event that asked
 * for it (the page's own clock) to the animation frame after the canvas took it; frames/s is
 * frames drawn over the drag's time. The peer, in the same run: bench/preview.ts (the same
 * photo and model through the host in Node: no browser, socket or canvas), run after as
 * `node dist/bench/preview.js`, its draft and full lines printed beside (`--no-peer` skips it).
 *
 * Which request a frame answers: the canvas's `.live` carries `data-frames`, the sequence number
 * of the request the shown frame was rendered for; each input after the preview is at rest asks
 * exactly one new request, so request n after rest is input n.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { FIXTURES, ROOT } from './paths.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The orientation-6 Pixel phone JPEG: 12 MP, as in the issue and bench/preview.ts. */
const PHOTO = path.join(FIXTURES, 'photos', 'dog_exif_extended_xmp_icc.jpg');
const DRAG_MOVES = 120;
const MOVE_EVERY_MS = 16;
const SINGLE_MOVES = 20;

interface Figures {
  readonly latencies: number[];
  /** Frames drawn, and input events, while the pointer moved (first input to last). */
  readonly frames: number;
  readonly inputs: number;
  readonly seconds: number;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function startStudio(library: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/nilut.js'), 'studio', '--browser', '--port', '0', '--no-background-jobs', '--library', library, '--allow', FIXTURES],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`nilut studio exited (${code}) before printing its URL`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * Records, in the page, each input's time and each drawn frame's sequence number and time. The
 * page's code is given as text: this program compiles without the DOM's types (tsconfig.json).
 */
async function instrument(page: Page, inputEvent: 'input' | 'pointermove'): Promise<void> {
  await page.evaluate(`(() => {
    const live = document.querySelector('.live');
    const bench = (window.bench = { inputs: [], frames: [], rest: Number(live.dataset.frames) });
    window.benchOff?.();
    const onInput = () => bench.inputs.push(performance.now());
    document.addEventListener('${inputEvent}', onInput, { capture: true });
    const observer = new MutationObserver(() => {
      const seq = Number(live.dataset.frames);
      requestAnimationFrame(() => bench.frames.push({ seq, t: performance.now() }));
    });
    observer.observe(live, { attributes: true, attributeFilter: ['data-frames'] });
    window.benchOff = () => (document.removeEventListener('${inputEvent}', onInput, { capture: true }), observer.disconnect());
  })()`);
}

async function collect(page: Page): Promise<Figures> {
  return page.evaluate(`(() => {
    const { inputs, frames, rest } = window.bench;
    const latencies = frames.map((f) => f.t - inputs[f.seq - rest - 1]).filter((l) => Number.isFinite(l) && l >= 0);
    const end = inputs[inputs.length - 1];
    const seconds = inputs.length > 1 ? (end - inputs[0]) / 1000 : NaN;
    return { latencies, frames: frames.filter((f) => f.t <= end).length, inputs: inputs.length, seconds };
  })()`);
}

/** Waits until the preview has drawn the frame of the last request and nothing more is coming. */
async function quiet(page: Page): Promise<void> {
  let last = '';
  for (let stable = 0; stable < 4;) {
    await page.waitForTimeout(250);
    const now = `${await page.locator('.live').getAttribute('data-frames')}:${await page.locator('.preview').getAttribute('aria-busy')}`;
    stable = now === last && now.endsWith('false') ? stable + 1 : 0;
    last = now;
  }
}

/** A drag from `from` to `to` (fractions of the box), one move every 16 ms, then single moves waited out. */
async function drag(
  page: Page,
  target: string,
  inputEvent: 'input' | 'pointermove',
  from: [number, number],
  to: [number, number],
): Promise<{ drag: Figures; single: Figures }> {
  const box = (await page.locator(target).boundingBox())!;
  const at = (f: number) => [box.x + box.width * (from[0] + (to[0] - from[0]) * f), box.y + box.height * (from[1] + (to[1] - from[1]) * f)] as const;
  await page.mouse.move(...at(0));
  await page.mouse.down();
  await quiet(page);
  await instrument(page, inputEvent);
  for (let i = 1; i <= DRAG_MOVES; i++) {
    await page.mouse.move(...at((i / DRAG_MOVES) * 0.5));
    await page.waitForTimeout(MOVE_EVERY_MS);
  }
  await quiet(page);
  const dragged = await collect(page);
  await instrument(page, inputEvent);
  for (let i = 1; i <= SINGLE_MOVES; i++) {
    await page.mouse.move(...at(0.5 + (i / SINGLE_MOVES) * 0.5));
    await quiet(page);
  }
  const single = await collect(page);
  await page.mouse.up();
  return { drag: dragged, single };
}

/**
 * The same drag at a true 60 Hz: a driven mouse delivers only as many moves as headless
 * Chromium acknowledges (each CDP mouse event waits for the page's next frame: about 8 a second
 * here, whatever the app does), so frames/s under it says little. These moves are dispatched
 * by the page itself every 16 ms, as input events (slider) or pointer moves (triangle), after a
 * real press; the app handles them as it does a person's.
 */
async function fastDrag(page: Page, target: string, inputEvent: 'input' | 'pointermove', from: [number, number], to: [number, number]): Promise<Figures> {
  const box = (await page.locator(target).boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await quiet(page);
  await instrument(page, inputEvent);
  await page.evaluate(`new Promise((done) => {
    const el = document.querySelector('${target}');
    const box = el.getBoundingClientRect();
    let i = 0;
    const timer = setInterval(() => {
      const f = ++i / ${DRAG_MOVES};
      const x = box.left + box.width * (${from[0]} + (${to[0] - from[0]}) * f);
      const y = box.top + box.height * (${from[1]} + (${to[1] - from[1]}) * f);
      if ('${inputEvent}' === 'input') {
        // A range input fires 'input' only when its value changes (one request per input).
        const value = String(Math.round(((x - box.left) / box.width) * 100) / 100);
        if (value !== el.value) (el.value = value), el.dispatchEvent(new Event('input', { bubbles: true }));
      } else el.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerId: 1, bubbles: true }));
      if (i >= ${DRAG_MOVES}) (clearInterval(timer), done());
    }, ${MOVE_EVERY_MS});
  })`);
  await quiet(page);
  const figures = await collect(page);
  await page.mouse.up();
  return figures;
}

function printFast(name: string, f: Figures): void {
  console.log(
    `${name}, page-driven 60 Hz: ${(f.frames / f.seconds).toFixed(1)} frames/s for ${(f.inputs / f.seconds).toFixed(0)} inputs/s, ` +
      `pointer-to-frame p50 ${quantile(f.latencies, 0.5).toFixed(0)} ms / p95 ${quantile(f.latencies, 0.95).toFixed(0)} ms`,
  );
}

function print(name: string, f: { drag: Figures; single: Figures }): void {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(
    `${name}: drag ${(f.drag.frames / f.drag.seconds).toFixed(1)} frames/s for ${(f.drag.inputs / f.drag.seconds).toFixed(0)} inputs/s, ` +
      `pointer-to-frame p50 ${ms(quantile(f.drag.latencies, 0.5))} / p95 ${ms(quantile(f.drag.latencies, 0.95))}; ` +
      `single moves p50 ${ms(quantile(f.single.latencies, 0.5))} / p95 ${ms(quantile(f.single.latencies, 0.95))}`,
  );
}

async function main(): Promise<void> {
  const library = mkdtempSync(path.join(os.tmpdir(), 'nilut-bench-browser-'));
  const studio = await startStudio(library);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(studio.url);
    await page.getByRole('button', { name: 'Open photo…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a photo' });
    await dialog.getByRole('textbox', { name: 'Path' }).fill(PHOTO);
    await dialog.getByRole('button', { name: 'Choose' }).click();
    await page.getByRole('group', { name: 'Current photo' }).getByText(path.basename(PHOTO)).waitFor({ timeout: 60_000 });

    // The bundled LUT preset, in the preset view.
    const grid = page.getByRole('listbox', { name: 'Presets' });
    await grid.getByRole('option').first().waitFor({ timeout: 60_000 });
    const lutCard = grid.getByRole('option').filter({ hasText: /LUT/ }).first();
    await lutCard.dblclick();
    await page.locator('canvas[aria-label="Preview image"][data-exact="true"]').waitFor({ timeout: 60_000 });
    const canvas = page.locator('canvas[aria-label="Preview image"]');
    const edge = `${await canvas.getAttribute('width')}×${await canvas.getAttribute('height')}`;
    console.log(`Chromium ${browser.version()}, 1440×900, photo ${path.basename(PHOTO)} (12 MP), preview canvas ${edge}`);
    print('Strength slider (LUT preset)', await drag(page, 'input[aria-label="Strength"]', 'input', [0.95, 0.5], [0.05, 0.5]));
    printFast('Strength slider (LUT preset)', await fastDrag(page, 'input[aria-label="Strength"]', 'input', [0.95, 0.5], [0.05, 0.5]));

    // The paper's model in the blend view: the triangle.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Blend' }).click();
    await page.getByRole('radio', { name: "A model's styles" }).check();
    const source = page.getByRole('combobox', { name: 'Model to blend' });
    const model = await source.locator('option', { hasText: '(model)' }).first().getAttribute('value');
    await source.selectOption(model!);
    await page.locator('.triangle svg').waitFor();
    await page.locator('canvas[aria-label="Preview image"][data-exact="true"]').waitFor({ timeout: 60_000 });
    print('Blend triangle (3-style model)', await drag(page, '.triangle svg', 'pointermove', [0.5, 0.3], [0.3, 0.75]));
    printFast('Blend triangle (3-style model)', await fastDrag(page, '.triangle svg', 'pointermove', [0.5, 0.3], [0.3, 0.75]));
  } finally {
    await browser.close();
    studio.stop();
    rmSync(library, { recursive: true, force: true });
  }
  if (!process.argv.includes('--no-peer')) printNodePeer();
}

/** bench/preview.ts's model-blend draft and full figures on this machine, now (the host in Node). */
function printNodePeer(): void {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/bench/preview.js')], { cwd: ROOT, encoding: 'utf8' });
  const lines = run.stdout.split('\n').filter((l) => /^(draft \(dragging\)|full \(after release\))/.test(l));
  console.log(
    `Node peer, bench/preview.ts through the host (3-style model, 1 MP):${lines.length ? '' : ` did not run (${run.status}): ${run.stderr.slice(-300)}`}`,
  );
  for (const line of lines) console.log(`  ${line}`);
}

await main();
