/**
 * The blend view with several presets selected (issue 16): one weight per look, a live preview
 * of their mix with no fit, what main says the mix is, saving it as a preset, and the triangle
 * for three looks.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoInfo, PresetSummary, PreviewImage } from '../../main/contract/contract.js';
import { useApi } from '../../renderer/api.js';
import { library } from '../../renderer/stores/library.svelte.js';
import { session } from '../../renderer/stores/session.svelte.js';
import BlendView from '../../renderer/views/BlendView.svelte';
import { FakeApi, settle } from './fake-api.js';
import { move, slider } from './range-inputs.js';
import { preset } from './presets.js';
import { resetLibraryStore } from './stores.js';

const PHOTO: PhotoInfo = { hash: 'f00d', name: 'kodim23.png', width: 768, height: 512, sample: false };
const frame = (mix: PreviewImage['mix']): PreviewImage => ({ width: 2, height: 1, pixels: new Uint8Array(8), exact: true, mix, milliseconds: 1 });

let api: FakeApi;
let component: ReturnType<typeof mount> | null = null;
const velvia = preset(1, 'Velvia 50');
const portra = preset(2, 'Portra 400');
const triX = preset(3, 'TRI-X 400');
let fidelity: PreviewImage['mix'] = 'exact';

beforeEach(() => {
  fidelity = 'exact';
  api = new FakeApi()
    .handle('library.list', () => [velvia, portra, triX])
    .handle('preview.render', () => frame(fidelity))
    .handle('library.saveMix', ({ name, sources }) => preset(9, name, 'mix', { mixSources: sources }));
  useApi(api);
  resetLibraryStore();
  Object.assign(session, { presetId: null, photo: PHOTO, photoKnown: true, photoError: null });
});

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

/** The last preview asked for a blend of presets. */
function lastMixAsked() {
  return api
    .callsOf('preview.render')
    .filter((r) => r.look.kind === 'mix')
    .at(-1)!;
}

async function open(selected: PresetSummary[]): Promise<void> {
  library.selection = { ids: new Set(selected.map((p) => p.id)), anchor: selected[0].id };
  component = mount(BlendView, { target: document.body });
  flushSync();
  await settle();
}

describe('blending the selected presets', () => {
  it('previews the selected presets mixed at even shares, at once, and follows the sliders', async () => {
    await open([velvia, portra]);
    expect(document.querySelector<HTMLInputElement>('input[type="radio"][value="presets"]')!.checked).toBe(true);
    const first = api.callsOf('preview.render').find((r) => r.look.kind === 'mix');
    expect(first).toMatchObject({
      look: {
        kind: 'mix',
        sources: [
          { presetId: 1, weight: 0.5 },
          { presetId: 2, weight: 0.5 },
        ],
      },
    });
    expect(api.callsOf('models.fit')).toEqual([]);
    move(slider('Weight of Velvia 50'), '0.9');
    await settle();
    const last = lastMixAsked();
    expect(last.look).toEqual({
      kind: 'mix',
      sources: [
        { presetId: 1, weight: 0.9 },
        { presetId: 2, weight: 0.5 },
      ],
    });
    // Shares are the weights normalised: 0.9 of 1.4 is 64 %.
    expect(slider('Weight of Velvia 50').closest('.row')!.textContent).toMatch(/64 ?%/);
    expect(document.querySelector('[aria-label="Blend fidelity"]')!.textContent).toMatch(/exact mix of these LUTs/);
  });

  it('says when a model among the looks is baked, and saves the blend as a preset', async () => {
    fidelity = 'baked';
    await open([velvia, portra]);
    expect(document.querySelector('[aria-label="Blend fidelity"]')!.textContent).toMatch(/learned model .* baked/);
    const name = document.querySelector<HTMLInputElement>('input[aria-label="Blend name"]')!;
    expect(name.value).toBe('Velvia 50 + Portra 400');
    name.value = 'Warm film';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    name.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(api.callsOf('library.saveMix')).toEqual([
      {
        name: 'Warm film',
        sources: [
          { presetId: 1, weight: 0.5 },
          { presetId: 2, weight: 0.5 },
        ],
      },
    ]);
    expect(document.body.textContent).toContain('Saved “Warm film” to the library.');
    expect(session.presetId).toBe(9);
  });

  it('offers the triangle for three looks, and adds or drops a look', async () => {
    await open([velvia, portra]);
    expect(document.querySelector('[aria-label="Look mix"]')).toBeNull();
    const add = document.querySelector<HTMLSelectElement>('select[aria-label="Look to add"]')!;
    add.value = String(triX.id);
    add.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    await settle();
    expect(add.value).toBe('');
    expect(document.querySelector('[aria-label="Look mix"]')).not.toBeNull();
    [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-label') === 'Remove Portra 400 from the blend')!.click();
    flushSync();
    await settle();
    const last = lastMixAsked();
    expect(last.look).toEqual({
      kind: 'mix',
      sources: [
        { presetId: 1, weight: 0.5 },
        { presetId: 3, weight: 0.5 },
      ],
    });
  });
});

describe('matching a look from the blend view', () => {
  it('finds blends nearest a preset, lists them with their ΔE2000, previews one and saves one in a click', async () => {
    api.handle('library.match', () => ({
      candidates: [
        {
          parts: [
            { presetId: 2, name: 'Portra 400', weight: 0.7 },
            { presetId: 3, name: 'TRI-X 400', weight: 0.3 },
          ],
          deltaE2000: { mean: 0.31, p95: 0.8, max: 1.9 },
          verdict: 'indistinguishable',
        },
        { parts: [{ presetId: 2, name: 'Portra 400', weight: 1 }], deltaE2000: { mean: 2.4, p95: 5.1, max: 9 }, verdict: 'approximate' },
      ],
      looks: 2,
      skipped: [],
      samples: { fit: 12729, check: 16913 },
    }));
    await open([velvia, portra]);
    const target = document.querySelector<HTMLSelectElement>('select[aria-label="Preset to match"]')!;
    target.value = String(velvia.id);
    target.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Find blends')!.click();
    await settle();
    expect(api.callsOf('library.match')).toEqual([{ target: { kind: 'preset', presetId: 1 }, maxLooks: 3, candidates: 5 }]);
    const found = document.querySelector('[aria-label="Blends found"]')!;
    expect(found.textContent).toMatch(/Portra 400 70% \+ TRI-X 400 30%.*ΔE2000 0\.31 mean, 0\.80 p95 · indistinguishable/s);
    expect(found.textContent).toMatch(/visible differences/);

    const buttons = [...found.querySelectorAll('button')];
    buttons.find((b) => b.textContent === 'Preview')!.click();
    flushSync();
    await settle();
    expect(lastMixAsked().look).toEqual({
      kind: 'mix',
      sources: [
        { presetId: 2, weight: 0.7 },
        { presetId: 3, weight: 0.3 },
      ],
    });
    // A single look has nothing to save as a blend.
    expect(buttons.filter((b) => b.textContent === 'Save')).toHaveLength(1);
    buttons.find((b) => b.textContent === 'Save')!.click();
    await settle();
    expect(api.callsOf('library.saveMix').at(-1)).toEqual({
      name: 'Match: Portra 400 + TRI-X 400',
      sources: [
        { presetId: 2, weight: 0.7 },
        { presetId: 3, weight: 0.3 },
      ],
    });
  });
});
