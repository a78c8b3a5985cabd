import { describe, expect, it } from 'vitest';
import { FALLBACK_EDGE, previewEdge } from '../../renderer/lib/preview-edge.js';

const TWELVE_MP = { width: 4240, height: 2832 };
const PORTRAIT = { width: 2832, height: 4240 };

describe('the size a preview is rendered at', () => {
  it('is the photo fitted into the visible area, in device pixels, rounded up to a step of 128', () => {
    // A landscape photo in a wide area fills its height; in a tall one its width.
    expect(previewEdge({ width: 1100, height: 700 }, 1, TWELVE_MP)).toBe(1152);
    expect(previewEdge({ width: 1100, height: 700 }, 2, TWELVE_MP)).toBe(2176);
    expect(previewEdge({ width: 600, height: 900 }, 1, TWELVE_MP)).toBe(640);
    // A portrait photo's long edge is its height.
    expect(previewEdge({ width: 1100, height: 700 }, 1, PORTRAIT)).toBe(768);
  });

  it('never exceeds the photo or the limit, and falls back before anything is laid out', () => {
    expect(previewEdge({ width: 1100, height: 700 }, 2, { width: 768, height: 512 })).toBe(768);
    expect(previewEdge({ width: 3000, height: 2000 }, 3, TWELVE_MP)).toBe(4096);
    expect(previewEdge(null, 2, TWELVE_MP)).toBe(FALLBACK_EDGE);
    expect(previewEdge({ width: 0, height: 0 }, 2, TWELVE_MP)).toBe(FALLBACK_EDGE);
  });
});
