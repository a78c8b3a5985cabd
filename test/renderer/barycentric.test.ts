import { describe, expect, it } from 'vitest';
import { VERTICES, clampToTriangle, normalise, toPoint, toWeights, weightsAt } from '../../renderer/lib/barycentric.js';

describe('triangle picker maths', () => {
  it('gives each corner its own style alone', () => {
    VERTICES.forEach((v, i) => {
      const w = toWeights(v);
      w.forEach((x, j) => expect(x).toBeCloseTo(i === j ? 1 : 0, 12));
    });
  });

  it('gives the centroid an even mix', () => {
    const c = { x: (VERTICES[0].x + VERTICES[1].x + VERTICES[2].x) / 3, y: (VERTICES[0].y + VERTICES[1].y + VERTICES[2].y) / 3 };
    for (const x of toWeights(c)) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it('round-trips weights through a point', () => {
    for (const w of [
      [0.2, 0.3, 0.5],
      [0.7, 0.1, 0.2],
      [0, 0.5, 0.5],
    ]) {
      toWeights(toPoint(w)).forEach((x, i) => expect(x).toBeCloseTo(w[i], 12));
    }
  });

  it('keeps a point dragged outside on the nearest edge', () => {
    const p = clampToTriangle({ x: 0.5, y: 2 }); // far below the bottom edge
    expect(p.y).toBeCloseTo(VERTICES[1].y, 12);
    expect(p.x).toBeCloseTo(0.5, 12);
    const w = weightsAt({ x: 0.5, y: 2 });
    expect(w[0]).toBe(0);
    expect(w[1]).toBeCloseTo(0.5, 3);
  });

  it('rounds to thousandths that still sum to 1 and never go negative', () => {
    for (let i = 0; i < 200; i++) {
      const w = weightsAt({ x: Math.random() * 1.4 - 0.2, y: Math.random() * 1.2 - 0.2 });
      expect(w.every((x) => x >= 0 && x <= 1)).toBe(true);
      expect(w[0] + w[1] + w[2]).toBeCloseTo(1, 9);
    }
  });

  it('normalises all-zero weights to an even mix', () => {
    expect(normalise([0, 0, 0])).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});
