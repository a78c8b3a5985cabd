import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LearnedLookSummary } from '../../main/contract/contract.js';
import LearnedLook from '../../renderer/components/LearnedLook.svelte';

const LOOK: LearnedLookSummary = {
  size: 9,
  bytes: 969,
  deltaE2000: { mean: 0.394, p95: 0.981, max: 2.417, gridMean: 0.452 },
  metGoal: true,
  current: true,
  shareOfLibraryModel: 0.125,
};

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function show(look: LearnedLookSummary | null): HTMLElement {
  component = mount(LearnedLook, { target: document.body, props: { look } });
  flushSync();
  return document.querySelector('[aria-label="Learned look"]')!;
}

const fields = (section: HTMLElement) =>
  Object.fromEntries([...section.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));

describe("a LUT preset's learned look", () => {
  it('shows its bytes, lattice, ΔE2000 against its LUT and its share of the library model', () => {
    const section = show(LOOK);
    expect(fields(section)).toEqual({
      Size: '969 B (9³ lattice)',
      ΔE2000: '0.39 mean, 0.98 p95, 2.42 max',
      'On a 33³ grid': '0.45 mean',
      'Library model': '13% of its bytes',
    });
    expect(section.textContent).not.toContain('Short of the fidelity goal');
    expect(section.textContent).toContain('use the exact LUT');
  });

  it('says when it missed the fidelity goal, and when it is from an earlier version of the LUT', () => {
    const section = show({ ...LOOK, metGoal: false, current: false, shareOfLibraryModel: 0 });
    expect(section.textContent).toContain('Short of the fidelity goal');
    expect(section.textContent).toContain('a learn job will replace it');
    expect(fields(section)['Library model']).toBeUndefined();
  });

  it('says it is not learned yet and where to look', () => {
    expect(show(null).textContent).toContain('Not learned yet (learning is queued after an import: see Jobs)');
  });
});
