import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, keepListed, select } from '../../renderer/lib/selection.js';

const order = [10, 20, 30, 40, 50];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };

describe('library multi-select', () => {
  it('selects one on a plain click, toggles with Ctrl, extends a range with Shift', () => {
    let s = select(EMPTY_SELECTION, order, 20, plain);
    expect([...s.ids]).toEqual([20]);
    s = select(s, order, 40, ctrl);
    expect([...s.ids].sort()).toEqual([20, 40]);
    s = select(s, order, 40, ctrl);
    expect([...s.ids]).toEqual([20]);
    s = select(select(EMPTY_SELECTION, order, 40, plain), order, 20, shift);
    expect([...s.ids].sort()).toEqual([20, 30, 40]);
  });

  it('forgets presets no longer listed', () => {
    const s = keepListed(select(select(EMPTY_SELECTION, order, 10, plain), order, 30, ctrl), [30, 40]);
    expect([...s.ids]).toEqual([30]);
    expect(s.anchor).toBe(30);
  });
});
