import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TrianglePicker from '../../renderer/components/TrianglePicker.svelte';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function setup() {
  const changes: { w: number[]; final: boolean }[] = [];
  const props = $state({
    labels: ['LUT01', 'LUT03', 'LUT04'] as [string, string, string],
    weights: [1, 0, 0],
    onchange: (w: number[], final: boolean) => {
      changes.push({ w, final });
      props.weights = w;
    },
  });
  component = mount(TrianglePicker, { target: document.body, props });
  flushSync();
  const handle = document.querySelector('[role="slider"]') as SVGElement;
  const key = (type: 'keydown' | 'keyup', key: string) => {
    handle.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true }));
    flushSync();
  };
  return { changes, handle, key };
}

describe('triangle picker', () => {
  it('jumps to a style with 1, 2, 3 and to an even mix with Home', () => {
    const { changes, handle, key } = setup();
    key('keydown', '2');
    expect(changes.at(-1)).toEqual({ w: [0, 1, 0], final: true });
    expect(handle.getAttribute('aria-valuetext')).toBe('LUT01 0%, LUT03 100%, LUT04 0%');
    key('keydown', 'Home');
    key('keyup', 'Home');
    const w = changes.at(-1)!.w;
    w.forEach((x) => expect(x).toBeCloseTo(1 / 3, 2));
    expect(changes.at(-1)!.final).toBe(true);
  });

  it('moves with the arrow keys as a draft, and asks for the exact look when the key is let go', () => {
    const { changes, key } = setup();
    key('keydown', 'ArrowDown');
    const draft = changes.at(-1)!;
    expect(draft.final).toBe(false);
    expect(draft.w[0]).toBeLessThan(1);
    expect(draft.w[1]).toBeCloseTo(draft.w[2], 3);
    key('keyup', 'ArrowDown');
    expect(changes.at(-1)).toEqual({ w: draft.w, final: true });
  });

  it('turns a drag into weights: draft while moving, final on release', () => {
    const { changes } = setup();
    const svg = document.querySelector('svg')!;
    // The SVG's box is its viewBox scaled 100×: viewBox x -0.1..1.1, y -0.1..0.966.
    svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 120, height: 106.6, right: 120, bottom: 106.6, x: 0, y: 0, toJSON: () => ({}) });
    const at = (type: string, x: number, y: number) =>
      svg.dispatchEvent(new PointerEvent(type, { clientX: (x + 0.1) * 100, clientY: (y + 0.1) * 100, button: 0, bubbles: true }));
    at('pointerdown', 0, Math.sqrt(3) / 2); // bottom-left corner: style 2
    at('pointermove', 1, Math.sqrt(3) / 2); // bottom-right corner: style 3
    at('pointerup', 1, Math.sqrt(3) / 2);
    flushSync();
    expect(changes.map((c) => c.final)).toEqual([false, false, true]);
    expect(changes[0].w).toEqual([0, 1, 0]);
    expect(changes[2].w).toEqual([0, 0, 1]);
  });
});
