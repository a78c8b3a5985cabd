/**
 * The triangle picker's maths: a point in an equilateral triangle and the three style weights
 * it stands for (barycentric coordinates, which sum to 1). Coordinates are in the picker's own
 * unit box: vertex A top centre, B bottom left, C bottom right.
 */
export type Point = { x: number; y: number };
export type Weights3 = [number, number, number];

const H = Math.sqrt(3) / 2;
export const VERTICES: readonly [Point, Point, Point] = [
  { x: 0.5, y: 0 },
  { x: 0, y: H },
  { x: 1, y: H },
];

export function toWeights(p: Point): Weights3 {
  const [a, b, c] = VERTICES;
  const det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
  const wa = ((b.y - c.y) * (p.x - c.x) + (c.x - b.x) * (p.y - c.y)) / det;
  const wb = ((c.y - a.y) * (p.x - c.x) + (a.x - c.x) * (p.y - c.y)) / det;
  return [wa, wb, 1 - wa - wb];
}

export function toPoint(w: readonly number[]): Point {
  const [a, b, c] = VERTICES;
  const [wa, wb, wc] = normalise(w);
  return { x: wa * a.x + wb * b.x + wc * c.x, y: wa * a.y + wb * b.y + wc * c.y };
}

/** Non-negative weights that sum to 1 (all equal when they are all zero). */
export function normalise(w: readonly number[]): Weights3 {
  const clamped = [0, 1, 2].map((i) => Math.max(0, w[i] ?? 0));
  const sum = clamped[0] + clamped[1] + clamped[2];
  if (sum <= 0) return [1 / 3, 1 / 3, 1 / 3];
  return [clamped[0] / sum, clamped[1] / sum, clamped[2] / sum];
}

/** The nearest point inside the triangle: a pointer dragged outside keeps the handle on its edge. */
export function clampToTriangle(p: Point): Point {
  const w = toWeights(p);
  if (w.every((v) => v >= 0)) return p;
  let best: Point = VERTICES[0];
  let bestDistance = Infinity;
  for (let i = 0; i < 3; i++) {
    const q = closestOnSegment(p, VERTICES[i], VERTICES[(i + 1) % 3]);
    const d = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
    if (d < bestDistance) [best, bestDistance] = [q, d];
  }
  return best;
}

function closestOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return { x: a.x + t * dx, y: a.y + t * dy };
}

/** Weights for a point, rounded to thousandths so sliders and requests stay readable. */
export function weightsAt(p: Point): Weights3 {
  const w = normalise(toWeights(clampToTriangle(p)));
  const r = w.map((v) => Math.round(v * 1000) / 1000) as Weights3;
  r[2] = Math.max(0, Math.round((1 - r[0] - r[1]) * 1000) / 1000);
  return r;
}
