import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewImage } from '../../main/contract/contract.js';
import SplitPreview from '../../renderer/components/SplitPreview.svelte';
import { beforeColumns, drawSplit } from '../../renderer/lib/split-draw.js';

function image(value: number, width = 8, height = 2): PreviewImage {
  return { width, height, pixels: new Uint8Array(width * height * 4).fill(value), exact: true, milliseconds: 1 };
}

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('before/after split', () => {
  it('draws the after image whole, then only the before columns left of the split', () => {
    const calls: unknown[][] = [];
    const target = { putImageData: (...args: unknown[]) => void calls.push(args) };
    const before = { width: 8, height: 2 } as ImageData;
    const after = { width: 8, height: 2 } as ImageData;
    drawSplit(target, before, after, 0.25);
    expect(calls).toEqual([
      [after, 0, 0],
      [before, 0, 0, 0, 0, 2, 2],
    ]);
    calls.length = 0;
    drawSplit(target, before, after, 0);
    expect(calls).toEqual([[after, 0, 0]]);
    expect(beforeColumns(1000, 1.7)).toBe(1000);
  });

  it('moves with the arrow keys, Home and End, and says where it is', () => {
    const props = $state({ before: image(10), after: image(200), split: 0.5 });
    component = mount(SplitPreview, { target: document.body, props });
    flushSync();
    const handle = document.querySelector('[role="slider"]') as HTMLElement;
    expect(handle.getAttribute('aria-label')).toBe('Before/after split');
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(handle.getAttribute('aria-valuenow')).toBe('55');
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    flushSync();
    expect(handle.getAttribute('aria-valuenow')).toBe('0');
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    flushSync();
    expect(handle.getAttribute('aria-valuenow')).toBe('100');
    expect(document.querySelector('canvas')!.dataset.split).toBe('1');
  });

  it('follows the pointer across the image', () => {
    const props = $state({ before: image(10), after: image(200), split: 0.5 });
    component = mount(SplitPreview, { target: document.body, props });
    flushSync();
    const canvas = document.querySelector('canvas')!;
    canvas.getBoundingClientRect = () => ({ left: 100, top: 0, width: 400, height: 100, right: 500, bottom: 100, x: 100, y: 0, toJSON: () => ({}) });
    const frame = canvas.parentElement!;
    frame.dispatchEvent(new PointerEvent('pointerdown', { clientX: 200, button: 0, bubbles: true }));
    flushSync();
    expect(canvas.dataset.split).toBe('0.25');
    frame.dispatchEvent(new PointerEvent('pointermove', { clientX: 900, bubbles: true }));
    flushSync();
    expect(canvas.dataset.split).toBe('1');
    frame.dispatchEvent(new PointerEvent('pointerup', { clientX: 900, bubbles: true }));
    frame.dispatchEvent(new PointerEvent('pointermove', { clientX: 100, bubbles: true }));
    flushSync();
    expect(canvas.dataset.split).toBe('1');
  });
});
